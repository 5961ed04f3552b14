/// <reference lib="dom" />
// Functions passed to page.evaluate run in Chromium, hence DOM types in this file only.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { launchBrowser } from '../../src/pdf/browser.js';
import { ROOT, trapServer } from '../support.js';
import { pdfinfo, pdftext } from '../pdf/poppler.js';

// A careless or hostile configuration: its title, subtitle and author reach the <title>, the
// cover, the @page margin CSS and the PDF's metadata. Each context must keep them text.
let root: string;
let browser: Browser;
let server: Awaited<ReturnType<typeof trapServer>>;
const hostile = (base: string) =>
  `Brief </style><script>alert(1)</script><style>*{background:url(${base}/bg.png)}</style><img src=${base}/i.png onerror=alert(2)> ` +
  `"q' \\ & } ; @import url(${base}/i.css); \\3c /style>`;

beforeAll(async () => {
  server = await trapServer();
  root = await mkdtemp(join(tmpdir(), 'ets-hostile-config-'));
  const text = hostile(server.base);
  // The charts' words too (titles, axis titles, descriptions, table headers): they reach SVG
  // text, HTML text and attributes, and CSV headers.
  const templates = join(root, 'templates');
  const en = JSON.parse(await readFile(join(ROOT, 'templates', 'i18n', 'en.json'), 'utf8')) as { charts: Record<string, unknown> };
  const append = (node: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(node)) {
      // Without backslashes: chart strings refuse them (see test/charts/expressions.test.ts).
      if (typeof value === 'string') node[key] = `${value} ${text.replace(/\\/g, '')}`;
      else if (value && typeof value === 'object') append(value as Record<string, unknown>);
    }
  };
  append(en.charts);
  await mkdir(join(templates, 'i18n'), { recursive: true });
  await writeFile(join(templates, 'i18n', 'en.json'), JSON.stringify(en));
  await buildBrief({
    dataDir: join(ROOT, 'data'),
    outDir: join(root, 'out'),
    langs: ['en'],
    formats: ['html', 'sections'],
    cacheDir: false,
    config: { title: { en: text }, subtitle: { en: text }, author: text, templates },
  });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
  await server?.close();
});

describe('a hostile configuration title', () => {
  it('stays inside the CSS string of the @page rule (no </style> in any <style>)', async () => {
    const html = await readFile(join(root, 'out', 'en', 'brief.html'), 'utf8');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(styles[0]).toContain('@top-left { content: "Brief \\3c /style\\3e \\3c script\\3e alert(1)');
    expect(html).not.toMatch(/<script/i);
    // Chart text is SVG text and attribute values, escaped; no paint or style refers outside.
    const svgs = [...html.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs)
      expect(/<(script|img|style|image)\b|\s(fill|stroke|style|clip-path|mask|filter|cursor)="[^"]*url\((?!#)/i.exec(svg)?.[0] ?? null).toBeNull();
    expect(svgs.join('')).toContain('&lt;/style&gt;&lt;script&gt;alert(1)');
  });

  it('runs no script and makes no request when the brief and its sections open in Chromium', async () => {
    const out = join(root, 'out', 'en');
    const files = [join(out, 'brief.html'), ...(await readdir(join(out, 'sections'))).filter((f) => f.endsWith('.html')).map((f) => join(out, 'sections', f))];
    for (const file of files) {
      const page = await browser.newPage();
      const report = { dialogs: [] as string[], requests: [] as string[], scripts: -1 };
      page.on('dialog', (d) => {
        report.dialogs.push(d.message());
        void d.dismiss();
      });
      await page.setRequestInterception(true);
      page.on('request', (r) => {
        if (r.url().startsWith('data:') || r.url() === pathToFileURL(file).href) void r.continue();
        else {
          report.requests.push(r.url());
          void r.abort();
        }
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      report.scripts = await page.evaluate(() => document.scripts.length);
      await page.close();
      expect(report, file).toEqual({ dialogs: [], requests: [], scripts: 0 });
    }
    // The cover shows the title as text, markup included.
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, 'brief.html')).href, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.querySelector('h1')!.textContent)).toBe(hostile(server.base));
    await page.close();
    expect(server.hits()).toBe(0);
  }, 60_000);

  it('heads the chart CSVs with the words as text, formulas neutralised', async () => {
    const dir = join(root, 'out', 'en', 'data');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect((await readFile(join(dir, f), 'utf8')).split('\r\n')[0], f).toContain('</style><script>alert(1)</script>');
  });
});

describe('a title in other scripts', () => {
  // Arabic, Hebrew, a bidi override, an isolate, a zero-width joiner and a combining mark: the
  // embedded Noto Sans SC draws none of the first ones; the PDF failed with "NetworkError".
  const title = 'Brief \u0639\u0631\u0628\u064a \u05e9\u05dc\u05d5\u05dd \u202eRLO\u202c \u2067iso\u2069 a\u200db e\u0301';
  it('prints, with the letters in the PDF text and title metadata', async () => {
    const out = join(root, 'scripts');
    await buildBrief({ dataDir: join(ROOT, 'data'), outDir: out, langs: ['en'], formats: ['pdf'], cacheDir: false, config: { title: { en: title } } });
    const pdf = join(out, 'en', 'brief.pdf');
    expect(pdfinfo(pdf).Title).toBe(title);
    const cover = pdftext(pdf, 1);
    for (const word of ['\u0639\u0631\u0628\u064a', '\u05e9\u05dc\u05d5\u05dd', 'iso']) {
      // Right-to-left words may come out in visual order; either order is the word printed.
      expect(cover.includes(word) || cover.includes([...word].reverse().join('')), word).toBe(true);
    }
  }, 120_000);
});
