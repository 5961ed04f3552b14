/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Functions passed to page.evaluate run in Chromium, hence DOM types in this file.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { CHARTS } from '../../src/charts/registry.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { launchBrowser } from '../../src/pdf/browser.js';
import { chartReport, figureNumbers, hostPage, openPage } from './chromium.js';

// Sections as a web page shows them: on phones and wide screens, hovered, several on one page,
// in a dark page with careless CSS.
const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const LANGS = ['zh-CN', 'en'] as const;
let root: string;
let browser: Browser;

interface ManifestSection {
  id: string;
  file: string;
  sha256: string;
  csp: Record<string, string[]>;
  embed: { html: string; csp: string };
}
const manifest = async (lang: string) =>
  JSON.parse(await readFile(join(root, 'out', lang, 'sections', 'manifest.json'), 'utf8')) as { sections: ManifestSection[] };
const fragment = (lang: string, id: string) => readFile(join(root, 'out', lang, 'sections', `${id}.html`), 'utf8');
const allFragments = async (lang: string) => Promise.all((await manifest(lang)).sections.map((s) => fragment(lang, s.id)));

async function show(html: string, width: number, prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await prepare?.(page);
  const report = await openPage(page, () => page.setContent(html, { waitUntil: 'load' }));
  expect(report).toEqual({ errors: [], requests: [] });
  return page;
}

/** The class of each chart drawing shown: etsb-wide or etsb-narrow. */
const shownDrawings = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.etsb-chart > svg')]
      .filter((s) => s.getClientRects().length > 0)
      .map((s) => [...s.classList].find((c) => c.startsWith('etsb-'))),
  );

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-web-'));
  await buildBrief({ dataDir: DATA, outDir: join(root, 'out'), langs: [...LANGS], formats: ['html', 'sections'] });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

