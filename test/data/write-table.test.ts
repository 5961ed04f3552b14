import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/data/datasets/index.js';
import { number, text } from '../../src/data/fields.js';
import { loadData } from '../../src/data/load.js';
import { readTable } from '../../src/data/read-table.js';
import { defineDataset } from '../../src/data/schema.js';
import { formatTable, formatTableChunks, neutraliseFormula, restoreFormula } from '../../src/data/write-table.js';
import { ROOT } from '../support.js';

describe('formatTableChunks', () => {
  it('writes a large dataset in pieces that join to the whole table', () => {
    const schema = DATASETS['market-daily'];
    const rows = Array.from({ length: 25_001 }, (_, i) => ({
      market: 'eu-ets',
      instrument: 'futures',
      series: 'test',
      date: `2021-01-${String((i % 28) + 1).padStart(2, '0')}`,
      close: i,
      currency: 'EUR',
      note: i % 2 ? 'a, "quoted" note' : null,
    }));
    const chunks = [...formatTableChunks(schema, rows)];
    expect(chunks.length).toBe(1 + 3); // the header, then 10,000 lines at most per chunk
    expect(chunks.join('')).toBe(formatTable(schema, rows));
    expect(chunks.join('').split('\n').length).toBe(25_001 + 2);
  });
});

describe('the CSV writer and formulas', () => {
  const schema = defineDataset({ name: 'example', title: 'Example', description: 'A text and a number.', fields: { label: text(), value: number() } });
  const LABELS = ['=1+2', '@SUM(A1)', "'=already quoted", "''@twice", 'a;-1+2', 'x\t=1', 'plain', "it's fine", '-5'];

  it('neutralises formula-like text in the file, and reading it back gives the same text; numbers stay numbers', async () => {
    const rows = LABELS.map((label, i) => ({ label, value: i === 0 ? -5 : i }));
    const csv = formatTable(schema, rows);
    const cells = parse(csv) as string[][];
    expect(cells.slice(1, 4)).toEqual([
      ["'=1+2", '-5'],
      ["'@SUM(A1)", '1'],
      ["''=already quoted", '2'],
    ]);
    expect(cells[5]![0]).toBe("a;'-1+2");
    expect(cells[9]![0]).toBe('-5'); // text that is a plain number is a number to a spreadsheet, not a formula
    expect(csv.split('\n')[1]).toBe("'=1+2,-5"); // the number written as a number, not quoted or prefixed
    const read = await readTable(Buffer.from(csv), schema, { restoreFormulas: true });
    expect(read.issues).toEqual([]);
    expect(read.rows.map((r) => r.label)).toEqual(LABELS);
    expect(read.rows[0]!.value).toBe(-5);
  });

  it('restores whatever text it neutralised', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', "'", ';', ',', '|', '\t', '\n', ' ', 'a', '1', '\uff1d') });
    fc.assert(fc.property(text, (s) => restoreFormula(neutraliseFormula(s)) === s));
  });

  it('is what data/ is loaded through: a title "=1+2" in sources.csv loads as written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'etsb-formulas-'));
    try {
      await cp(join(ROOT, 'data'), dir, { recursive: true });
      const before = (await loadData(dir)).data!;
      const sources = before.sources.map((s, i) => (i === 0 ? { ...s, title: '=1+2', note: '@SUM(A1)' } : s));
      await writeFile(join(dir, 'sources.csv'), formatTable(DATASETS.sources, sources));
      expect(await readFile(join(dir, 'sources.csv'), 'utf8')).toContain(",'=1+2,");
      const after = (await loadData(dir)).data!;
      expect(after.sources[0]).toMatchObject({ title: '=1+2', note: '@SUM(A1)' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
