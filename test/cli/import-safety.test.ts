import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { ROOT } from '../support.js';

// data/ is a transaction: concurrent writers never lose rows, an interrupted or killed import
// leaves data/ as before or as after (never a mix), and leaves no copy behind.
const BIN = join(ROOT, 'bin/ets-brief.js');
const fixture = (name: string) => fileURLToPath(new URL(`../data/import/fixtures/${name}`, import.meta.url));
const JAN = fixture('eua-futures-2021-01.csv');
const FEB = fixture('eua-futures-2021-02.csv');

let root: string;
let n = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-import-safety-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/**
 * A fresh copy of the shipped data/, and a private TMPDIR for the processes that use it. With
 * `withoutEuPrices`, the copy has none of the EU's shipped price series (daily or monthly), so the
 * days a test imports are the EU's only series and the brief states their reach.
 */
async function workspace(options: { withoutEuPrices?: boolean } = {}): Promise<{ data: string; tmp: string }> {
  const dir = join(root, `ws-${n++}`);
  await cp(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  await mkdir(join(dir, 'tmp'));
  const data = join(dir, 'data');
  if (options.withoutEuPrices) {
    for (const name of ['market-daily.csv', 'market-monthly.csv']) {
      const lines = (await readFile(join(data, name), 'utf8')).split('\n');
      await writeFile(join(data, name), lines.filter((l, i) => i === 0 || !l.startsWith('eu-ets,')).join('\n'));
    }
    // datapackage.json describes data/ as it now is (the sources each resource cites).
    const described = spawnSync(process.execPath, [BIN, 'datapackage', '--data', data], { encoding: 'utf8' });
    expect(described.status, described.stderr).toBe(0);
  }
  return { data, tmp: join(dir, 'tmp') };
}

/** The rows of market-daily that came from the one-day files a test imports (ETS Watch's format). */
const importedDays = (rows: readonly { source: string }[]) => rows.filter((r) => r.source.startsWith('ets-watch-eua-futures-')).length;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}
function start(args: string[], tmp: string): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** sha256 of every file in data/, by name (hidden files included: none may be left). */
async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  return out;
}

/** A bigger file (so that an import takes long enough to be interrupted at every step). */
async function bigFile(): Promise<string> {
  const file = join(root, 'eua-futures-big.csv');
  const lines = ['datetime,open,high,low,settle,efp_volume,efs_volume,block_volume'];
  const day = Date.UTC(1960, 0, 1);
  for (let i = 0; i < 20_000; i++) {
    const price = (20 + (i % 500) / 10).toFixed(2);
    lines.push(`${new Date(day + i * 86_400_000).toISOString().slice(0, 10)},${price},${price},${price},${price},,,`);
  }
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * A writer process importing `count` one-day EUA futures files into `data`, one after another
 * (days 1… of `month`), each adding a day and its source; `running()` until it has finished.
 */
function importDays(data: string, name: string, month: string, count: number): { finished: Promise<number | null>; running: () => boolean } {
  const files = Array.from({ length: count }, (_, i) => join(root, `${name}-${i}.csv`));
  const written = Promise.all(
    files.map((file, i) =>
      writeFile(file, `datetime,open,high,low,settle,efp_volume,efs_volume,block_volume\n${month}-${String(i + 1).padStart(2, '0')},80,81,79,${80 + i},,,\n`),
    ),
  );
  let done = false;
  const finished = written.then(
    () =>
      new Promise<number | null>((resolve) => {
        const writer = spawn(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `
      const { importFiles } = await import(${JSON.stringify(join(ROOT, 'dist/data/import/run.js'))});
      for (const file of ${JSON.stringify(files)}) await importFiles([file], { dataDir: ${JSON.stringify(data)}, version: 'test' });
    `,
          ],
          { stdio: 'inherit' },
        );
        writer.on('close', resolve);
      }),
  );
  void finished.then(() => (done = true));
  return { finished, running: () => !done };
}

describe('two imports into one data/ at once', () => {
  it("both files' rows end in data/, or one import is refused saying why; none is lost", { timeout: 120_000 }, async () => {
    for (let trial = 0; trial < 6; trial++) {
      const { data, tmp } = await workspace();
      const runs = await Promise.all([JAN, FEB].map((file) => start(['import', '--data', data, file], tmp).done));
      const daily = await readFile(join(data, 'market-daily.csv'), 'utf8');
      for (const [i, run] of runs.entries()) {
        const dates = i === 0 ? ['2021-01-04', '2021-01-05', '2021-01-06'] : ['2021-02-01', '2021-02-02'];
        if (run.code === 0) {
          expect(run.stdout).toMatch(/added/);
          for (const date of dates) expect(daily, `trial ${trial}: rows of import ${i} lost`).toContain(date);
        } else {
          expect(run.code, run.stderr).toBe(3);
          expect(run.stderr).toMatch(/another ets-brief process \(\d+\) is writing .*; nothing was changed/);
        }
      }
      expect(runs.some((r) => r.code === 0)).toBe(true);
      expect((await readdir(data)).filter((f) => f.startsWith('.'))).toEqual([]);
      expect(spawnSync(process.execPath, [BIN, 'check', '--data', data], { encoding: 'utf8' }).status).toBe(0);
    }
  });
});

