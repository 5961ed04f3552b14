import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/errors.js';
import { importFiles } from '../../src/data/import/run.js';
import { dataCopyIn } from '../support.js';
import { isIsoDate, parseDayFirstDate } from '../../src/data/dates.js';
import { text } from '../../src/data/fields.js';
import { excelDate, readSheetTable, readWorkbook, type Sheet } from '../../src/data/formats/spreadsheet.js';
import { singleZipMember } from '../../src/data/formats/zip.js';
import { InputError } from '../../src/data/input.js';
import { extract } from '../../src/data/import/extract.js';
import { recognise } from '../../src/data/import/recognise.js';

// The text parsing behind the workbook, zip and investing.com formats, on random and mutated
// input. Bounded for CI (fixed seed); FUZZ_RUNS=20000 FUZZ_SEED=… runs longer.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./import/fixtures/${name}`, import.meta.url)));

const isoDay = fc.integer({ min: Date.UTC(1900, 2, 1) / 864e5, max: Date.UTC(2099, 11, 31) / 864e5 }).map((d) => new Date(d * 864e5));

/** Bytes of a valid file with a few bytes changed, inserted or cut: what a damaged download looks like. */
const damaged = (base: Uint8Array) =>
  fc
    .array(fc.record({ at: fc.nat(), kind: fc.constantFrom('set', 'insert', 'cut'), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 })
    .map((edits) => {
      let bytes = Buffer.from(base);
      for (const e of edits) {
        const at = e.at % bytes.length;
        if (e.kind === 'set') bytes[at] = e.byte;
        else if (e.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.of(e.byte), bytes.subarray(at)]);
        else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + (e.byte % 64))]);
      }
      return new Uint8Array(bytes);
    });

describe('day-first dates (property)', () => {
  it('reads every real date written D-M-YYYY, padded or not, with dashes or slashes', () => {
    fc.assert(
      fc.property(isoDay, fc.boolean(), fc.constantFrom('-', '/'), (d, pad, sep) => {
        const p = (n: number) => (pad ? String(n).padStart(2, '0') : String(n));
        const written = [p(d.getUTCDate()), p(d.getUTCMonth() + 1), d.getUTCFullYear()].join(sep);
        expect(parseDayFirstDate(written)).toEqual({ ok: true, value: d.toISOString().slice(0, 10) });
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
  });

  it('on any text, returns a real ISO date or says what it expected, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,3}[-/.]\d{1,3}[-/.]\d{1,5}$/)), (raw) => {
        const r = parseDayFirstDate(raw);
        if (r.ok) expect(isIsoDate(r.value)).toBe(true);
        else expect(r.expected).toMatch(/date/);
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
  });
});

describe('Excel serial dates (property)', () => {
  it('count whole days from 1899-12-30, whatever the time of day', () => {
    expect(excelDate(25_569)).toBe('1970-01-01');
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_464 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (serial, time) => {
        const day = excelDate(serial + time)!;
        expect(isIsoDate(day)).toBe(true);
        expect(Date.parse(excelDate(serial + 1)!) - Date.parse(day)).toBe(864e5);
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
  });
});

describe('sheets read as tables (property)', () => {
  it('gives back every text cell as written (line breaks as spaces), commas, quotes and CJK included', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', ';', '\t', '\n', '碳', '€', '0', '.', '-'), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), async (rows) => {
        const sheet: Sheet = { name: 'S', rows: [['Title'], ['Name', 'Value'], ...rows] };
        const schema = { name: 't', title: 't', description: '', fields: { name: text().optional(), value: text().optional() } };
        const t = await readSheetTable(sheet, schema, 'f.xlsx');
        expect(t.issues.filter((i) => i.severity === 'error')).toEqual([]);
        // A cell as its field reads it: line breaks as spaces, trimmed, a missing-value marker as null;
        // a row of empty cells is passed over.
        const read = (c: string) => {
          const v = c.replace(/\n/g, ' ').trim();
          return ['', '-', '--', '—', 'N/A', 'n/a', 'NA', '#N/A'].includes(v) ? null : v;
        };
        const expected = rows.filter((r) => r.some((c) => c.replace(/\n/g, ' ').trim() !== '')).map((r) => r.map(read));
        expect(t.rows.map((r) => [r.name, r.value])).toEqual(expected);
        expect(t.headerLine).toBe(2);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('damaged workbooks and archives (property)', () => {
  // Parsing runs on a thread with a time limit: a short one here, so a file that makes SheetJS
  // loop costs seconds, not a minute.
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.ETS_BRIEF_WORKBOOK_SECONDS;
    process.env.ETS_BRIEF_WORKBOOK_SECONDS = '4';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.ETS_BRIEF_WORKBOOK_SECONDS;
    else process.env.ETS_BRIEF_WORKBOOK_SECONDS = saved;
  });

  it('refuses the damaged .xls that makes SheetJS loop for ever, within the time limit, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ets-damaged-'));
    try {
      const data = await dataCopyIn(dir, 'data');
      const file = fileURLToPath(new URL('./import/fixtures/damaged-endless.xls', import.meta.url));
      const started = Date.now();
      const error = await importFiles([file], { dataDir: data, version: '0.0.0-test' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).issues[0]).toMatchObject({
        file,
        message: expect.stringMatching(/not a readable workbook: parsing did not finish within 4 s/),
      });
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  const bases = ['eex-auctions-2013-layout.xls', 'eex-auctions-2020-layout.xlsx', 'sceex-pilot-quotes-sample.xlsx'].map(fixture);

  it('a damaged workbook is read, or refused with a located error; never another throw or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bases).chain(damaged), async (bytes) => {
        const input = { path: 'damaged.xlsx', bytes };
        try {
          await readWorkbook(bytes, 'damaged.xlsx');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
        const format = await recognise(input);
        if (format && format.reader !== 'unused') {
          try {
            const out = await extract(format, input, 'damaged.xlsx', {});
            for (const issue of out.issues) expect(issue.file).toMatch(/^damaged\.xlsx/);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: SEED },
    );
  }, 300_000);

  it('a damaged zip gives its one file or an InputError, and never more bytes than the limit', async () => {
    const zip = fixture('eurofxref-hist-sample.zip');
    await fc.assert(
      fc.asyncProperty(damaged(zip), async (bytes) => {
        try {
          const member = singleZipMember(bytes, 'rates.zip', 4096);
          expect(member.bytes.length).toBeLessThanOrEqual(4096);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: RUNS * 3, seed: SEED },
    );
  });
});
