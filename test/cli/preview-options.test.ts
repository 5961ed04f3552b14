import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

// `ets-brief preview` refuses what it cannot serve before building anything.
let dir: string;
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'preview', '--out', join(dir, 'out'), ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-preview-options-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ets-brief preview, refused', () => {
  it('a port that is not one: exit 2, saying what it expects', () => {
    for (const port of ['abc', '-1', '65536', '80.5']) {
      const r = run('--port', port);
      expect(r.status, port).toBe(2);
      expect(r.stderr, port).toContain('--port: expected a number from 0 to 65535');
    }
  });

  it('a port in use: exit 2, saying so, and nothing built', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as { port: number }).port;
      const r = run('--port', String(port));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cannot listen on 127.0.0.1 port ${port}: the port is in use`);
      expect(await readdir(dir)).not.toContain('out');
    } finally {
      taken.close();
    }
  });
});
