/// <reference lib="dom" />
// Functions passed to page.evaluate run in Chromium, hence DOM types in this file.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, launchBrowser } from '../../src/pdf/browser.js';
import { ROOT, tempDirWithData } from '../support.js';

// `ets-brief preview` as a user runs it, with the pages open in Chromium: an edit of the data, of
// a template and a save by rename each show up in the open pages; a failed rebuild shows its
// errors over the last good content, and a fix recovers.
let dir: string;
let child: ChildProcessWithoutNullStreams;
let browser: Browser;
let url: string;
let stdout = '';
let stderr = '';
let facts: string;
let original: string;
let template: string;

const VOLUME = ',2021-07-16,2022-12-31,230000000,';
/** facts.csv with China's traded volume set to `tonnes` (the EU's is 12.5 Gt: 330 Mt is about 3%). */
const withVolume = (tonnes: number) => original.replace(VOLUME, `,2021-07-16,2022-12-31,${tonnes},`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForOutput(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
  for (let i = 0; i < 1200; i++) {
    const match = pattern.exec(stdout.slice(from));
    if (match) return match;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${pattern}; stdout: ${stdout}; stderr: ${stderr}`);
}

/** Polls the page (which may be reloading meanwhile) until `check` holds; returns its last value. */
async function waitInPage<T>(page: Page, read: () => T, check: (value: T) => boolean, what: string): Promise<T> {
  let value: T | undefined;
  for (let i = 0; i < 600; i++) {
    try {
      value = (await page.evaluate(read)) as T;
      if (check(value)) return value;
    } catch {
      // the page is between two documents
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what} in ${page.url()}; last: ${JSON.stringify(value)}; stdout: ${stdout}; stderr: ${stderr}`);
}

const bodyText = () => document.body?.innerText ?? '';
const waitForText = (page: Page, text: string) => waitInPage(page, bodyText, (t) => t.includes(text), `"${text}"`);
/** The preview's banner over the page, as text ('' when there is none). */
const bannerText = () => document.querySelector('ets-brief-preview')?.shadowRoot?.querySelector('div')?.textContent ?? '';

beforeAll(async () => {
  dir = await tempDirWithData('ets-preview-');
  facts = join(dir, 'data', 'facts.csv');
  original = await readFile(facts, 'utf8');
  // A templates override folder (README, Configuration), holding the key-figures section.
  template = join(dir, 'tpl', 'sections', 'key-figures.hbs');
  await mkdir(join(dir, 'tpl', 'sections'), { recursive: true });
  await copyFile(join(ROOT, 'templates', 'sections', 'key-figures.hbs'), template);
  await writeFile(join(dir, 'ets-brief.config.json'), JSON.stringify({ templates: 'tpl', languages: ['en'] }));
  child = spawn(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'preview', '--port', '0', '--data', join(dir, 'data'), '--out', join(dir, 'out')], {
    cwd: dir,
  });
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  url = (await waitForOutput(/^preview: (http:\/\/127\.0\.0\.1:\d+\/) /m))[1]!;
  await waitForOutput(/watching .*Ctrl-C to stop/);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  child?.kill('SIGINT');
  if (child) await new Promise((r) => child.on('exit', r));
  if (browser) await closeBrowser(browser);
  await rm(dir, { recursive: true, force: true });
});