describe('reading data/ while an import replaces it', () => {
  it('a reader (as the build loads data/) sees all of one version, never a mix', { timeout: 120_000 }, async () => {
    const { data } = await workspace();
    const importedSources = (sources: readonly { id: string }[]) => sources.filter((s) => s.id.startsWith('ets-watch-eua-futures-')).length;
    const shipped = importedSources((await loadData(data)).data!.sources); // the shipped monthly aggregates' source
    // A writer process imports ten files, one after another, each adding a day and its source.
    const writer = importDays(data, 'one-day', '2022-03', 10);
    const seen = new Set<number>();
    let reads = 0;
    while (writer.running() || reads === 0) {
      const loaded = await loadData(data);
      reads++;
      expect(
        loaded.issues.filter((i) => i.severity === 'error'),
        `read ${reads}`,
      ).toEqual([]);
      const imported = importedSources(loaded.data!.sources) - shipped;
      const days = importedDays(loaded.data!['market-daily']);
      expect(days, `read ${reads}: ${days} imported daily rows beside ${imported} imported sources`).toBe(imported);
      seen.add(days);
    }
    expect(await writer.finished).toBe(0);
    expect(seen.size).toBeGreaterThan(1); // the reads did overlap the imports
  });
});

describe('building while an import replaces data/', () => {
  it("each build uses one version of data/ (all its rows cite sources it has) and states that version's reach", { timeout: 240_000 }, async () => {
    const { data } = await workspace({ withoutEuPrices: true });
    const { buildBrief } = await import('../../src/pipeline/build.js');
    const writer = importDays(data, 'build-day', '2022-04', 30);
    const reached = new Set<string>();
    let builds = 0;
    while (writer.running() || builds === 0) {
      const out = join(root, `beside-${builds++}`);
      // A build reading a mix (rows citing a source not yet in sources.csv) would fail validation.
      await buildBrief({ dataDir: data, outDir: out, langs: ['en'], formats: ['html'], cacheDir: false, log: () => {} });
      const numbers = JSON.parse(await readFile(join(out, 'en', 'numbers.json'), 'utf8')) as { reach: string[] };
      const daily = numbers.reach.find((r) => r.startsWith('EU ETS, prices (daily series)'));
      if (daily) reached.add(daily);
    }
    expect(await writer.finished).toBe(0);
    expect(builds).toBeGreaterThan(1); // the builds did overlap the imports
    for (const r of reached) expect(r).toMatch(/to \d+ April 2022$/);
  });
});

describe('an import interrupted by a signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s at any moment leaves data/ all before or all after, and no copy anywhere',
    { timeout: 240_000 },
    async (signal) => {
      const file = await bigFile();
      const base = await workspace();
      const before = await hashes(base.data);
      const full = Date.now();
      const ok = await start(['import', '--data', base.data, file], base.tmp).done;
      const duration = Date.now() - full;
      expect(ok.code, ok.stderr).toBe(0);
      const after = await hashes(base.data);
      expect(after['market-daily.csv']).toBeDefined();
      let interrupted = 0;
      for (let i = 1; i <= 7; i++) {
        const { data, tmp } = await workspace();
        const run = start(['import', '--data', data, file], tmp);
        await new Promise((resolve) => setTimeout(resolve, (duration * i) / 8));
        run.child.kill(signal);
        const result = await run.done;
        if (result.code !== 0) interrupted++;
        const now = await hashes(data);
        expect([before, after], `signal at ${i}/8 of the import (exit ${result.code}): ${result.stderr}`).toContainEqual(now);
        expect(await readdir(tmp)).toEqual([]);
        expect((await readdir(join(data, '..'))).sort()).toEqual(['data', 'tmp']);
      }
      expect(interrupted).toBeGreaterThan(0);
    },
  );

  it('SIGKILL: readers see one version meanwhile, and the next writer sweeps what was left', { timeout: 240_000 }, async () => {
    const file = await bigFile();
    const base = await workspace();
    const full = Date.now();
    expect((await start(['import', '--data', base.data, file], base.tmp).done).code).toBe(0);
    const duration = Date.now() - full;
    for (let i = 1; i <= 5; i++) {
      const { data, tmp } = await workspace();
      const run = start(['import', '--data', data, file], tmp);
      await new Promise((resolve) => setTimeout(resolve, (duration * i) / 6));
      run.child.kill('SIGKILL');
      await run.done;
      const loaded = await loadData(data);
      expect(loaded.issues.filter((x) => x.severity === 'error')).toEqual([]);
      expect([0, 20_000]).toContain(importedDays(loaded.data!['market-daily']));
      // The next writer completes or rolls back what the killed one left, and leaves nothing else.
      const next = await start(['import', '--data', data, JAN], tmp).done;
      expect(next.code, next.stderr).toBe(0);
      expect((await readdir(data)).filter((f) => f.startsWith('.'))).toEqual([]);
      expect(await readdir(tmp)).toEqual([]);
      expect(spawnSync(process.execPath, [BIN, 'check', '--data', data], { encoding: 'utf8' }).status).toBe(0);
    }
  });
});

describe('writers of data/ share one lock', () => {
  it('datapackage waits for an import, or is refused saying why', { timeout: 60_000 }, async () => {
    const { data, tmp } = await workspace();
    const file = await bigFile();
    const [imported, described] = await Promise.all([
      start(['import', '--data', data, file], tmp).done,
      new Promise((resolve) => setTimeout(resolve, 150)).then(() => start(['datapackage', '--data', data], tmp).done),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    expect([0, 3]).toContain(described.code);
    // Whichever ran last, datapackage.json describes the data as it is.
    const check = spawnSync(process.execPath, [BIN, 'check', '--data', data], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stderr).not.toMatch(/datapackage\.json does not match/);
  });
});
