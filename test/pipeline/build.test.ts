import { CHARTS } from '../../src/charts/registry.js';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { DataError } from '../../src/data/errors.js';
import { BUILT_IN_SECTIONS } from '../support.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
let root: string;
let out: string;

async function dataCopy(name: string, edit?: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, name);
  await cp(DATA, dir, { recursive: true });
  if (edit) await edit(dir);
  return dir;
}

async function replaceIn(file: string, from: string | RegExp, to: string) {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture edit did not apply to ${file}`);
  await writeFile(file, next);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-build-'));
  out = join(root, 'out');
  await buildBrief({ dataDir: DATA, outDir: out, langs: ['zh-CN', 'en'], formats: ['html', 'sections'] });
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe('ets-brief build outputs', () => {
  it('writes a brief, sections with a manifest, and chart data for each language', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const files = (await readdir(join(out, lang), { recursive: true })).map(String).sort();
      expect(files).toContain('brief.html');
      expect(files).toContain(join('sections', 'manifest.json'));
      expect(files.filter((f) => f.startsWith(`sections${'/'}`) && f.endsWith('.html'))).toHaveLength(9);
      // Every chart draws on shipped data/; Figure 8's accounts file is written beside its CSV.
      expect(files.filter((f) => f.startsWith('data/') && f.endsWith('.csv'))).toHaveLength(CHARTS.length + 1);
    }
    expect((await readdir(out)).sort()).toEqual(['.ets-brief-cache', '.ets-brief-output', 'en', 'zh-CN']); // no staging leftovers
  });

  it('makes the brief self-contained: inline CSS, SVG and fonts, no script, no external URL to load', async () => {
    const html = await readFile(join(out, 'en', 'brief.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i);
    expect(html).not.toMatch(/(src|href)="https?:/); // links to sources are plain text, nothing loads
    expect(html).toMatch(/@font-face\{font-family:'etsb Noto Sans SC'[^}]*src:url\(data:font\/woff;base64,/);
    // Each chart drawn twice: for wide and for narrow screens (brief.css shows one).
    expect((html.match(/<svg [^>]*class="marks etsb-wide"/g) ?? []).length).toBe(CHARTS.length);
    expect((html.match(/<svg [^>]*class="marks etsb-narrow"/g) ?? []).length).toBe(CHARTS.length);
    expect(html).toContain('role="img"');
  });

  it('states the key numbers in both languages', async () => {
    const en = await readFile(join(out, 'en', 'brief.html'), 'utf8');
    const zh = await readFile(join(out, 'zh-CN', 'brief.html'), 'utf8');
    expect(en).toContain('<span class="etsb-kf-value">about 2%</span>');
    expect(en).toContain('about 2% of the EU&#x27;s volume');
    expect(en).toContain('it traded 230 Mt, against about 12.5 Gt of allowances traded in the EU ETS as the paper states it');
    expect(zh).toContain('全国碳市场累计成交2.3亿吨，文献所述同期欧盟碳市场配额成交约125亿吨');
    expect(zh).toMatch(/<html lang="zh-CN">/);
  });

  it('lists each fragment in the manifest with its sha256, as-of date and sources', async () => {
    const manifest = JSON.parse(await readFile(join(out, 'en', 'sections', 'manifest.json'), 'utf8'));
    expect(manifest.sections.map((s: { id: string }) => s.id)).toEqual(BUILT_IN_SECTIONS);
    for (const s of manifest.sections) {
      const fragment = await readFile(join(out, 'en', 'sections', s.file));
      expect(createHash('sha256').update(fragment).digest('hex')).toBe(s.sha256);
      expect(s.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(manifest.sections.find((s: { id: string }) => s.id === 'compared').sources.map((x: { id: string }) => x.id)).toContain('wind-cea');
  });

  it('makes fragments pasteable: no html/head/body, styles scoped under .etsb, ids unique across sections', async () => {
    const ids = new Map<string, string>();
    for (const file of (await readdir(join(out, 'zh-CN', 'sections'))).filter((f) => f.endsWith('.html'))) {
      const fragment = await readFile(join(out, 'zh-CN', 'sections', file), 'utf8');
      expect(fragment).not.toMatch(/<(html|head|body)[\s>]/i);
      expect(fragment).toMatch(/^<div class="etsb etsb-fragment" lang="zh-CN" data-etsb-section="/);
      const css = /<style>([\s\S]*?)<\/style>/.exec(fragment)![1]!;
      // The one rule outside .etsb starts the page's figure counter (see brief.css), and only that.
      const root = /(?:^|\})\s*:root\s*\{([^}]*)\}/g;
      expect([...css.matchAll(root)].map((m) => m[1]!.replace(/\s/g, ''))).toEqual(['counter-reset:etsb-figure;']);
      const selectors =
        css
          .replace(/@font-face\{[^}]*\}/g, '')
          .replace(root, '}')
          .replace(/@(media|container)[^{]*\{/g, '')
          .match(/(^|\})\s*([^{}@]+)\{/g) ?? [];
      expect(selectors.length).toBeGreaterThan(50);
      for (const sel of selectors) for (const part of sel.replace(/[{}]/g, '').split(/,(?![^(]*\))/)) expect(part.trim(), file).toMatch(/^\.etsb/);
      for (const [, id] of fragment.matchAll(/\sid="([^"]+)"/g)) {
        expect(ids.get(id!), `${id} in ${file} and ${ids.get(id!)}`).toBeUndefined();
        ids.set(id!, file);
      }
      for (const [, target] of fragment.matchAll(/href="#([^"]+)"/g)) expect(fragment, `${file}: #${target}`).toContain(`id="${target}"`);
    }
  });

  it("writes each chart's data as CSV, the same numbers as its data table", async () => {
    const csv = await readFile(join(out, 'en', 'data', 'power-mix.csv'), 'utf8');
    expect(csv.startsWith('\ufeffSource,Year,Share (%)\r\n')).toBe(true);
    expect(csv).toContain('Wind,2022,15.56\r\n');
  });
});

