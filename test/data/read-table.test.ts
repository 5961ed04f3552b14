import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { number, text } from '../../src/data/fields.js';
import { formatIssue, type DataIssue } from '../../src/data/errors.js';
import { dailyPrices } from '../../src/data/formats/daily-prices.js';
import { readTable } from '../../src/data/read-table.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const read = (name: string, options = {}) => readTable(fixture(name), dailyPrices, { displayPath: name, unknownColumns: 'ignore', ...options });
const errors = (issues: readonly DataIssue[]) => issues.filter((i) => i.severity === 'error');

describe('readTable on real-world layouts', () => {
  it('reads a GB18030 export with Chinese headers, Chinese dates and grouped numbers', async () => {
    const t = await read('gb18030-chinese-headers.csv');
    expect(t.issues).toEqual([]);
    expect(t.shape?.encoding).toBe('gb18030');
    expect(t.rows).toEqual([
      { date: '2021-07-16', open: 48, high: 51.8, low: 48, close: 51.23, volume: 4103953, turnover: 210230053.25, change_pct: null },
      { date: '2021-07-19', open: 52.55, high: 52.8, low: 50.5, close: 50.5, volume: 1289480, turnover: 65887280, change_pct: null },
    ]);
  });

  it('reads UTF-8 with a BOM, semicolons, dd.mm.yyyy dates and K/M volumes', async () => {
    const t = await read('utf8-bom-semicolon.csv');
    expect(t.issues).toEqual([]);
    expect(t.shape).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
    expect(t.rows.map((r) => [r.date, r.close, r.volume])).toEqual([
      ['2021-07-16', 51.23, 4_100_000],
      ['2021-07-19', 50.5, 1_289_000],
    ]);
  });

  it('reads tab-delimited files with month names and 万吨/亿吨 volumes', async () => {
    const t = await read('tab-delimited-month-names.csv');
    expect(t.issues).toEqual([]);
    expect(t.rows.map((r) => [r.date, r.close, r.volume])).toEqual([
      ['2021-07-16', 51.23, 4_100_000],
      ['2021-07-19', 50.5, 1_290_000],
    ]);
  });

  it('reads UTF-16 files with a BOM', async () => {
    const t = await read('utf16le-bom.csv');
    expect(t.issues).toEqual([]);
    expect(t.rows).toMatchObject([{ date: '2021-07-16', close: 51 }]);
  });

  it('treats -, --, N/A and empty as missing, and reads 亿元 and percent', async () => {
    const t = await read('missing-and-units.csv');
    expect(t.issues).toEqual([]);
    expect(t.rows).toMatchObject([
      { volume: 4103953, turnover: 210_000_000, change_pct: 1.5 },
      { volume: null, turnover: null, change_pct: null },
      { volume: null, turnover: null, change_pct: -2.97 },
    ]);
  });

  it('reads RFC 4180 quoting: commas, doubled quotes and newlines inside fields, CRLF, no final newline', async () => {
    const t = await readTable(fixture('rfc4180-crlf-no-final-newline.csv'), dailyPrices, { unknownColumns: 'ignore' });
    expect(t.issues).toEqual([]);
    expect(t.rows.map((r) => r.date)).toEqual(['2021-07-16', '2021-07-19']);
    expect(t.lines).toEqual([2, 4]); // the second record starts after the two-line quoted field
  });
});

describe('readTable line numbers', () => {
  it('counts lines across CRLF inside quotes, mixed line endings and blank lines', async () => {
    const t = await read('mixed-line-endings.csv', { unknownColumns: 'ignore' });
    expect(t.rows.map((r) => r.date)).toEqual(['2021-07-16', '2021-07-19']);
    expect(t.lines).toEqual([3, 7]);
    expect(errors(t.issues).map((i) => [i.line, i.column])).toEqual([[9, 'close']]);
  });
});

