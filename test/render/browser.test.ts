/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { CHARTS } from '../../src/charts/registry.js';
// Functions passed to page.evaluate run in Chromium, hence DOM types in this file only.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build/build.js';
import { launchBrowser } from '../../src/pdf/browser.js';

// The briefs as a reader's browser sees them: real Chromium, fonts loaded, nothing fetched.
const DATA = fileURLToPath(new URL('../../data', import.meta.url));
let root: string;
let browser: Browser;

// A host page that styles everything it can reach, the way careless site CSS does.
const AGGRESSIVE_CSS = `
  * { margin: 30px; padding: 12px; color: #f0f; font-family: serif; line-height: 3; letter-spacing: 2px; box-sizing: content-box; }
  body { font-size: 22px; background: #ff0; }
  h2 { display: none; } p { font-size: 40px; } table, details { display: none; }
  svg { width: 60px; height: 20px; } figure { display: inline; } text { font-size: 30px; fill: red; }
  div { border: 9px solid green; }`;

interface PageReport { errors: string[]; requests: string[] }

async function open(page: Page, load: () => Promise<unknown>): Promise<PageReport> {
  const report: PageReport = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') report.errors.push(m.text()); });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  await page.setRequestInterception(true);
  let first = true;
  page.on('request', (r) => {
    const url = r.url();
    // The document itself and data: URLs are the page; anything else would leave it.
    if (url.startsWith('data:') || (first && r.isNavigationRequest())) {
      first = false;
      void r.continue();
    } else {
      report.requests.push(url);
      void r.abort();
    }
  });
  await load();
  await page.evaluate(() => document.fonts.ready);
  return report;
}

/** Every chart is on screen and every text of it lies inside its SVG box. */
async function checkCharts(page: Page): Promise<{ charts: number; hidden: string[]; overflow: string[]; fontsLoaded: boolean }> {
  return page.evaluate(() => {
    const hidden: string[] = [];
    const overflow: string[] = [];
    const charts = [...document.querySelectorAll('.etsb-chart svg')] as SVGSVGElement[];
    for (const svg of charts) {
      const box = svg.getBoundingClientRect();
      const id = svg.closest('figure')?.id ?? '?';
      if (box.width < 200 || box.height < 60 || getComputedStyle(svg).visibility === 'hidden') hidden.push(`${id} ${box.width}x${box.height}`);
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent?.trim()) continue;
        const t = text.getBoundingClientRect();
        if (t.left < box.left - 1 || t.right > box.right + 1 || t.top < box.top - 1 || t.bottom > box.bottom + 1) overflow.push(`${id}: "${text.textContent}"`);
      }
    }
    const fontsLoaded = [...document.fonts].some((f) => f.family.includes('etsb Noto Sans SC') && f.status === 'loaded');
    return { charts: charts.length, hidden, overflow, fontsLoaded };
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-browser-'));
  await buildBrief({ dataDir: DATA, outDir: join(root, 'out'), langs: ['zh-CN', 'en'], formats: ['html', 'sections'] });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

describe.each(['zh-CN', 'en'])('%s brief in Chromium', (lang) => {
  it('loads with no console error and no request leaving the page; every chart visible, no text outside its chart', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 1200 });
    const report = await open(page, () => page.goto(pathToFileURL(join(root, 'out', lang, 'brief.html')).href, { waitUntil: 'load' }));
    expect(report).toEqual({ errors: [], requests: [] });
    const charts = await checkCharts(page);
    expect(charts).toEqual({ charts: CHARTS.length, hidden: [], overflow: [], fontsLoaded: true });
    // Chinese text is drawn with the embedded font, not a fallback.
    const family = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
    expect(family).toMatch(/^"etsb Noto Sans SC"/);
    await page.close();
  }, 60_000);

  it('embeds every section in a hostile host page without breaking it or being broken by it', async () => {
    const dir = join(root, 'out', lang, 'sections');
    const fragments = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.html')).sort().map((f) => readFile(join(dir, f), 'utf8')));
    const host = `<!doctype html><html><head><meta charset="utf-8"><style>${AGGRESSIVE_CSS}</style></head><body><h1 id="host">Host page</h1>${fragments.join('\n')}<p id="host-p">Host text</p></body></html>`;
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 1200 });
    const report = await open(page, () => page.setContent(host, { waitUntil: 'load' }));
    expect(report).toEqual({ errors: [], requests: [] });
    expect(await checkCharts(page)).toEqual({ charts: CHARTS.length, hidden: [], overflow: [], fontsLoaded: true });
    const styles = await page.evaluate(() => {
      const style = (sel: string) => getComputedStyle(document.querySelector(sel)!);
      return {
        hostH1Font: style('#host').fontFamily, hostP: style('#host-p').fontSize,
        sectionH2Display: style('.etsb h2').display, sectionPSize: style('.etsb p').fontSize, sectionTable: style('.etsb table').display,
      };
    });
    // Our styles did not leak into the host, and the host's did not reach into the sections.
    expect(styles).toEqual({ hostH1Font: 'serif', hostP: '40px', sectionH2Display: 'block', sectionPSize: '16px', sectionTable: 'table' });
    await page.close();
  }, 60_000);
});
