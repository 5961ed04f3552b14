import { watch } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchAndRebuild, type WatchNotice } from '../../src/build/watch.js';

// What `watch` says when it cannot watch an input (fs.watch fails past the OS's inotify limits, or
// on a file system without notifications): once, and it keeps trying at each check.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-watch-notices-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('watch, when it cannot watch', () => {
  it('says so once, keeps checking, and watches as soon as it can', async () => {
    const file = join(dir, 'facts.csv');
    await writeFile(file, 'a\n');
    const notices: [WatchNotice, string, string | undefined][] = [];
    let failing = true;
    let attempts = 0;
    const flaky = ((...args: Parameters<typeof watch>) => {
      attempts++;
      if (failing) throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
      return watch(...args);
    }) as typeof watch;
    const rebuilds: string[][] = [];
    const stop = watchAndRebuild({ paths: [file], pollMs: 20, debounceMs: 20, watch: flaky, notice: (e, p, d) => notices.push([e, p, d]), rebuild: async (c) => void rebuilds.push([...c]) });
    try {
      await new Promise((r) => setTimeout(r, 120));
      expect(notices).toEqual([['unwatchable', file, 'ENOSPC: System limit for number of file watchers reached']]);
      expect(attempts).toBeGreaterThan(2); // tried again at each check, reported once
      failing = false;
      await new Promise((r) => setTimeout(r, 60));
      await writeFile(file, 'b\n');
      for (let i = 0; i < 50 && rebuilds.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(rebuilds.length).toBeGreaterThan(0);
      expect(notices).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
