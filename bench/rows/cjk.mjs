// Row 2: printing a Chinese page against printing the same page with Latin text, in a warm
// browser, each with the brief's embedded font subset.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { note, ROOT, summary } from '../lib.mjs';

/** The brief's own sentences in one language, repeated to `chars` characters, as paragraphs. */
async function text(lang, chars) {
  const strings = [];
  const walk = (v) => (typeof v === 'string' ? strings.push(v.replace(/\{[^}]*\}/g, '')) : v && typeof v === 'object' && Object.values(v).forEach(walk));
  walk(JSON.parse(await readFile(join(ROOT, 'templates', 'i18n', `${lang}.json`), 'utf8')));
  const paragraphs = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const p = strings.slice((i * 7) % strings.length, ((i * 7) % strings.length) + 7).join(lang === 'en' ? ' ' : '');
    paragraphs.push(p);
    length += p.length;
  }
  return paragraphs;
}

async function page(lang, chars, fonts) {
  const paragraphs = await text(lang, chars);
  const body = paragraphs.map((p) => `<p>${p.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</p>`).join('\n');
  const css = await fonts.fontFaceCss(paragraphs.join(''));
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${css}
@page { size: A4; margin: 20mm }
body { font-family: 'etsb Noto Sans SC', sans-serif; font-size: 10.5pt; line-height: 1.6 }</style></head><body>${body}</body></html>`;
}

export async function benchCjk({ runs }) {
  const { FontSet } = await import('../../dist/fonts/font-set.js');
  const { launchBrowser } = await import('../../dist/pdf/browser.js');
  const { PDFDocument } = await import('pdf-lib');
  const fonts = new FontSet();
  // The same number of A4 pages each (seven; the row reports both): a Chinese character is about
  // twice as wide as a Latin letter.
  const docs = { zh: await page('zh-CN', 7000, fonts), latin: await page('en', 18000, fonts) };
  const browser = await launchBrowser();
  const times = { zh: [], latin: [] };
  const pages = {};
  try {
    const print = async (html) => {
      const start = performance.now();
      const p = await browser.newPage();
      await p.setContent(html, { waitUntil: 'load' });
      await p.evaluate('document.fonts.ready.then(() => true)');
      const pdf = await p.pdf({ preferCSSPageSize: true, printBackground: true });
      await p.close();
      return { ms: performance.now() - start, pdf };
    };
    await print(docs.zh);
    await print(docs.latin);
    for (let i = 0; i < runs; i++) {
      for (const kind of i % 2 ? ['latin', 'zh'] : ['zh', 'latin']) {
        const { ms, pdf } = await print(docs[kind]);
        times[kind].push(ms);
        pages[kind] = (await PDFDocument.load(pdf)).getPageCount();
      }
      note(`cjk ${i + 1}/${runs}: zh ${times.zh.at(-1).toFixed(0)} ms, latin ${times.latin.at(-1).toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
  }
  return [
    {
      id: '2',
      group: 'cjk',
      measure: 'print a Chinese page ÷ the same page in Latin text',
      unit: 'x',
      result: summary(times.zh.map((z, i) => z / times.latin[i])),
      behind: `zh ${summary(times.zh).median.toFixed(0)} ms (${pages.zh} pages) / latin ${summary(times.latin).median.toFixed(0)} ms (${pages.latin} pages)`,
      goal: { op: '<=', value: 1.3 },
      runs: times,
      pages,
    },
  ];
}
