import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { DATA_LOCK, DataLockedError } from '../../src/data/lock.js';
import { DataTransaction, JOURNAL } from '../../src/data/transaction.js';
import { dataCopyIn } from '../support.js';

// The pieces behind `import`'s guarantees, driven directly: the lock, the commit, and what the
// next run does with what a killed one left.
let root: string;
let n = 0;
const freshData = () => dataCopyIn(root, `data-${n++}`);
const hidden = async (dir: string) => (await readdir(dir)).filter((f) => f.startsWith('.'));
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-transaction-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the data/ lock', () => {
  it("refuses a second writer with the first one's pid, once its wait is over", async () => {
    const dir = await freshData();
    const first = await DataTransaction.begin(dir);
    const error = await DataTransaction.begin(dir, { lockWaitMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataLockedError);
    expect((error as Error).message).toMatch(new RegExp(`another ets-brief process \\(${process.pid}\\) is writing`));
    await first.rollback();
    await (await DataTransaction.begin(dir, { lockWaitMs: 0 })).rollback();
    expect(await hidden(dir)).toEqual([]);
  });

  it('says so when the data folder does not exist, creating nothing', async () => {
    const missing = join(root, 'no-such-data');
    await expect(DataTransaction.begin(missing)).rejects.toMatchObject({
      name: 'DataError',
      issues: [expect.objectContaining({ file: missing, message: 'folder not found' })],
    });
    await expect(readdir(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = await freshData();
    await writeFile(join(dir, DATA_LOCK), `${deadPid()} 0123456789abcdef\n`);
    const txn = await DataTransaction.begin(dir, { lockWaitMs: 0 });
    expect(await readFile(join(dir, DATA_LOCK), 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    await txn.rollback();
    expect(await hidden(dir)).toEqual([]);
  });
});

describe('what a killed writer leaves', () => {
  it('before its commit point: ignored by readers, removed by the next writer, data/ unchanged', async () => {
    const dir = await freshData();
    const before = await readFile(join(dir, 'markets.csv'), 'utf8');
    await writeFile(join(dir, `.markets.csv.ets-new-${deadPid()}-abcdef`), 'id\nbroken\n');
    await writeFile(join(dir, DATA_LOCK), `${deadPid()} 0123456789abcdef\n`);
    expect((await loadData(dir)).issues.filter((i) => i.severity === 'error')).toEqual([]);
    await (await DataTransaction.begin(dir)).rollback();
    expect(await hidden(dir)).toEqual([]);
    expect(await readFile(join(dir, 'markets.csv'), 'utf8')).toBe(before);
  });

  it('after its commit point: readers see the new version, the next writer completes it', async () => {
    const dir = await freshData();
    const pid = deadPid();
    const markets = await readFile(join(dir, 'markets.csv'), 'utf8');
    const sources = await readFile(join(dir, 'sources.csv'), 'utf8');
    // Killed after renaming sources.csv into place, before markets.csv: a mix on disk.
    const addedSource = `${sources.trimEnd()}\nextra-source,Extra,Someone,,,,2026-01-01,,\n`;
    const addedMarket = `${markets.trimEnd()}\nextra,national,Elsewhere,,,,,,,,EUR,2020-01-01,extra-source,\n`;
    await writeFile(join(dir, 'sources.csv'), addedSource);
    await writeFile(join(dir, `.markets.csv.ets-new-${pid}-abcdef`), addedMarket);
    await writeFile(
      join(dir, JOURNAL),
      JSON.stringify({ pid: Number(pid), files: { 'sources.csv': `.sources.csv.ets-new-${pid}-abcdef`, 'markets.csv': `.markets.csv.ets-new-${pid}-abcdef` } }),
    );
    const loaded = await loadData(dir);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(loaded.data!.markets.map((m) => m.id)).toContain('extra');
    await (await DataTransaction.begin(dir)).rollback();
    expect(await hidden(dir)).toEqual([]);
    expect(await readFile(join(dir, 'markets.csv'), 'utf8')).toBe(addedMarket);
    expect(await readFile(join(dir, 'sources.csv'), 'utf8')).toBe(addedSource);
  });
});
