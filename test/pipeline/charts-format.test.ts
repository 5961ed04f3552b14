/// <reference lib="dom" />
// Functions passed to page.evaluate run in Chromium, hence DOM types in this file.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { CHARTS } from '../../src/charts/registry.js';
import { renderLanguage } from '../../src/pipeline/render-language.js';
import { loadData } from '../../src/data/load.js';
import { FontSet } from '../../src/fonts/font-set.js';
import { computeMetrics, DEFAULT_COMPARISON } from '../../src/metrics/index.js';
import { BrowserNotFoundError, closeBrowser, launchBrowser } from '../../src/pdf/browser.js';
import { Printer } from '../../src/pdf/print.js';
import { rasterise } from '../../src/pdf/raster.js';
import type { Lang } from '../../src/render/format.js';
import { socialCard } from '../../src/render/social-card.js';
import { TemplateFiles } from '../../src/render/template-files.js';
import { band, decodePng, ink, pngHeader } from '../png.js';
import { ROOT } from '../support.js';

const DATA = join(ROOT, 'data');
const LANGS: Lang[] = ['zh-CN', 'en'];
let root: string;
let out: string;
let browser: Browser;
const printer = new Printer();
const firstLog: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-charts-'));
  out = join(root, 'out');
  await buildBrief({
    dataDir: DATA,
    outDir: out,
    langs: LANGS,
    formats: ['html', 'charts'],
    config: { baseUrl: 'https://example.org/briefs' },
    log: (l) => firstLog.push(l),
  });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  if (browser) await closeBrowser(browser);
  await printer.close();
  await rm(root, { recursive: true, force: true });
});

const read = (...parts: string[]) => readFile(join(out, ...parts));
/** The charts a build drew: each has its CSV in data/ (other tables there, like Figure 8's accounts, sit beside their chart's). */
const chartIds = async (dir: string, lang: string) => {
  const ids = new Set(CHARTS.map((c) => c.id));
  return (await readdir(join(dir, lang, 'data')))
    .map((f) => f.replace(/\.csv$/, ''))
    .filter((id) => ids.has(id))
    .sort();
};
const sizeOf = (svg: string) => {
  const root = /<svg [^>]*>/.exec(svg)![0];
  return { width: Number(/ width="(\d+)"/.exec(root)![1]), height: Number(/ height="(\d+)"/.exec(root)![1]) };
};

const unescapeHtml = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** An SVG as Chromium's XML parser reads it (DOMParser), on a page that may fetch nothing. */
async function parseSvg(text: string) {
  const page = await browser.newPage();
  try {
    return await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        root: `${root.namespaceURI} ${root.localName}`,
        title: doc.querySelector('title')?.textContent ?? null,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        scripts: doc.getElementsByTagName('script').length,
      };
    }, text);
  } finally {
    await page.close();
  }
}

/** Opens an SVG the way the rasteriser does (its own document, from a data: URL), recording what it tries. */
async function openSvg(text: string): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url().startsWith('data:')) void r.continue();
    else {
      requests.push(r.url());
      void r.abort();
    }
  });
  await page.goto(`data:image/svg+xml;base64,${Buffer.from(text).toString('base64')}`, { waitUntil: 'load' });
  return { page, requests, dialogs };
}

