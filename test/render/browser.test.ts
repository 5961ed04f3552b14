/// <reference lib="dom" />
import { CHARTS } from '../../src/charts/registry.js';
// Functions passed to page.evaluate run in Chromium, hence DOM types in this file.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { launchBrowser } from '../../src/pdf/browser.js';
import { chartReport, hostPage, openPage } from './chromium.js';

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
    const report = await openPage(page, () => page.goto(pathToFileURL(join(root, 'out', lang, 'brief.html')).href, { waitUntil: 'load' }));
    expect(report).toEqual({ errors: [], requests: [] });
    const charts = await chartReport(page);
    expect(charts).toMatchObject({ charts: CHARTS.length, drawings: [], hidden: [], overflow: [], fontsLoaded: true });
    // Chinese text is drawn with the embedded font, not a fallback.
    const family = await page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
    expect(family).toMatch(/^"etsb Noto Sans SC"/);
    await page.close();
  }, 60_000);

  it('embeds every section in a hostile host page without breaking it or being broken by it', async () => {
    const dir = join(root, 'out', lang, 'sections');
    const fragments = await Promise.all(
      (await readdir(dir))
        .filter((f) => f.endsWith('.html'))
        .sort()
        .map((f) => readFile(join(dir, f), 'utf8')),
    );
    const host = hostPage(fragments, AGGRESSIVE_CSS);
    const page = await browser.newPage();
    await page.setViewport({ width: 900, height: 1200 });
    const report = await openPage(page, () => page.setContent(host, { waitUntil: 'load' }));
    expect(report).toEqual({ errors: [], requests: [] });
    expect(await chartReport(page)).toMatchObject({ charts: CHARTS.length, drawings: [], hidden: [], overflow: [], fontsLoaded: true });
    const styles = await page.evaluate(() => {
      const style = (sel: string) => getComputedStyle(document.querySelector(sel)!);
      return {
        hostH1Font: style('#host').fontFamily,
        hostP: style('#host-p').fontSize,
        sectionH2Display: style('.etsb h2').display,
        sectionPSize: style('.etsb p').fontSize,
        sectionTable: style('.etsb table').display,
      };
    });
    // Our styles did not leak into the host, and the host's did not reach into the sections.
    expect(styles).toEqual({ hostH1Font: 'serif', hostP: '40px', sectionH2Display: 'block', sectionPSize: '16px', sectionTable: 'table' });
    await page.close();
  }, 60_000);
});
