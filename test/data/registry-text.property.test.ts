import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KNOWN_COUNTRY_NAMES } from '../../src/data/formats/country-names.js';
import { readNoteTable } from '../../src/data/formats/eea-note.js';
import { classifyAccountTable, readAllocationCell, type AllocationPart } from '../../src/data/formats/eutl.js';
import { recogniseAll } from '../../src/data/import/recognise.js';

// Properties of the text the registry and the EEA write (see fuzz.test.ts for the CSV loaders):
// what is written in their layouts reads back exactly; anything else ends in a value or a reason,
// never a throw. Bounded for CI; FUZZ_RUNS=20000 FUZZ_SEED=… runs longer.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const settings = { seed: SEED, numRuns: RUNS };

/** The two layouts' footnote markers for the same parts (account pages; national allocation tables). */
const LAYOUTS: Record<string, Record<string, AllocationPart>> = {
  pages: { '****': 'allocated_10c', '*****': 'allocated_ner' },
  tables: { '**': 'allocated_10c', '***': 'allocated_ner' },
};
const markerOf = (layout: string, part: AllocationPart) => Object.entries(LAYOUTS[layout]!).find(([, p]) => p === part)![0];

const allocation = fc.record({
  layout: fc.constantFrom('pages', 'tables'),
  base: fc.nat({ max: 50_000_000 }),
  parts: fc.uniqueArray(fc.record({ part: fc.constantFrom<AllocationPart>('allocated_10c', 'allocated_ner'), value: fc.nat({ max: 50_000_000 }) }), {
    selector: (p) => p.part,
    maxLength: 2,
  }),
  attached: fc.boolean(),
  gap: fc.constantFrom(' ', '  ', '   ', '\t'),
});

describe('registry allocation cells (property)', () => {
  it('read back as written, in either layout: the sum of the parts, each part kept', () => {
    fc.assert(
      fc.property(allocation, ({ layout, base, parts, attached, gap }) => {
        const cell = [
          String(base),
          ...parts.map((p) => (attached ? `${p.value}${markerOf(layout, p.part)}` : `${p.value}${gap}${markerOf(layout, p.part)}`)),
        ].join(gap);
        const read = readAllocationCell(cell, LAYOUTS[layout]!);
        expect(read.ok, cell).toBe(true);
        if (!read.ok) return;
        expect(read.value.total).toBe(base + parts.reduce((s, p) => s + p.value, 0));
        expect(read.value.parts).toEqual(Object.fromEntries(parts.map((p) => [p.part, p.value])));
      }),
      settings,
    );
  });

  it('end in a value or a reason for any text, never a throw; a value is never negative', () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^[0-9* \t.,-]{0,30}$/));
    fc.assert(
      fc.property(text, fc.constantFrom('pages', 'tables'), (raw, layout) => {
        const read = readAllocationCell(raw, LAYOUTS[layout]!);
        if (read.ok) {
          expect(read.value.total).toBeGreaterThanOrEqual(0);
          expect(Number.isFinite(read.value.total)).toBe(true);
          expect(read.value.total).toBeGreaterThanOrEqual(Object.values(read.value.parts).reduce((s, v) => s + v, 0));
        } else {
          expect(read.message.length).toBeGreaterThan(0);
          expect(read.expected.length).toBeGreaterThan(0);
        }
      }),
      settings,
    );
  });

  it('never take a marker of the other layout for a part', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom('****', '*****'), (a, b, marker) => {
        expect(readAllocationCell(`${a}  ${b}  ${marker}`, LAYOUTS.tables!).ok).toBe(false);
      }),
      settings,
    );
  });
});

const noteTable = fc.record({
  first: fc.integer({ min: 1990, max: 2030 }),
  width: fc.integer({ min: 1, max: 9 }),
  names: fc.uniqueArray(fc.constantFrom(...KNOWN_COUNTRY_NAMES), { minLength: 1, maxLength: 12 }),
  tenths: fc.array(fc.integer({ min: -999, max: 99_999 }), { minLength: 12 * 9, maxLength: 12 * 9 }),
  pad: fc.integer({ min: 1, max: 8 }),
  before: fc.array(fc.constantFrom('', 'Some text about the table.', '\fETC-CM Working Paper          26', 'Table 2-1 Not this one'), { maxLength: 5 }),
});

