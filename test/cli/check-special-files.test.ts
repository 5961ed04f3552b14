import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

// check (and every command loading --data DIR) examines each dataset path before opening it:
// a FIFO must not make it hang, a device must not make it read forever.
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { encoding: 'utf8', timeout: 15_000 });

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-check-special-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function dataWith(file: string, make: (path: string) => Promise<unknown>): Promise<string> {
  const data = await mkdtemp(join(root, 'data-'));
  await cp(join(ROOT, 'data'), data, { recursive: true });
  await unlink(join(data, file));
  await make(join(data, file));
  return data;
}
const mkfifo = async (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

describe('ets-brief check on a data/ holding special files', () => {
  it.each([
    ['a FIFO as a dataset', 'facts.csv', mkfifo, /facts\.csv: error: a named pipe \(FIFO\), not a file/],
    ['a FIFO as datapackage.json', 'datapackage.json', mkfifo, /datapackage\.json: warning: a named pipe \(FIFO\), not a file/],
    ['/dev/zero linked as a dataset', 'phases.csv', (p: string) => symlink('/dev/zero', p), /phases\.csv: error: a character device, not a file/],
    ['a directory as a dataset', 'markets.csv', (p: string) => mkdir(p), /markets\.csv: error: a directory, not a file/],
  ] as const)('%s: says what it is, and does not hang', async (_case, file, make, message) => {
    const data = await dataWith(file, make);
    const r = run('check', '--data', data);
    expect(r.error, 'check hung').toBeUndefined();
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(file === 'datapackage.json' ? 0 : 1);
  });
});