describe('rebuilding after data changes', () => {
  it('changes the numbers, sentences and charts that depend on the changed value', async () => {
    const data = await dataCopy('changed', (dir) =>
      replaceIn(
        join(dir, 'facts.csv'),
        'cn-cumulative-volume,cn-ets,,traded-volume,2021-07-16,2022-12-31,230000000,',
        'cn-cumulative-volume,cn-ets,,traded-volume,2021-07-16,2022-12-31,330000000,',
      ),
    );
    const changed = join(root, 'out-changed');
    await buildBrief({ dataDir: data, outDir: changed, langs: ['en'], formats: ['html'] });
    const before = await readFile(join(out, 'en', 'brief.html'), 'utf8');
    const after = await readFile(join(changed, 'en', 'brief.html'), 'utf8');
    expect(after).toContain('about 3% of the EU&#x27;s volume');
    expect(after).toContain('it traded 330 Mt');
    expect(after).toContain('no longer under the 2% the paper states');
    const bar = (html: string) => /<figure class="etsb-figure" id="etsb-fig-volume-comparison">[\s\S]*?<\/figure>/.exec(html)![0];
    expect(bar(after)).not.toBe(bar(before));
    expect(await readFile(join(changed, 'en', 'data', 'volume-comparison.csv'), 'utf8')).toContain('225.7'); // 330 Mt over 534 days
  }, 60_000);

  it('keeps the previous output untouched when the data is invalid', async () => {
    const bad = await dataCopy('bad', (dir) => replaceIn(join(dir, 'fx-rates.csv'), 'EUR,USD,2010,', 'EUR,USD,20x0,'));
    const before = await readFile(join(out, 'en', 'brief.html'));
    await expect(buildBrief({ dataDir: bad, outDir: out, langs: ['en'], formats: ['html'] })).rejects.toBeInstanceOf(DataError);
    expect(await readFile(join(out, 'en', 'brief.html'))).toEqual(before);
    expect((await readdir(out)).sort()).toEqual(['.ets-brief-cache', '.ets-brief-output', 'en', 'zh-CN']);
  });

  it('keeps the previous output untouched when a template fails in strict mode', async () => {
    const templates = join(root, 'templates');
    await cp(fileURLToPath(new URL('../../templates', import.meta.url)), templates, { recursive: true });
    await writeFile(join(templates, 'sections', 'global.hbs'), '{{view.noSuchField}}');
    const before = await readFile(join(out, 'en', 'brief.html'));
    await expect(buildBrief({ dataDir: DATA, outDir: out, langs: ['en'], formats: ['html'], templatesDir: templates })).rejects.toThrow(
      /sections\/global\.hbs:1:3: unknown variable "view\.noSuchField": "view" has no "noSuchField"/,
    );
    expect(await readFile(join(out, 'en', 'brief.html'))).toEqual(before);
  }, 60_000);
});

describe('hostile data', () => {
  it('is text, never markup, in the brief, the sections and the CSV', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>{{constructor.constructor}}';
    const data = await dataCopy('hostile', async (dir) => {
      await replaceIn(join(dir, 'recommendations.csv'), 'Build a sound supervisory system for the carbon market', payload.replace(/,/g, ' '));
      await replaceIn(join(dir, 'phases.csv'), '10 industrial sectors', '"=HYPERLINK(""http://evil"")<svg onload=alert(3)>"');
    });
    const hostile = join(root, 'out-hostile');
    await buildBrief({ dataDir: data, outDir: hostile, langs: ['en'], formats: ['html', 'sections'] });
    const html = await readFile(join(hostile, 'en', 'brief.html'), 'utf8');
    const fragment = await readFile(join(hostile, 'en', 'sections', 'recommendations.html'), 'utf8');
    for (const text of [html, fragment]) {
      expect(text).not.toMatch(/<script|<img|onerror=|onload=/i);
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(text).toContain('{{constructor.constructor}}'); // printed as typed, not evaluated
    }
  }, 60_000);
});

describe('formats are additive', () => {
  it('building one format leaves the others as the last build wrote them, unless asked to clean', async () => {
    const out = join(root, 'out-additive');
    await buildBrief({ dataDir: DATA, outDir: out, langs: ['en'], formats: ['html', 'sections'] });
    const sections = await readFile(join(out, 'en', 'sections', 'manifest.json'), 'utf8');
    // HTML alone: the sections the last build wrote stay as they were.
    await buildBrief({ dataDir: DATA, outDir: out, langs: ['en'], formats: ['html'] });
    expect(await readFile(join(out, 'en', 'sections', 'manifest.json'), 'utf8')).toBe(sections);
    await buildBrief({ dataDir: DATA, outDir: out, langs: ['en'], formats: ['html'], clean: true });
    await expect(readFile(join(out, 'en', 'sections', 'manifest.json'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(out, 'en', 'brief.html'), 'utf8')).toMatch(/^<!doctype html>/);
  }, 120_000);
});