describe('the charts format', () => {
  it('writes each chart as SVG, PNG and @2x PNG and the Open Graph image, for each language, all listed in the marker', async () => {
    const marker = JSON.parse((await readFile(join(out, '.ets-brief-output'))).toString()) as { files: Record<string, string[]> };
    for (const lang of LANGS) {
      const ids = await chartIds(out, lang);
      expect(ids).toEqual(CHARTS.map((c) => c.id).sort()); // every chart draws from the shipped data/
      const files = (await readdir(join(out, lang), { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(join(out, lang).length + 1))
        .sort();
      for (const id of ids) expect(files).toEqual(expect.arrayContaining([`charts/${id}.svg`, `charts/${id}.png`, `charts/${id}@2x.png`]));
      expect(files).toContain('og-image.png');
      expect(files.filter((f) => f.startsWith('charts/'))).toHaveLength(ids.length * 3);
      expect(marker.files[lang]).toEqual(files);
    }
  });

  it('writes SVGs that parse as standalone XML, with title, source and as-of drawn in, and their own font', async () => {
    for (const lang of LANGS) {
      const html = (await read(lang, 'brief.html')).toString();
      for (const id of await chartIds(out, lang)) {
        const text = (await read(lang, 'charts', `${id}.svg`)).toString();
        const parsed = await parseSvg(text);
        // The title the brief gives the figure, placeholders filled.
        const title = unescapeHtml(new RegExp(`id="etsb-fig-${id}-title">([^<]*)<`).exec(html)![1]!);
        expect(parsed, `${lang} ${id}`).toMatchObject({ errors: 0, root: 'http://www.w3.org/2000/svg svg', scripts: 0 });
        // A long title is wrapped onto several lines: together they are the title.
        expect(parsed.title).toBe(title);
        expect(parsed.texts.join('').replace(/\s/g, '')).toContain(title.replace(/\s/g, ''));
        expect(parsed.texts.some((t) => t.startsWith(lang === 'en' ? 'Source' : '来源：'))).toBe(true);
        // Dated by the chart's own data (its last day, or its last year for yearly rows).
        expect(
          parsed.texts.some((t) => (lang === 'en' ? /^Data (as of|to) / : /^数据截至/).test(t)),
          `${lang} ${id}`,
        ).toBe(true);
        expect(text).toMatch(/@font-face\{font-family:'etsb Noto Sans SC';[^}]*src:url\(data:font\/woff;base64,/);
        expect([...text.matchAll(/url\((?!data:|#)|\s(xlink:)?href=|\ssrc=|https?:\/\/(?!www\.w3\.org\/)/g)].map((m) => m[0])).toEqual([]);
      }
    }
    expect((await parseSvg((await read('en', 'charts', 'eua-price.svg')).toString())).texts).toContain('Source: ETS Watch (github.com/OSUKED/ETS-Watch)');
    // The EUA futures end in 2021, whatever the brief's latest series: the picture says so.
    expect((await parseSvg((await read('en', 'charts', 'eua-price.svg')).toString())).texts).toContain('Data to 2021');
    expect((await parseSvg((await read('zh-CN', 'charts', 'eua-price.svg')).toString())).texts).toContain('数据截至2021年');
  }, 120_000);

  it('draws with the embedded font in Chromium, without the brief or its CSS, and fetches nothing', async () => {
    const text = (await read('zh-CN', 'charts', 'emissions.svg')).toString();
    const { page, requests } = await openSvg(text);
    try {
      const fonts = await page.evaluate(async () => {
        await Promise.all([...document.fonts].map((f) => f.load()));
        const title = document.querySelector('title')!.textContent!;
        return {
          faces: document.fonts.size,
          loaded: [...document.fonts].every((f) => f.status === 'loaded'),
          drawable: document.fonts.check("20px 'etsb Noto Sans SC'", title),
        };
      });
      expect(fonts).toEqual({ faces: expect.any(Number), loaded: true, drawable: true });
      expect(fonts.faces).toBeGreaterThan(0);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("writes PNGs of the SVG's size, @2x twice as many pixels each way, and a 1200×630 Open Graph image", async () => {
    for (const lang of LANGS) {
      for (const id of await chartIds(out, lang)) {
        const { width, height } = sizeOf((await read(lang, 'charts', `${id}.svg`)).toString());
        expect(pngHeader(await read(lang, 'charts', `${id}.png`)), `${lang} ${id}`).toMatchObject({ width, height });
        expect(pngHeader(await read(lang, 'charts', `${id}@2x.png`)), `${lang} ${id}@2x`).toMatchObject({ width: 2 * width, height: 2 * height });
      }
      expect(pngHeader(await read(lang, 'og-image.png'))).toMatchObject({ width: 1200, height: 630 });
    }
  });

  it('shows the glyphs of a Chinese title in the PNG, not boxes, and draws the same bytes again', async () => {
    const svg = (await read('zh-CN', 'charts', 'emissions.svg')).toString();
    const { width, height } = sizeOf(svg);
    const title = /<title id="etsb-title">([^<]*)<\/title>/.exec(svg)![1]!;
    expect(title).toMatch(/^[\p{sc=Han}（）]+$/u);
    // The title's lines are the bold 20px text at the top; the same characters reversed keep the
    // same embedded glyphs and widths, and characters no font has become boxes.
    const retitled = (line: (text: string) => string) =>
      svg.replace(/(<text [^>]*font-size="20" font-weight="700"[^>]*>)([^<]*)(<\/text>)/g, (_, a: string, t: string, b: string) => `${a}${line(t)}${b}`);
    const draw = async (text: string) => decodePng((await rasterise(printer, { name: 'test', svg: text, width, height, scales: [1] })).pngs[0]!);
    const [original, reversed, boxes] = await Promise.all([
      draw(svg),
      draw(retitled((t) => [...t].reverse().join(''))),
      draw(retitled((t) => '\uE000'.repeat([...t].length))),
    ]);
    const titleRows = [0, 48] as const;
    expect(ink(original, ...titleRows)).toBeGreaterThan(1000);
    // Boxes would make any two titles of the same length look alike; glyphs differ with the text.
    expect(band(original, ...titleRows).equals(band(reversed, ...titleRows))).toBe(false);
    expect(band(original, ...titleRows).equals(band(boxes, ...titleRows))).toBe(false);
    // Below the title nothing changed.
    expect(band(original, 48, height).equals(band(reversed, 48, height))).toBe(true);
    // The PNGs the build wrote are this SVG drawn, byte for byte, whichever scale is drawn first.
    const { pngs } = await rasterise(printer, { name: 'test', svg, width, height, scales: [2, 1] });
    expect(Buffer.from(pngs[1]!).equals(await read('zh-CN', 'charts', 'emissions.png'))).toBe(true);
    expect(Buffer.from(pngs[0]!).equals(await read('zh-CN', 'charts', 'emissions@2x.png'))).toBe(true);
  }, 120_000);

  it("puts Open Graph and X card tags in brief.html, absolute under baseUrl, in the brief's language", async () => {
    for (const [lang, locale] of [
      ['zh-CN', 'zh_CN'],
      ['en', 'en_GB'],
    ] as const) {
      const html = (await read(lang, 'brief.html')).toString();
      const head = /<head>([\s\S]*?)<\/head>/.exec(html)![1]!;
      const meta = Object.fromEntries([...head.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)].map((m) => [m[1], m[2]]));
      const title = /<title>([^<]*)<\/title>/.exec(head)![1];
      expect(meta).toMatchObject({
        'og:type': 'article',
        'og:title': title,
        'og:locale': locale,
        'og:image': `https://example.org/briefs/${lang}/og-image.png`,
        'og:url': `https://example.org/briefs/${lang}/brief.html`,
        'og:image:width': '1200',
        'og:image:height': '630',
        'og:image:alt': title,
        'twitter:card': 'summary_large_image',
      });
      expect(meta['og:description']).toBe(/<meta name="description" content="([^"]*)">/.exec(head)![1]);
    }
  });
});

describe('rebuilding', () => {
  it('reuses every PNG whose SVG is unchanged, says so, and rewrites no file', async () => {
    expect(firstLog.filter((l) => /: drawing$/.test(l))).toHaveLength(2 * (CHARTS.length * 2 + 1));
    const mtimes = async () =>
      Promise.all(
        LANGS.map(async (lang) => {
          const files = (await readdir(join(out, lang), { recursive: true })).map(String).sort();
          return Promise.all(files.map(async (f) => [f, (await stat(join(out, lang, f))).mtimeMs] as const));
        }),
      );
    const before = await mtimes();
    await rm(join(out, 'en', 'numbers.json')); // an output file gone: a real rebuild, not "up to date"
    const log: string[] = [];
    const result = await buildBrief({
      dataDir: DATA,
      outDir: out,
      langs: LANGS,
      formats: ['html', 'charts'],
      config: { baseUrl: 'https://example.org/briefs' },
      log: (l) => log.push(l),
    });
    expect(log.filter((l) => /PNG reused$/.test(l))).toHaveLength(2 * (CHARTS.length * 2 + 1));
    expect(log.filter((l) => /drawing/.test(l))).toEqual([]);
    expect(result.updated).toEqual(['en']); // only the language whose file was missing
    const after = await mtimes();
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.filter(([f]) => f !== 'numbers.json').length).toBe(before[1]!.length - 1);
  }, 120_000);

  it('draws byte-identical PNGs without the cache, so the language folder is left untouched', async () => {
    const log: string[] = [];
    const result = await buildBrief({
      dataDir: DATA,
      outDir: out,
      langs: ['en'],
      formats: ['html', 'charts'],
      config: { baseUrl: 'https://example.org/briefs' },
      cacheDir: false,
      log: (l) => log.push(l),
    });
    expect(log.filter((l) => /: drawing$/.test(l))).toHaveLength(CHARTS.length * 2 + 1);
    expect(result.updated).toEqual([]);
  }, 180_000);

  it('is additive: the HTML alone keeps the images and points to them; --clean removes both', async () => {
    const copy = join(root, 'additive');
    await cp(out, copy, { recursive: true });
    const png = await readFile(join(copy, 'en', 'charts', 'power-mix@2x.png'));
    await buildBrief({ dataDir: DATA, outDir: copy, langs: ['en'], formats: ['html'] });
    expect(await readFile(join(copy, 'en', 'charts', 'power-mix@2x.png'))).toEqual(png);
    expect(await readFile(join(copy, 'en', 'brief.html'), 'utf8')).toContain('<meta property="og:image" content="og-image.png">');
    await buildBrief({ dataDir: DATA, outDir: copy, langs: ['en'], formats: ['html'], clean: true });
    expect(existsSync(join(copy, 'en', 'charts'))).toBe(false);
    expect(existsSync(join(copy, 'en', 'og-image.png'))).toBe(false);
    const html = await readFile(join(copy, 'en', 'brief.html'), 'utf8');
    expect(html).not.toContain('og:image');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
  }, 120_000);

  it('without a browser: writes the SVGs, keeps the last PNGs, and reports the missing browser', async () => {
    const copy = join(root, 'no-browser');
    await cp(out, copy, { recursive: true });
    await rm(join(copy, 'en', 'charts', 'emissions.svg'));
    const png = await readFile(join(copy, 'en', 'charts', 'emissions.png'));
    const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
    process.env.PUPPETEER_EXECUTABLE_PATH = '/nonexistent/chrome';
    try {
      await expect(buildBrief({ dataDir: DATA, outDir: copy, langs: ['en'], formats: ['charts'] })).rejects.toBeInstanceOf(BrowserNotFoundError);
      const fresh = join(root, 'no-browser-fresh');
      await expect(buildBrief({ dataDir: DATA, outDir: fresh, langs: ['en'], formats: ['charts'] })).rejects.toBeInstanceOf(BrowserNotFoundError);
      const files = (await readdir(join(fresh, 'en', 'charts'))).sort();
      expect(files.length).toBe(CHARTS.length);
      expect(files.every((f) => f.endsWith('.svg'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
      else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
    }
    expect(existsSync(join(copy, 'en', 'charts', 'emissions.svg'))).toBe(true);
    expect(await readFile(join(copy, 'en', 'charts', 'emissions.png'))).toEqual(png);
    expect(existsSync(join(copy, 'en', 'og-image.png'))).toBe(true);
  }, 60_000);
});

describe('hostile words', () => {
  // Markup, quotes, an ampersand and a CDATA end in the configured title (it reaches the meta tags
  // and the Open Graph card) and in every chart title (it reaches the SVGs and their pages).
  const hostile = 'Brief </style><script>alert(1)</script><img src=x onerror=alert(2)> "q\' & ]]> <!-- x';
  let hostileOut: string;

  beforeAll(async () => {
    const templates = join(root, 'hostile-templates');
    const en = JSON.parse(await readFile(join(ROOT, 'templates', 'i18n', 'en.json'), 'utf8')) as { charts: Record<string, string> };
    for (const key of Object.keys(en.charts).filter((k) => k.endsWith('.title'))) en.charts[key] = `${en.charts[key]} ${hostile}`;
    await mkdir(join(templates, 'i18n'), { recursive: true });
    await writeFile(join(templates, 'i18n', 'en.json'), JSON.stringify(en));
    hostileOut = join(root, 'hostile');
    await buildBrief({
      dataDir: DATA,
      outDir: hostileOut,
      langs: ['en'],
      formats: ['html', 'charts'],
      cacheDir: false,
      config: { title: { en: hostile }, templates, baseUrl: 'https://example.org/a"b<c>' },
    });
  }, 240_000);

  it('is text in the meta tags', async () => {
    const html = await readFile(join(hostileOut, 'en', 'brief.html'), 'utf8');
    const head = /<head>([\s\S]*?)<\/head>/.exec(html)![1]!;
    expect(head).not.toMatch(/<script|<img|<!--/i);
    const page = await browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setContent(html);
      const meta = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('meta[property], meta[name]')].map((m) => [
            m.getAttribute('property') ?? m.getAttribute('name'),
            m.getAttribute('content'),
          ]),
        ),
      );
      expect(meta['og:title']).toBe(hostile);
      expect(meta['og:image:alt']).toBe(hostile);
      // The URL is a URL: its quote and brackets percent-encoded, never an end of the attribute.
      expect(meta['og:image']).toBe('https://example.org/a%22b%3Cc%3E/en/og-image.png');
    } finally {
      await page.close();
    }
  });

  it('is text in the chart SVGs and in the page each PNG is drawn from', async () => {
    for (const id of await chartIds(hostileOut, 'en')) {
      const text = await readFile(join(hostileOut, 'en', 'charts', `${id}.svg`), 'utf8');
      const parsed = await parseSvg(text);
      expect(parsed, id).toMatchObject({ errors: 0, scripts: 0 });
      expect(parsed.title!.endsWith(hostile)).toBe(true);
      const { page, requests, dialogs } = await openSvg(text);
      try {
        const seen = await page.evaluate(() => ({
          scripts: document.getElementsByTagName('script').length,
          images: document.getElementsByTagName('img').length,
          text: document.documentElement.textContent,
        }));
        expect(seen.scripts + seen.images, id).toBe(0);
        expect(seen.text).toContain(hostile.split(' ]]>')[0]);
        expect({ requests, dialogs }).toEqual({ requests: [], dialogs: [] });
      } finally {
        await page.close();
      }
    }
  }, 120_000);

  it('is text in the Open Graph card', async () => {
    const { data } = await loadData(DATA);
    const output = await renderLanguage({
      data: data!,
      metrics: computeMetrics(data!, DEFAULT_COMPARISON),
      lang: 'en',
      templates: new TemplateFiles(join(ROOT, 'templates')),
      fonts: new FontSet(),
      config: { title: { en: hostile } },
    });
    const card = await socialCard(output.view, hostile, '#1f4e79', output.t, new FontSet());
    const parsed = await parseSvg(card.svg);
    expect(parsed).toMatchObject({ errors: 0, scripts: 0, title: hostile });
    // Cut to three lines at most, the title's words are drawn as they are.
    expect(parsed.texts.join('').replace(/\s/g, '')).toContain('Brief</style><script>alert(1)</script>');
    expect(pngHeader(await readFile(join(hostileOut, 'en', 'og-image.png')))).toMatchObject({ width: 1200, height: 630 });
  }, 60_000);
});
