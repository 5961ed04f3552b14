import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

/** The repository root (data/, templates/, bin/). */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The built-in brief's sections in reading order (templates/brief.json), as its outputs must list them. */
export const BUILT_IN_SECTIONS = ['key-figures', 'global', 'phases', 'mechanisms', 'results', 'problems', 'compared', 'recommendations', 'data-notes'] as const;

/**
 * A temporary folder for the tests of one file: made before they run, removed after. Call it at
 * the top of the file; the function it returns gives the folder's path inside a test.
 */
export function tempDirForTests(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(() => (dir === undefined ? undefined : rm(dir, { recursive: true, force: true })));
  return () => {
    if (dir === undefined) throw new Error('the temporary folder is made before the tests run, not while they are collected');
    return dir;
  };
}

/** A new temporary folder holding a copy of the shipped data/ as `<dir>/data`. */
export async function tempDirWithData(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await cp(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
  return dir;
}

/** A copy of the shipped data/ at `<root>/<name>` (the folder itself, not `<name>/data`). */
export async function dataCopyIn(root: string, name: string): Promise<string> {
  const dir = join(root, name);
  await cp(join(ROOT, 'data'), dir, { recursive: true });
  return dir;
}

/** Datasets data/ holds only through `import` (or `npm run build-data`, which imports the raw files). */
const IMPORTED_ONLY = [
  'market-daily',
  'market-monthly',
  'fx-daily',
  'auctions',
  'auctions-annual',
  'installations',
  'account-years',
  'gdp',
  'sector-emissions',
];

/**
 * A copy of data/ as it is before any publisher file is imported: the curated rows and the
 * series derived from them, without the datasets only imports write, and with the curated
 * markets and electricity table (data-src/curated/) in place of those imports extend (the
 * pilots' markets, Ember's rows). Tests of what an
 * import adds start from it, so they do not depend on which series data/ happens to ship.
 */
export async function dataBeforeImport(root: string, name: string): Promise<string> {
  const dir = await dataCopyIn(root, name);
  await Promise.all(IMPORTED_ONLY.map((d) => rm(join(dir, `${d}.csv`), { force: true })));
  for (const curated of ['power-generation.csv', 'markets.csv']) await cp(join(ROOT, 'data-src', 'curated', curated), join(dir, curated));
  // The sources of imported files (their ids end in the file's hash) that no remaining row cites.
  const cited = new Set<string>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv') && f !== 'sources.csv')) {
    for (const row of parse(await readFile(join(dir, file)), { columns: true, bom: true }) as Record<string, string>[]) {
      for (const id of (row.source ?? '').split(';')) cited.add(id.trim());
    }
  }
  const lines = (await readFile(join(dir, 'sources.csv'), 'utf8')).split('\n');
  const imported = (line: string) => /^[\w-]+-[0-9a-f]{8},/.test(line) && !cited.has(line.slice(0, line.indexOf(',')));
  await writeFile(join(dir, 'sources.csv'), lines.filter((line, i) => i === 0 || !imported(line)).join('\n'));
  return dir;
}

/** A stream that keeps what is written to it: a command's stdout or stderr, run in process. */
export function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** A local server standing in for "the internet": it counts every request that reaches it. */
export async function trapServer(): Promise<{ base: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