describe("the EEA note's tables (property)", () => {
  it("read back as written: every row's name and values, under its years", () => {
    fc.assert(
      fc.property(noteTable, ({ first, width, names, tenths, pad, before }) => {
        const years = Array.from({ length: width }, (_, i) => first + i);
        const value = (r: number, c: number) => tenths[r * 9 + c]! / 10;
        const gap = ' '.repeat(pad + 2);
        const lines = [
          ...before,
          '\fTable 13-1       Estimates to reflect current ETS scope',
          'data viewer',
          '',
          `      ${years.join(gap)}`,
          '           Mt CO2 / Mio. EUAs',
          ...names.map((n, r) => ` ${n}${gap}${years.map((_, c) => value(r, c).toFixed(1)).join(gap)}`),
          '',
          'ETC-CM Working Paper      27',
        ];
        const { table, issues } = readNoteTable(lines.join('\n'), 'Table 13-1', 'note.txt');
        expect(issues).toEqual([]);
        expect(table!.years).toEqual(years);
        expect(table!.unit).toBe('Mt CO2 / Mio. EUAs');
        expect(table!.rows.map((r) => [r.name, r.values])).toEqual(names.map((n, r) => [n, years.map((_, c) => Number(value(r, c).toFixed(1)))]));
      }),
      settings,
    );
  });

  it('end in rows or located errors for mutated notes, never a throw', async () => {
    const note = await readFile(fileURLToPath(new URL('./import/fixtures/eea-notes/background-note-sample.txt', import.meta.url)), 'utf8');
    const edit = fc.record({
      at: fc.nat(),
      cut: fc.nat({ max: 20 }),
      insert: fc.constantFrom('', ' ', '\n', '\f', '1.0', '-', 'x', '2009', '\n\n', 'Table 13-1'),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), (edits) => {
        let text = note;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        }
        const { table, issues } = readNoteTable(text, 'Table 13-1', 'note.txt');
        for (const issue of issues) expect(issue.file).toBe('note.txt');
        if (table) for (const row of table.rows) expect(row.values).toHaveLength(table.years.length);
      }),
      settings,
    );
  });
});

describe("telling the registry's account tables apart (property)", () => {
  const account = fc.record({
    phase1: fc.integer({ min: 1, max: 10_000_000 }),
    phase2: fc.integer({ min: 1, max: 10_000_000 }),
    drift: fc.array(fc.integer({ min: 3, max: 100_000 }), { minLength: 8, maxLength: 8 }),
  });
  const table = (rows: string[][]) =>
    ['account_id,2005,2006,2007,2008,2009,2010,2011,2012', ...rows.map((r, i) => [String(900000 + i), ...r].join(','))].join('\n');

  it('reads allocations repeating across a period as allocations, emissions that vary as emissions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(account, { minLength: 1, maxLength: 20 }), async (accounts) => {
        const allocations = accounts.map((a) => [...Array(3).fill(String(a.phase1)), ...Array(5).fill(String(a.phase2))]);
        const emissions = accounts.map((a) => a.drift.map((d, i) => String((i < 3 ? a.phase1 : a.phase2) + d * (i + 1))));
        expect((await classifyAccountTable(Buffer.from(table(allocations)))).content).toBe('allocation');
        expect((await classifyAccountTable(Buffer.from(table(emissions)))).content).toBe('verified-emissions');
      }),
      { ...settings, numRuns: Math.min(RUNS, 50) },
    );
  });

  it('recognises any bytes as some formats or none, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string().map((s) => Buffer.from(`account_id,2013\n1,${s}\n`)),
        ),
        async (bytes) => {
          expect(Array.isArray(await recogniseAll({ path: '/nonexistent/fuzz.csv', bytes }))).toBe(true);
        },
      ),
      { ...settings, numRuns: Math.min(RUNS, 100) },
    );
  });
});
