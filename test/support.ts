import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (data/, templates/, bin/). */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

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
