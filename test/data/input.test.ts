import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataIssue } from '../../src/data/errors.js';
import { text } from '../../src/data/fields.js';
import { dailyPrices } from '../../src/data/formats/daily-prices.js';
import { readYearColumns } from '../../src/data/formats/year-columns.js';
import { readWindExport } from '../../src/data/formats/wind.js';
import { loadData } from '../../src/data/load.js';
import { readTable } from '../../src/data/read-table.js';
import { ROOT } from '../support.js';

// Inputs are regular files of bounded size, examined before they are opened: a FIFO would block
// the open forever, a device never ends. Each refusal says what the path is.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const withNote = { ...dailyPrices, fields: { ...dailyPrices.fields, note: text().optional() } };
const read = (path: string) => readTable(path, withNote, { displayPath: 'in.csv', unknownColumns: 'ignore' });
const messages = (issues: readonly DataIssue[]) => issues.filter((i) => i.severity === 'error').map((i) => i.message);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-input-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.ETS_BRIEF_MAX_FILE_MIB;
});

describe('what ets-brief refuses to read, and how it says so', () => {
  it('a missing file', async () => {
    expect(messages((await read(join(dir, 'nope.csv'))).issues)).toEqual(['file not found']);
  });

  it('a directory', async () => {
    await mkdir(join(dir, 'folder.csv'));
    expect(messages((await read(join(dir, 'folder.csv'))).issues)).toEqual([expect.stringMatching(/^a directory, not a file/)]);
  });

  it('a FIFO, without opening it (which would block until a writer comes)', { timeout: 5_000 }, async () => {
    const fifo = join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const issues of [(await read(fifo)).issues, (await readWindExport(fifo)).issues, (await readYearColumns(fifo)).issues]) {
      expect(messages(issues)).toEqual([expect.stringMatching(/^a named pipe \(FIFO\), not a file/)]);
    }
  });

  it('a symbolic link to a device such as /dev/zero', { timeout: 5_000 }, async () => {
    const link = join(dir, 'zero.csv');
    await symlink('/dev/zero', link);
    expect(messages((await read(link)).issues)).toEqual([expect.stringMatching(/^a character device, not a file/)]);
  });

  it('a file over the size limit, with the limit and how to raise it', async () => {
    const big = join(dir, 'big.csv');
    await writeFile(big, `date,close\n${'2021-07-16,51.23\n'.repeat(200)}`);
    process.env.ETS_BRIEF_MAX_FILE_MIB = '0.001'; // about 1 KiB
    const [message] = messages((await read(big)).issues);
    expect(message).toMatch(/more than the 0\.0 MiB ets-brief reads \(set ETS_BRIEF_MAX_FILE_MIB to raise the limit\)/);
    delete process.env.ETS_BRIEF_MAX_FILE_MIB;
    expect((await read(big)).issues).toEqual([]);
  });

  it('no size limit on data/ itself: it is streamed, memory flat however long a series grows', async () => {
    process.env.ETS_BRIEF_MAX_FILE_MIB = '0.001';
    const loaded = await loadData(join(ROOT, 'data'));
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('control characters in cells', () => {
  it('a NUL after a closing quote is an error at its line and column, and the row is not read', async () => {
    const t = await read(fixture('nul-after-closing-quote.csv'));
    expect(t.issues).toEqual([
      expect.objectContaining({
        file: 'in.csv',
        line: 3,
        columnIndex: 3,
        severity: 'error',
        message: 'control character U+0000 in a cell',
        value: 'looks fine\u0000',
      }),
    ]);
    expect(t.rows.map((r) => r.date)).toEqual(['2021-07-16', '2021-07-20']);
  });

  it.each([
    ['U+0001', '\u0001'],
    ['U+001B (escape)', '\u001b'],
    ['U+007F (DEL)', '\u007f'],
    ['U+0085 (C1 next line)', '\u0085'],
    ['U+009B (C1 CSI)', '\u009b'],
  ])('%s in a text cell is located', async (_name, char) => {
    const file = join(dir, `control-${char.charCodeAt(0)}.csv`);
    await writeFile(file, `date,close,note\n2021-07-16,51.23,"a\nb"\n2021-07-19,50.5,x${char}y\n`);
    const t = await read(file);
    expect(t.issues).toEqual([
      expect.objectContaining({
        line: 4,
        columnIndex: 3,
        message: `control character U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in a cell`,
      }),
    ]);
  });

  it('tab, CR and LF inside a quoted cell are text', async () => {
    const file = join(dir, 'whitespace.csv');
    await writeFile(file, 'date,close,note\r\n2021-07-16,51.23,"a\tb\r\nc"\r\n');
    const t = await read(file);
    expect(t.issues).toEqual([]);
    expect(t.rows[0]!.note).toBe('a\tb\r\nc');
  });
});
