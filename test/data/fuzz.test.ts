import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyPrices } from '../../src/data/formats/daily-prices.js';
import { readWindExport } from '../../src/data/formats/wind.js';
import { readTable } from '../../src/data/read-table.js';

// Bounded for CI (fixed seed, a few hundred files); FUZZ_RUNS=20000 FUZZ_SEED=… runs longer.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-fuzz-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const VALID = 'date,close,volume,turnover\r\n2021-07-16,51.23,"4,103,953",2.1亿元\r\n2021/7/19,50.5,1289K,\r\n16.07.2021,49,12万吨,N/A\r\n';

/** Ways real files go wrong, applied to the bytes of a valid file. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('text' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '"',
      '""',
      ',',
      ';',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\ufeff',
      '\ufffd',
      '﻿date',
      'date,date',
      '"unclosed',
      '1e999',
      '-',
      '--',
      '亿吨',
      '\u00ff\u00fe',
      'x'.repeat(1 << 20),
    ),
  }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    bytes: fc.constantFrom(Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xe4, 0xb8), Uint8Array.of(0x81, 0x30), Uint8Array.of(0xef, 0xbb, 0xbf)),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(base: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Buffer.from(base);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
    if (m.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    else {
      const piece = m.kind === 'text' ? Buffer.from(m.text, 'utf8') : Buffer.from(m.bytes);
      bytes = Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);
    }
  }
  return bytes;
}

const anyFile = fc.oneof(
  { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => apply(Buffer.from(VALID), ms)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(new Uint8Array(0), Buffer.from('date,close\n'), Buffer.from('\ufeff'), Buffer.from('date,close,close\n2021-07-16,1,1\n')),
  },
);

async function write(bytes: Uint8Array): Promise<string> {
  const file = join(dir, `f${n++}.csv`);
  await writeFile(file, bytes);
  return file;
}

describe('loaders on random and mutated files (property)', () => {
  it('readTable ends in typed rows or located errors, never a throw or a hang', async () => {
    await fc.assert(
      fc.asyncProperty(anyFile, async (bytes) => {
        const file = await write(bytes);
        const result = await Promise.race([
          readTable(file, dailyPrices, { displayPath: 'fuzz.csv', unknownColumns: 'ignore' }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hang: no result in 10 s')), 10_000)),
        ]);
        for (const issue of result.issues) {
          expect(issue.file).toBe('fuzz.csv');
          expect(typeof issue.message).toBe('string');
        }
        for (const row of result.rows) {
          expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(Number.isFinite(row.close)).toBe(true);
        }
        // Errors and rows can coexist, but a file with neither rows nor errors must be header-only.
        if (result.rows.length === 0 && result.issues.length === 0) expect(result.lines).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);

  it('the WIND reader does the same on mutated exports', async () => {
    const wind = Buffer.from('指标名称,中国:碳市场碳排放配额(CEA):最新价\n频率,日\n单位,元/吨\n2021/7/19,50.5\n2021/7/16,51.23\n,\n数据来源：Wind,\n');
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
        const file = await write(apply(wind, ms));
        const result = await readWindExport(file, 'wind.csv');
        for (const issue of result.issues) expect(issue.file).toBe('wind.csv');
        for (const s of result.series) for (const p of s.points) expect(Number.isFinite(p.value)).toBe(true);
      }),
      { seed: SEED + 1, numRuns: Math.ceil(RUNS / 2) },
    );
  }, 120_000);
});
