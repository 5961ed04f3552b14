/// <reference lib="dom" />
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { DATASETS } from '../../src/data/datasets/index.js';
import { readTable } from '../../src/data/read-table.js';
import type { DatasetSchema } from '../../src/data/schema.js';
import { formatTable } from '../../src/data/write-table.js';
import { launchBrowser } from '../../src/pdf/browser.js';
import { tempDirWithData, trapServer } from '../support.js';

// Hostile text in every free-text column of every dataset: markup, handlers, URLs, CSS and
// Handlebars-looking strings. The briefs must show it as text, run nothing and fetch nothing.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
let root: string;
let browser: Browser;
let server: Awaited<ReturnType<typeof trapServer>>;
let base = '';
const payload = () =>
  ` <script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)></svg><a href="javascript:alert(4)">x</a>` +
  `<link rel=stylesheet href="${base}/evil.css"><img src="${base}/pixel.png"> {{constructor.constructor('alert(5)')()}} ` +
  `<style>@import url(${base}/i.css)</style> expression(alert(6)) url(${base}/u.png)`;

beforeAll(async () => {
  server = await trapServer();
  base = server.base;
  root = await tempDirWithData('ets-csp-');
  const data = join(root, 'data');
  for (const [name, schema] of Object.entries(DATASETS) as [string, DatasetSchema][]) {
    const file = join(data, `${name}.csv`);
    const read = await readTable(file, schema).catch(() => undefined);
    if (!read || read.rows.length === 0) continue;
    // Free text only: `source` lists ids that must exist in sources.csv.
    const textFields = Object.entries(schema.fields)
      .filter(([k, f]) => k !== 'source' && f.type === 'string' && f.expected.startsWith('text'))
      .map(([k]) => k);
    const rows = read.rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, textFields.includes(k) && typeof v === 'string' ? v + payload() : v])),
    );
    await writeFile(file, formatTable(schema, rows));
  }
  await buildBrief({ dataDir: data, outDir: join(root, 'out'), langs: ['zh-CN', 'en'], formats: ['html', 'sections', 'pdf'], cacheDir: false });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
  await server.close();
});

/** Serves `html` at a test origin with the CSP header; records violations, dialogs, requests. */
async function openWithCsp(html: string, csp: string) {
  const page: Page = await browser.newPage();
  const report = { violations: [] as string[], dialogs: [] as string[], requests: [] as string[], errors: [] as string[] };
  page.on('dialog', (d) => {
    report.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') report.errors.push(m.text());
  });
  await page.evaluateOnNewDocument(() => {
    const seen = window as unknown as { v?: string[] };
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.v ??= [];
      seen.v.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    if (r.url() === 'https://host.test/')
      void r.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'Content-Security-Policy': csp }, body: html });
    else if (r.url().startsWith('data:')) void r.continue();
    else {
      report.requests.push(r.url());
      void r.abort();
    }
  });
  await page.goto('https://host.test/', { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  report.violations = await page.evaluate(() => (window as unknown as { v?: string[] }).v ?? []);
  await page.close();
  return report;
}

describe.each(['zh-CN', 'en'])('%s outputs with hostile data', (lang) => {
  it('contain the payload only as escaped text', async () => {
    const out = join(root, 'out', lang);
    const files = [join(out, 'brief.html'), ...(await readdir(join(out, 'sections'))).filter((f) => f.endsWith('.html')).map((f) => join(out, 'sections', f))];
    for (const file of files) {
      const html = await readFile(file, 'utf8');
      // Markup only: the same words escaped (&lt;img … onerror=…&gt;) are text and must stay, in
      // element text (a chart legend's market name), a stylesheet's strings (the title the print
      // margins repeat) and attribute values (a legend's aria-label) alike. So tags are read outside
      // <style>; a link is looked for in a tag, and tags and handlers with the tags' quoted values
      // emptied (a value escapes its quotes, so none can hold a tag's end or another attribute).
      const markup = html.replace(/(<style[^>]*>)[\s\S]*?<\/style>/g, '$1</style>');
      expect(markup, file).not.toMatch(/<[^>]*\shref="javascript:/i);
      expect(markup.replace(/="[^"]*"/g, '=""'), file).not.toMatch(/<(script|img|link|iframe)\b|<svg onload|<[^>]+\son\w+=/i);
      expect(html, file).not.toMatch(/<style>@import/i);
    }
    const brief = await readFile(join(out, 'brief.html'), 'utf8');
    expect(brief).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Chart tooltips quote data too (scope names in the emissions chart's): as text in <title>.
    expect(brief).toMatch(/role="graphics-symbol"[^>]*><title>[^<]*&lt;script&gt;alert\(1\)&lt;\/script&gt;[^<]*<\/title>/);
  });

  it('run no script, fetch nothing and raise no CSP violation under the strict policy', async () => {
    const brief = await readFile(join(root, 'out', lang, 'brief.html'), 'utf8');
    expect(await openWithCsp(brief, CSP)).toEqual({ violations: [], dialogs: [], requests: [], errors: [] });
    const dir = join(root, 'out', lang, 'sections');
    const fragments = await Promise.all(
      (await readdir(dir))
        .filter((f) => f.endsWith('.html'))
        .sort()
        .map((f) => readFile(join(dir, f), 'utf8')),
    );
    const host = `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>${fragments.join('\n')}</body></html>`;
    expect(await openWithCsp(host, CSP)).toEqual({ violations: [], dialogs: [], requests: [], errors: [] });
    // Even without 'unsafe-inline': the manifest's style hashes are all a host has to allow.
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      sections: { csp: { 'style-src': string[] }; embed: { html: string; csp: string } }[];
    };
    const hashes = manifest.sections.flatMap((s) => s.csp['style-src']).join(' ');
    expect(await openWithCsp(host, `default-src 'none'; style-src ${hashes}; img-src data:; font-src data:`)).toEqual({
      violations: [],
      dialogs: [],
      requests: [],
      errors: [],
    });
    // One section pasted from the manifest's snippet, under the policy the manifest gives for it.
    const [first] = manifest.sections;
    const pasted = `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>${first!.embed.html}</body></html>`;
    expect(await openWithCsp(pasted, `default-src 'none'; ${first!.embed.csp}`)).toEqual({ violations: [], dialogs: [], requests: [], errors: [] });
    expect(server.hits()).toBe(0);
  }, 60_000);
});

describe('PDF printing with hostile data', () => {
  it('made no request to the URLs in the data', () => {
    expect(server.hits()).toBe(0);
  });
});
