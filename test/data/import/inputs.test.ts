import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError, formatIssue } from '../../../src/data/errors.js';
import { importFiles } from '../../../src/data/import/run.js';
import { dataBeforeImport, ROOT } from '../../support.js';

// What import reads: one version of each file, only regular files, only inside a package's folder.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const opts = (dataDir: string) => ({ dataDir, version: '0.0.0-test', today: '2026-11-24' });
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { encoding: 'utf8', timeout: 20_000 });

let root: string;
let n = 0;
const freshData = () => dataBeforeImport(root, `data-${n++}`);
/** The DataError an import throws, as printed lines. */
const importError = async (files: string[], dataDir: string) => {
  const error = await importFiles(files, opts(dataDir)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return (error as DataError).issues.map(formatIssue).join('\n');
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-import-inputs-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('a file that changes while it is imported', () => {
  it('is recorded with the sha256 of the very bytes whose rows were imported', { timeout: 60_000 }, async () => {
    // Two versions of one file, same dates, different prices; a child process swaps them in
    // (atomic rename) as fast as it can while the file is imported again and again.
    const a = await readFile(fixture('eua-futures-2021-01.csv'), 'utf8');
    const b = a.replace('33.69', '99.69').replace('33.35', '99.35').replace('34.22', '99.22');
    const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
    const file = join(root, 'changing.csv');
    await writeFile(file, a);
    const swapper = spawn(
      process.execPath,
      [
        '-e',
        `
      const fs = require('node:fs');
      const versions = [${JSON.stringify(a)}, ${JSON.stringify(b)}];
      for (let i = 0; ; i++) { fs.writeFileSync(${JSON.stringify(file)} + '.tmp', versions[i % 2]); fs.renameSync(${JSON.stringify(file)} + '.tmp', ${JSON.stringify(file)}); }
    `,
      ],
      { stdio: 'ignore' },
    );
    try {
      for (let trial = 0; trial < 12; trial++) {
        const dataDir = await freshData();
        await importFiles([file], opts(dataDir));
        const daily = await readFile(join(dataDir, 'market-daily.csv'), 'utf8');
        const sources = await readFile(join(dataDir, 'sources.csv'), 'utf8');
        const recorded = /sha256 ([0-9a-f]{64})/.exec(sources)?.[1];
        const imported = daily.includes(',99.69,') ? b : a;
        expect(daily.includes(',33.69,') && daily.includes(',99.')).toBe(false);
        expect(recorded, `trial ${trial}`).toBe(hashOf(imported));
      }
    } finally {
      swapper.kill('SIGKILL');
    }
  });
});

describe('paths that are not a regular file', () => {
  it('a directory, a missing file, a FIFO and a device each get their own message, and nothing hangs', { timeout: 60_000 }, async () => {
    const dataDir = await freshData();
    const folder = join(root, 'a-folder');
    await mkdir(folder);
    const fifo = join(root, 'a-pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const zero = join(root, 'zero.csv');
    await symlink('/dev/zero', zero);
    const cases: [string, RegExp][] = [
      [folder, /a-folder: error: a directory, not a file; ets-brief reads regular files only/],
      [join(root, 'missing.csv'), /missing\.csv: error: file not found/],
      [fifo, /a-pipe\.csv: error: a named pipe \(FIFO\), not a file/],
      [zero, /zero\.csv: error: a character device, not a file/],
    ];
    for (const [path, message] of cases) {
      const r = cli('import', '--data', dataDir, path);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/not a format ets-brief knows/);
    }
  });
});

describe('a Frictionless package reads only inside its own folder', () => {
  const descriptor = (path: string) =>
    JSON.stringify({
      name: 'escaping',
      resources: [
        {
          name: 'eu-ets-sector-emissions',
          path,
          schema: {
            fields: [
              { name: 'sector', type: 'string' },
              { name: 'year', type: 'year' },
              { name: 'emissions_mt', type: 'number' },
            ],
          },
        },
      ],
    });
  const secret = 'SECRET-LINE-1,never,printed\n';

  it.each([
    ['a path with ..', (outside: string) => `../../${outside.split('/').slice(-2).join('/')}`, /leaves the package folder/],
    ['an absolute path', (outside: string) => outside, /is absolute/],
    ['a symbolic link out of the folder', () => 'linked.csv', /leads out of the package folder through a symbolic link/],
  ])('refuses %s, without quoting the file', async (_case, pathFor, message) => {
    const base = await mkdtemp(join(root, 'pkg-'));
    const outside = join(base, 'elsewhere', 'secret.csv');
    await mkdir(join(base, 'elsewhere'));
    await writeFile(outside, secret);
    const pkg = join(base, 'one', 'two');
    await mkdir(pkg, { recursive: true });
    await symlink(outside, join(pkg, 'linked.csv'));
    await writeFile(join(pkg, 'datapackage.json'), descriptor(pathFor(outside)));
    const printed = await importError([join(pkg, 'datapackage.json')], await freshData());
    expect(printed).toMatch(message);
    expect(printed).not.toContain('SECRET');
  });

  it('still reads a resource inside the folder, through a subfolder', async () => {
    const pkg = await mkdtemp(join(root, 'pkg-'));
    await mkdir(join(pkg, 'data'));
    await writeFile(join(pkg, 'data', 'sectors.csv'), 'sector,year,emissions_mt\n20 Combustion of fuels,2019,1000.5\n');
    await writeFile(join(pkg, 'datapackage.json'), descriptor('data/sectors.csv'));
    const dataDir = await freshData();
    const [report] = await importFiles([join(pkg, 'datapackage.json')], opts(dataDir));
    expect(report).toMatchObject({ format: 'datahub-eu-ets-sector-emissions', added: 1 });
  });
});

describe('a file with more rows than an import holds', () => {
  it('fails cleanly at the first row past the limit, with file and line, and changes nothing', async () => {
    const dataDir = await freshData();
    const before = await readFile(join(dataDir, 'sources.csv'), 'utf8');
    process.env.ETS_BRIEF_MAX_IMPORT_ROWS = '2';
    try {
      const printed = await importError([fixture('eua-futures-2021-01.csv')], dataDir);
      expect(printed).toMatch(
        /eua-futures-2021-01\.csv:4: error: more than 2 rows; ets-brief imports at most that many from one file \(ETS_BRIEF_MAX_IMPORT_ROWS raises the limit\)/,
      );
    } finally {
      delete process.env.ETS_BRIEF_MAX_IMPORT_ROWS;
    }
    expect(await readFile(join(dataDir, 'sources.csv'), 'utf8')).toBe(before);
    await importFiles([fixture('eua-futures-2021-01.csv')], opts(dataDir));
  });
});