describe.each(LANGS)('%s sections on the web', (lang) => {
  it('draws chart text at 9 CSS px or more on 320 and 375 px phones: the narrow drawings, inside their boxes', async () => {
    const fragments = await allFragments(lang);
    for (const width of [320, 375]) {
      const page = await show(hostPage(fragments), width);
      const report = await chartReport(page);
      expect(report, `${width}px`).toMatchObject({ charts: CHARTS.length, drawings: [], hidden: [], overflow: [], fontsLoaded: true });
      expect(report.smallest.px, `${width}px: ${report.smallest.text}`).toBeGreaterThanOrEqual(9);
      expect(new Set(await shownDrawings(page))).toEqual(new Set(['etsb-narrow']));
      await page.close();
    }
    // The standalone brief too.
    const page = await browser.newPage();
    await page.setViewport({ width: 375, height: 900 });
    await openPage(page, () => page.goto(pathToFileURL(join(root, 'out', lang, 'brief.html')).href, { waitUntil: 'load' }));
    const brief = await chartReport(page);
    expect(brief).toMatchObject({ charts: CHARTS.length, drawings: [], overflow: [] });
    expect(brief.smallest.px, brief.smallest.text).toBeGreaterThanOrEqual(9);
    await page.close();
  }, 90_000);

  it('keeps charts legible at 1400 px: the wide drawings, text between 9 and 16 CSS px', async () => {
    const page = await show(hostPage(await allFragments(lang)), 1400);
    const report = await chartReport(page);
    expect(report).toMatchObject({ charts: CHARTS.length, drawings: [], hidden: [], overflow: [] });
    expect(report.smallest.px, report.smallest.text).toBeGreaterThanOrEqual(9);
    expect(report.largest.px, report.largest.text).toBeLessThanOrEqual(16);
    expect(new Set(await shownDrawings(page))).toEqual(new Set(['etsb-wide']));
    await page.close();
  }, 60_000);

  it("gives every mark a tooltip (an SVG title) in the brief's language, with values as its data table writes them", async () => {
    const page = await show(hostPage(await allFragments(lang)), 900);
    const marks = await page.evaluate(() =>
      [...document.querySelectorAll('.etsb-chart > svg')].map((svg) => {
        // Data marks; a mark drawn as decoration (aria: false, as the zero line) has none to give.
        const items = [...svg.querySelectorAll('.role-mark:not([aria-hidden="true"]) > *')];
        return {
          figure: svg.closest('figure')!.id,
          untitled: items.filter((e) => !e.querySelector(':scope > title')?.textContent?.trim()).map((e) => e.outerHTML.slice(0, 80)),
          titles: items.map((e) => e.querySelector(':scope > title')?.textContent ?? ''),
          // The figure's data table, as the reader sees it.
          rows: [...svg.closest('figure')!.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!)),
        };
      }),
    );
    expect(marks).toHaveLength(2 * CHARTS.length); // each chart drawn wide and narrow
    for (const m of marks) {
      expect(m.untitled, m.figure).toEqual([]);
      expect(m.titles.length, m.figure).toBeGreaterThan(0);
      // Every row of the table is one mark's tooltip at least: its label and its value, as written there.
      for (const [label, value] of m.rows.map((r) => [r[0]!, r.slice(1).find((c) => /\d/.test(c) && c !== r[0]) ?? ''])) {
        expect(
          m.titles.some((t) => t.includes(label!) && t.includes(value!)),
          `${m.figure}: no tooltip with "${label}" and "${value}"`,
        ).toBe(true);
      }
    }
    const bars = marks.find((m) => m.figure.endsWith('fig-auction-revenue'))!.titles;
    expect(bars).toContain(lang === 'en' ? '2013, To member states: EUR 3.1 billion' : '2013年归属成员国：31亿欧元');
    await page.close();
  }, 60_000);

  it('numbers the figures of two sections on one page in page order; each alone from 1; the brief keeps its own', async () => {
    const label = (n: number) => (lang === 'en' ? `Figure ${n}` : `图${n}`);
    // The brief has phases' figures first (1–3), then results' (4–8): embedded the other way
    // round they used to read 4–8, then 1–3.
    const page = await show(hostPage([await fragment(lang, 'results'), await fragment(lang, 'phases')]), 900);
    expect(await figureNumbers(page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(label));
    await page.close();
    const alone = await show(hostPage([await fragment(lang, 'compared')]), 900);
    expect(await figureNumbers(alone)).toEqual([1, 2, 3].map(label));
    await alone.close();
    const brief = await browser.newPage();
    await openPage(brief, () => brief.goto(pathToFileURL(join(root, 'out', lang, 'brief.html')).href, { waitUntil: 'load' }));
    expect(await figureNumbers(brief)).toEqual(CHARTS.map((_, i) => label(i + 1)));
    // There the number is text, so it is in what a reader copies.
    expect(await brief.evaluate(() => document.querySelector('.etsb-fignum')!.textContent)).toBe(label(1));
    await brief.close();
  }, 60_000);

  it('stays a light card, sized as designed, in a dark page whose CSS reaches everything', async () => {
    const css = `:root { color-scheme: dark; } html { font-size: 10px; } body { background: #111; }
      * { font-size: 30px; color: red; line-height: 3; } svg { width: 50%; } table { display: block; } p { margin: 5em; } text { font-size: 30px; }`;
    const page = await show(hostPage(await allFragments(lang), css), 375, (p) => p.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]));
    const look = await page.evaluate(() => {
      const style = (e: Element) => getComputedStyle(e);
      const card = document.querySelector('.etsb')!;
      const p = document.querySelector('.etsb p')!;
      const svg = [...document.querySelectorAll('.etsb-chart > svg')].find((s) => s.getClientRects().length > 0)!;
      return {
        card: [style(card).backgroundColor, style(card).color, style(card).colorScheme, style(card).maxWidth],
        h2: style(document.querySelector('.etsb h2')!).fontSize,
        p: [style(p).fontSize, style(p).marginLeft, style(p).color],
        table: style(document.querySelector('.etsb table')!).display,
        chartFill: svg.getBoundingClientRect().width / svg.parentElement!.getBoundingClientRect().width,
        host: style(document.querySelector('#host-p')!).color,
      };
    });
    expect(look).toEqual({
      card: ['rgb(255, 255, 255)', 'rgb(26, 26, 26)', 'light', '736px'], // 46em of the card's 16px, whatever the root size
      h2: '21.6px',
      p: ['16px', '0px', 'rgb(26, 26, 26)'],
      table: 'table',
      chartFill: 1,
      host: 'rgb(255, 0, 0)', // the host's own text keeps the host's style
    });
    const report = await chartReport(page);
    expect(report).toMatchObject({ charts: CHARTS.length, drawings: [], overflow: [] });
    expect(report.smallest.px, report.smallest.text).toBeGreaterThanOrEqual(9);
    expect(report.largest.px, report.largest.text).toBeLessThanOrEqual(20);
    await page.close();
  }, 60_000);

  it('puts in the manifest, for each section, the snippet to paste (the fragment, byte for byte) and the policy it needs', async () => {
    for (const s of (await manifest(lang)).sections) {
      expect(s.embed.html).toBe(await fragment(lang, s.id));
      expect(s.embed.csp).toBe(`style-src ${s.csp['style-src']!.join(' ')}; font-src data:; img-src data:`);
    }
  });
});
