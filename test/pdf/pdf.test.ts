import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName, type PDFString } from 'pdf-lib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import { setMetadata } from '../../src/pdf/metadata.js';
import { inkPerPage, outline, pdffonts, pdfinfo, pdftext } from './poppler.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
let out: string;
const pdf = (lang: string) => join(out, lang, 'brief.pdf');
const squash = (s: string) => s.replace(/\s+/g, '');
/** What the build's ledger (numbers.json) says: the data's latest observation and each number's text. */
const ledger = (lang: string) => JSON.parse(readFileSync(join(out, lang, 'numbers.json'), 'utf8')) as { asOf: string; numbers: { id: string; text: string }[] };
const numberText = (lang: string, id: string) => ledger(lang).numbers.find((n) => n.id === id)!.text;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'ets-pdf-'));
  await buildBrief({ dataDir: DATA, outDir: out, langs: ['zh-CN', 'en'], formats: ['pdf'], cacheDir: false });
}, 180_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('determinism', () => {
  it('gives byte-identical PDFs for the same data', async () => {
    const again = await mkdtemp(join(tmpdir(), 'ets-pdf-again-'));
    try {
      await buildBrief({ dataDir: DATA, outDir: again, langs: ['zh-CN', 'en'], formats: ['pdf'], cacheDir: false });
      for (const lang of ['zh-CN', 'en']) expect(readFileSync(join(again, lang, 'brief.pdf')).equals(readFileSync(pdf(lang))), lang).toBe(true);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  }, 180_000);
});

describe.each([
  {
    lang: 'zh-CN',
    title: '欧盟碳排放交易体系对中国全国碳市场的启示',
    footer: /第\s*2\s*页，共\s*(\d+)\s*页/,
    sections: [
      '核心数据',
      '全球碳交易体系概览',
      '欧盟碳市场的发展阶段',
      '欧盟碳市场运行机制',
      '运行成效',
      '存在的问题',
      '中欧比较',
      '政策建议与展望',
      '数据说明与资料来源',
    ],
  },
  {
    lang: 'en',
    title: "Lessons from the EU Emissions Trading System for China's national carbon market",
    footer: /Page 2 of (\d+)/,
    sections: [
      'Key figures',
      'Emissions trading worldwide',
      'The EU ETS phase by phase',
      'How the EU ETS works',
      'Results',
      'Problems',
      'China compared',
      'Recommendations and outlook',
      'Data notes and sources',
    ],
  },
])('$lang PDF', ({ lang, title, footer, sections }) => {
  it('is A4, 8–20 pages, tagged, with title, author, subject, keywords, language and dates from the data', async () => {
    const info = pdfinfo(pdf(lang));
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(8);
    // The paper's eight figures and Table 1, redrawn from data with their notes, take about 19 pages.
    expect(Number(info.Pages)).toBeLessThanOrEqual(20);
    expect(info['Page size']).toMatch(/\(A4\)/);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(title);
    expect(info.Author).toBe('ets-brief');
    expect(info.Subject?.length).toBeGreaterThan(10);
    expect(info.Keywords?.length).toBeGreaterThan(10);
    // The data's latest observation, not the clock or the day files were read.
    const asOf = new Date(`${ledger(lang).asOf}T00:00:00Z`);
    expect(asOf.getUTCFullYear()).toBeGreaterThanOrEqual(2025); // the shipped data reach 2025
    expect(info.CreationDate).toContain(`${asOf.toUTCString().slice(8, 11)} ${String(asOf.getUTCDate()).padStart(2, ' ')} 00:00:00 ${asOf.getUTCFullYear()}`);
    const doc = await PDFDocument.load(readFileSync(pdf(lang)), { updateMetadata: false });
    expect((doc.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe(lang);
  });

  it('embeds every font and keeps the text extractable, numbers included, in reading order', () => {
    const fonts = pdffonts(pdf(lang));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded || !f.unicode)).toEqual([]);
    const text = squash(pdftext(pdf(lang)));
    // Each section title appears, and the sections come in order after the table of contents.
    const bodyStart = text.indexOf(squash(sections[0]!), text.indexOf(squash(sections.at(-1)!)) + 1);
    let last = bodyStart - 1;
    for (const s of sections) {
      const at = text.indexOf(squash(s), last + 1);
      expect(at, s).toBeGreaterThan(last);
      last = at;
    }
    if (lang === 'zh-CN') {
      expect(text).toContain('为欧盟的约2%');
      expect(text).toContain('全国碳市场累计成交2.3亿吨，文献所述同期欧盟碳市场配额成交约125亿吨');
      expect(text).toContain(squash(numberText(lang, 'keyFigures.impliedPrice')));
    } else {
      expect(text).toContain(squash("about 2% of the EU's volume"));
      expect(text).toContain(squash('it traded 230 Mt, against about 12.5 Gt of allowances traded in the EU ETS as the paper states it'));
      expect(text).toContain(squash(numberText(lang, 'keyFigures.impliedPrice')));
    }
  });

  it('has a cover page with title and as-of date and no running footer; later pages number themselves', () => {
    const cover = pdftext(pdf(lang), 1);
    expect(squash(cover)).toContain(squash(title));
    const [y, m, d] = ledger(lang).asOf.split('-').map(Number) as [number, number, number];
    const month = new Date(Date.UTC(y, m - 1, d)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    expect(cover).toMatch(lang === 'zh-CN' ? new RegExp(`数据截至\\s*${y}\\s*年\\s*${m}\\s*月\\s*${d}\\s*日`) : new RegExp(`Data as of ${d} ${month} ${y}`));
    expect(cover).not.toMatch(footer);
    const second = pdftext(pdf(lang), 2);
    expect(Number(footer.exec(second)?.[1])).toBe(Number(pdfinfo(pdf(lang)).Pages));
  });

  it('has an outline whose bookmarks are the section headings, each once', () => {
    const items = outline(pdf(lang)).map(squash);
    for (const s of sections) expect(items, s).toContain(squash(s));
  });

  it('has no blank page: each holds text of its own besides the running title and page number', () => {
    const ink = inkPerPage(pdf(lang));
    const pages = Number(pdfinfo(pdf(lang)).Pages);
    expect(ink.length).toBe(pages);
    for (let page = 1; page <= pages; page++) {
      // What is left once the running title and the "Page n of m" footer are taken out.
      const body = squash(pdftext(pdf(lang), page))
        .replace(squash(title), '')
        .replace(/Page\d+of\d+|第\d+页，共\d+页/, '');
      expect(body.length, `page ${page}`).toBeGreaterThan(40);
      expect(ink[page - 1], `page ${page}`).toBeGreaterThan(0.001);
    }
  });
});

describe('PDF metadata from hostile text', () => {
  it('keeps each field one line of text: controls become spaces, lone surrogates U+FFFD, other scripts and bidi controls stay', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const title = 'a\u0000b\ud800c ) \\ ( >> /JS (x) \u202eR\u202c \u0639\u0631\u0628\u064a\r\nx';
    const bytes = await setMetadata(await doc.save(), { title, author: 'A\nB', subject: 's', keywords: ['k;1', 'k\u00002'], lang: 'en', date: '2026-11-24' });
    const file = join(out, 'metadata.pdf');
    await writeFile(file, bytes);
    const info = pdfinfo(file);
    expect(info.Title).toBe('a b\ufffdc ) \\ ( >> /JS (x) \u202eR\u202c \u0639\u0631\u0628\u064a  x');
    expect(info.Author).toBe('A B');
    expect(info.Keywords).toBe('k;1 k 2');
    expect(Buffer.from(bytes).includes('/JS')).toBe(false); // the text is hex-encoded, never PDF syntax
  });
});