describe('ets-brief preview, in Chromium', () => {
  const pages = new Map<string, Page>();
  const SECTIONS = ['key-figures', 'global', 'phases', 'mechanisms', 'results', 'problems', 'compared'];

  it('serves the brief and its sections, more pages than the browser opens connections to one host', async () => {
    for (const path of ['en/brief.html', ...SECTIONS.map((s) => `en/sections/${s}.html`)]) {
      const page = await browser.newPage();
      await page.goto(`${url}${path}`, { waitUntil: 'load', timeout: 20_000 });
      pages.set(path, page);
    }
    expect(await pages.get('en/brief.html')!.evaluate(bodyText)).toContain('about 2%');
    expect(await pages.get('en/sections/key-figures.html')!.evaluate(bodyText)).toContain('about 2%');
  }, 120_000);

  it('(a) reloads every open page after a data edit, which shows the new value', async () => {
    for (const page of pages.values()) await page.evaluate(() => Object.assign(window, { beforeTheEdit: true }));
    await writeFile(facts, withVolume(330_000_000));
    await waitForText(pages.get('en/brief.html')!, 'about 3%');
    await waitForText(pages.get('en/sections/key-figures.html')!, 'about 3%');
    for (const [path, page] of pages) {
      await waitInPage(
        page,
        () => !('beforeTheEdit' in window),
        (fresh) => fresh,
        `${path} reloaded`,
      );
    }
    expect(await pages.get('en/brief.html')!.evaluate(bodyText)).not.toContain('about 2%');
  }, 120_000);

  it("(b) reloads after an edit of a template in the configuration's override folder", async () => {
    const text = await readFile(template, 'utf8');
    await writeFile(template, `<p class="etsb-preview-check">Template edited while previewing</p>\n${text}`);
    await waitForText(pages.get('en/brief.html')!, 'Template edited while previewing');
    await waitForText(pages.get('en/sections/key-figures.html')!, 'Template edited while previewing');
  }, 120_000);

  it('(c) reloads after a save by rename, and after an in-place save that follows it', async () => {
    const brief = pages.get('en/brief.html')!;
    await writeFile(`${facts}.new`, withVolume(500_000_000));
    await rename(`${facts}.new`, facts);
    await waitForText(brief, 'about 4%');
    await writeFile(facts, withVolume(750_000_000));
    await waitForText(brief, 'about 6%');
  }, 120_000);

  it("(d) shows a failed rebuild's errors over the last good content, as text, and recovers after a fix", async () => {
    const brief = pages.get('en/brief.html')!;
    // An error message quotes the cell: markup in it must stay text in the page.
    const hostile = '<img src=x onerror=window.pwned=1>';
    await writeFile(facts, withVolume(750_000_000).replace(',2162,count,', `,${hostile},count,`));
    const banner = await waitInPage(brief, bannerText, (t) => t.includes('failed'), 'the error banner');
    expect(banner).toContain('ets-brief: the last rebuild failed; this page shows the last good output.');
    expect(banner).toMatch(/facts\.csv:\d+:7: error \[value\]: invalid value \(got "<img src=x onerror=window\.pwned=1>"/);
    expect(await brief.evaluate(bodyText)).toContain('about 6%'); // the last good content stays
    expect(
      await brief.evaluate(() => ({
        pwned: 'pwned' in window,
        images: document.querySelector('ets-brief-preview')!.shadowRoot!.querySelectorAll('img').length + document.querySelectorAll('img[src=x]').length,
      })),
    ).toEqual({ pwned: false, images: 0 });
    expect(await readFile(join(dir, 'out', 'en', 'brief.html'), 'utf8')).toContain('about 6%');
    expect(stderr).toMatch(/facts\.csv:\d+:7: error \[value\]/); // and on the terminal

    // A page opened while the build is broken shows the error too.
    const late = await browser.newPage();
    await late.goto(`${url}en/sections/key-figures.html`, { waitUntil: 'load' });
    expect(await waitInPage(late, bannerText, (t) => t.includes('failed'), 'the error banner')).toContain('invalid value');
    await late.close();

    await writeFile(facts, withVolume(330_000_000));
    await waitForText(brief, 'about 3%');
    expect(await waitInPage(brief, bannerText, (t) => t === '', 'the banner gone')).toBe('');
  }, 120_000);

  it('writes no script into the files on disk', async () => {
    const out = join(dir, 'out', 'en');
    const files = ['brief.html', ...(await readdir(join(out, 'sections'))).filter((f) => f.endsWith('.html')).map((f) => `sections/${f}`)];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(await readFile(join(out, file), 'utf8'), file).not.toMatch(/<script/i);
  });
});