describe('readTable errors', () => {
  it('reports every bad cell with file, line, column, value and what was expected', async () => {
    const t = await read('broken-cells.csv');
    const messages = errors(t.issues).map(formatIssue);
    expect(messages).toEqual([
      expect.stringMatching(/^broken-cells\.csv:3:1: error \[date\]: invalid value \(got "2021-02-30"; expected a real calendar date\)$/),
      expect.stringMatching(/^broken-cells\.csv:3:3: error \[volume\]: invalid value \(got "abc"; expected a number/),
      expect.stringMatching(/^broken-cells\.csv:4:2: error \[close\]: missing value/),
      expect.stringMatching(/^broken-cells\.csv:4:3: error \[volume\]: invalid value \(got "12万"; expected .*万吨/),
      expect.stringMatching(/^broken-cells\.csv:5:3: error \[volume\]: invalid value \(got "12 kg"/),
    ]);
    expect(t.rows.map((r) => r.date)).toEqual(['2021-07-16']); // rows with errors are not returned
  });

  it('reports ragged rows by line and keeps reading', async () => {
    const t = await read('ragged-row.csv');
    expect(errors(t.issues).map((i) => [i.line, i.message])).toEqual([
      [2, 'row has 2 cells but the header has 3'],
      [3, 'row has 4 cells but the header has 3'],
    ]);
    expect(t.rows).toHaveLength(1);
  });

  it('reports an unclosed quote instead of swallowing the file', async () => {
    const t = await read('unclosed-quote.csv');
    expect(errors(t.issues)).toHaveLength(1);
    expect(errors(t.issues)[0]!.message).toMatch(/malformed CSV/i);
  });

  it('refuses two columns that map onto one field, and says which', async () => {
    const t = await read('duplicate-headers.csv');
    expect(errors(t.issues)[0]!.message).toBe('duplicate column: "close" (column 2) already provides field "close"');
  });

  it('names the missing required column and its accepted names', async () => {
    const t = await read('missing-required-column.csv');
    const [issue] = errors(t.issues);
    expect(issue!.message).toBe('missing required column "close"');
    expect(issue!.expected).toContain('"收盘价"');
  });

  it('rejects unknown columns where the schema is strict', async () => {
    const t = await read('missing-and-units.csv', { unknownColumns: 'error' });
    expect(errors(t.issues)).toEqual([]);
    const strict = await read('rfc4180-crlf-no-final-newline.csv', { unknownColumns: 'error' });
    expect(errors(strict.issues).map((i) => [i.column, i.message])).toEqual([['note', 'unknown column']]);
  });

  it('reports empty files, and accepts a header with no rows', async () => {
    expect(errors((await read('empty.csv')).issues)[0]!.message).toBe('the file is empty');
    const headersOnly = await read('headers-only.csv');
    expect(headersOnly.issues).toEqual([]);
    expect(headersOnly.rows).toEqual([]);
  });

  it('reports bytes that are not text in any supported encoding', async () => {
    const t = await read('invalid-utf8-after-sample.csv');
    expect(errors(t.issues)[0]!.message).toMatch(/not valid .* text/);
  });

  it('reports a missing file as an issue, not an exception', async () => {
    const t = await read('does-not-exist.csv');
    expect(errors(t.issues)[0]!.message).toBe('file not found');
  });

  it('caps the number of issues listed per file and counts the rest', async () => {
    const t = await read('broken-cells.csv', { maxIssues: 2 });
    expect(t.issues).toHaveLength(3);
    expect(t.issues[2]!.message).toMatch(/and 3 more issues/);
  });
});

describe('row objects', () => {
  it('give every field an own property, a field named __proto__ included, and never a prototype from data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ets-rows-'));
    const file = join(dir, 'odd.csv');
    await writeFile(file, '__proto__,constructor,value\n"{""polluted"":true}",x,1\n');
    const schema = { name: 'odd', title: 'odd', description: '', fields: { ['__proto__']: text(), constructor: text(), value: number() } } as const;
    const { rows, issues } = await readTable(file, schema as never);
    expect(issues).toEqual([]);
    const row = rows[0] as unknown as Record<string, unknown>;
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor', 'value']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('{"polluted":true}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('line endings', () => {
  it('reads a file whose lines end with a lone CR (old Mac), with true line numbers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ets-cr-'));
    const file = join(dir, 'mac.csv');
    await writeFile(file, 'date,close\r2021-07-16,51.23\r2021-07-19,x\r');
    const t = await readTable(file, dailyPrices, { unknownColumns: 'ignore' });
    expect(t.rows.map((r) => r.close)).toEqual([51.23]);
    expect(t.issues.map((i) => [i.line, i.column])).toEqual([[3, 'close']]);
    await rm(dir, { recursive: true, force: true });
  });
});
