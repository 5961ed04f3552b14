import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { ROOT, tempDirWithData } from '../support.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDirWithData('ets-incr-');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const build = async (out: string, extra: Partial<Parameters<typeof buildBrief>[0]> = {}) => {
  const lines: string[] = [];
  await buildBrief({
    dataDir: join(dir, 'data'),
    outDir: out,
    langs: ['en'],
    formats: ['html', 'sections'],
    cacheDir: join(dir, 'cache'),
    log: (l) => lines.push(l),
    ...extra,
  });
  return lines;
};

describe('incremental builds', () => {
  it('after one dataset changes, redraws only the charts that depend on it', async () => {
    await build(join(dir, 'out'));
    const emissions = join(dir, 'data', 'emissions.csv');
    await writeFile(
      emissions,
      (await readFile(emissions, 'utf8')).replace('eu-ets,2021,verified-ets,eu-2021,1311000000,', 'eu-ets,2021,verified-ets,eu-2021,1312000000,'),
    );
    const log = await build(join(dir, 'out'));
    const rendered = log
      .filter((l) => l.includes(': rendered'))
      .map((l) => /chart ([\w-]+)/.exec(l)![1])
      .sort();
    const reused = log
      .filter((l) => l.includes('unchanged, reused'))
      .map((l) => /chart ([\w-]+)/.exec(l)![1])
      .sort();
    // Verified emissions feed the emissions chart and, through covered emissions, the comparison of
    // volume with covered emissions; the price, volume, revenue, power-mix charts do not use them.
    expect(rendered).toEqual(['emissions', 'volume-comparison']);
    // Figure 7 uses the comparable series (to 2020), not 2021 as covered.
    expect(reused).toEqual([
      'auction-revenue',
      'auction-years',
      'cn-daily',
      'company-surplus',
      'emissions-gdp',
      'eua-price',
      'eua-series',
      'eua-volume',
      'phase-trends',
      'power-mix',
      'price-comparison',
    ]);
  }, 120_000);

  it('stops at the inputs when nothing changed, unless an output file was altered or removed', async () => {
    const out = join(dir, 'fast');
    await build(out);
    const brief = join(out, 'en', 'brief.html');
    const good = await readFile(brief, 'utf8');
    expect(await build(out)).toEqual(['data, templates and configuration unchanged since the last build, and its output intact']);
    await writeFile(brief, 'edited by hand');
    const repaired = await build(out);
    expect(repaired.some((l) => l.includes('chart emissions (en): unchanged, reused'))).toBe(true);
    expect(await readFile(brief, 'utf8')).toBe(good);
    // A touched file (same bytes, new time) is not a change.
    const emissions = join(dir, 'data', 'emissions.csv');
    await writeFile(emissions, await readFile(emissions));
    expect(await build(out)).toHaveLength(1);
    // A changed option is.
    expect((await build(out, { formats: ['html'] })).length).toBeGreaterThan(1);
  }, 120_000);

  it('gives identical bytes for the same inputs built in different folders', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    await build(a, { cacheDir: false, langs: ['zh-CN', 'en'] });
    await build(b, { cacheDir: false, langs: ['zh-CN', 'en'] });
    const files = (await readdir(a, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(a.length));
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) expect((await readFile(join(a, f))).equals(await readFile(join(b, f))), f).toBe(true);
  }, 120_000);

  it('keeps the previous output byte-identical when a chart fails to render', async () => {
    const out = join(dir, 'out');
    const before = await readFile(join(out, 'en', 'brief.html'));
    const templates = join(dir, 'templates');
    await cp(join(ROOT, 'templates'), templates, { recursive: true });
    await writeFile(join(templates, 'charts', 'emissions.vl.json'), '{"mark": "bar", "encoding": {"x": {"field": "year", "type": "no-such-type"}}}');
    await expect(build(out, { templatesDir: templates, cacheDir: false })).rejects.toThrow();
    expect((await readFile(join(out, 'en', 'brief.html'))).equals(before)).toBe(true);
    expect((await readdir(out)).filter((e) => e.startsWith('.'))).toEqual(['.ets-brief-output']); // the cache is elsewhere here
  }, 60_000);
});

describe('a build session', () => {
  it('serves a second build (another folder, another title) from memory, with the same charts', async () => {
    const { BuildSession } = await import('../../src/pipeline/session.js');
    const session = new BuildSession();
    try {
      const first = await build(join(dir, 's1'), { session, cacheDir: join(dir, 'session-cache') });
      expect(first.some((l) => l.includes(': rendered'))).toBe(true);
      const second = await build(join(dir, 's2'), { session, cacheDir: join(dir, 'session-cache'), config: { title: { en: 'Another title' } } });
      expect(second.filter((l) => l.includes(': rendered'))).toEqual([]);
      const html = await readFile(join(dir, 's2', 'en', 'brief.html'), 'utf8');
      expect(html).toContain('Another title');
      const charts = (h: string) => [...h.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
      expect(charts(html)).toEqual(charts(await readFile(join(dir, 's1', 'en', 'brief.html'), 'utf8')));
    } finally {
      await session.close();
    }
  }, 120_000);
});
