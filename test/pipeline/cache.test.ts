import { CHARTS } from '../../src/charts/registry.js';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { MemoryCache } from '../../src/pipeline/cache.js';
import { tempDirWithData } from '../support.js';

describe('MemoryCache', () => {
  it('drops the least recently used entries past its size, and refuses one larger than all of it', () => {
    const cache = new MemoryCache(10);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')).toBeDefined(); // a is now more recent than b
    cache.set('c', Buffer.alloc(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(8);
    cache.set('a', Buffer.alloc(2)); // replacing counts the new size only
    expect(cache.size).toBe(6);
    cache.set('huge', Buffer.alloc(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(6);
  });
});

describe('the cache on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDirWithData('ets-cache-');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('never uses an entry edited after it was written: the chart is drawn again', async () => {
    const cache = join(dir, 'cache');
    const out = join(dir, 'out');
    const build = async () => {
      const lines: string[] = [];
      await buildBrief({ dataDir: join(dir, 'data'), outDir: out, langs: ['en'], formats: ['html'], cacheDir: cache, log: (l) => lines.push(l) });
      return lines;
    };
    await build();
    const entries = await readdir(join(cache, 'charts'));
    expect(entries.length).toBe(2 * CHARTS.length); // each chart's wide and narrow drawings
    for (const entry of entries) {
      const file = join(cache, 'charts', entry);
      const text = await readFile(file, 'utf8');
      expect(text).toContain('</svg>');
      await writeFile(file, text.replace('</svg>', '<script>alert(1)</script></svg>'));
    }
    await rm(join(out, 'en', 'brief.html')); // so the build does not stop at "up to date"
    const log = await build();
    expect(log.filter((l) => l.includes('unchanged, reused'))).toEqual([]);
    expect(log.filter((l) => /chart [\w-]+ \(en\): rendered/.test(l))).toHaveLength(CHARTS.length);
    const html = await readFile(join(out, 'en', 'brief.html'), 'utf8');
    expect(html).not.toMatch(/<script|alert\(1\)/);
    // Redrawn entries replace the edited ones, and are used again.
    await rm(join(out, 'en', 'brief.html'));
    expect((await build()).filter((l) => l.includes('unchanged, reused'))).toHaveLength(CHARTS.length);
  }, 120_000);
});
