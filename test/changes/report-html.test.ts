import { describe, expect, it } from 'vitest';
import { compareBriefs } from '../../src/changes/compare.js';
import { reportHtml } from '../../src/changes/report-html.js';
import { parseSnapshot } from '../../src/changes/snapshot.js';
import type { LedgerDocument } from '../../src/render/ledger.js';

// Everything in the report comes from data or the brief: a sentence, a chart cell, a source id, a
// section title. In changes.html each stays text, as in the brief.
const HOSTILE = '</td></table><script>alert(1)</script><img src=x onerror=alert(2)> & "q\'';

function doc(text: string, lang = 'en'): string {
  const ledger: LedgerDocument = {
    generator: 'ets-brief',
    lang,
    asOf: '2022-12-31',
    reach: [],
    numbers: [{ id: `n.${text}`, text, kind: 'number', value: 1, unit: text, rows: [{ dataset: 'facts', rows: [text] }], sources: [] }],
    sentences: [{ slot: `s.${text}`, key: 'k', text, comparisons: [] }],
    sections: [{ id: 'results', title: text }],
    figures: [{ chart: 'emissions', section: 'results', number: 'Figure 1', title: text }],
    unused: [{ dataset: 'market-daily', source: text, rows: 1, first: text, last: text }],
  };
  return JSON.stringify(ledger);
}

describe('changes.html', () => {
  it('keeps every value from data as text: no element, attribute or script comes from it', () => {
    const before = parseSnapshot(doc('plain'), { 'emissions.csv': '\ufeffYear,Mt\r\n2020,1\r\n' });
    const after = parseSnapshot(doc(HOSTILE), { 'emissions.csv': `\ufeffYear,Mt\r\n2020,"${HOSTILE.replace(/"/g, '""')}"\r\n` });
    const html = reportHtml(compareBriefs(before, after));
    expect(html).not.toMatch(/<script|<img|onerror=/i);
    expect(html).toContain('&lt;/td&gt;&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // The page's own markup is intact: as many cells closed as opened.
    expect(html.match(/<td>/g)!.length).toBe(html.match(/<\/td>/g)!.length);
    expect(html.match(/<table>/g)!.length).toBe(html.match(/<\/table>/g)!.length);
  });

  it("is written in the brief's language", () => {
    const zh = reportHtml(compareBriefs(null, parseSnapshot(doc('x', 'zh-CN'), {})));
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('这是该文件夹的第一次生成');
    const en = reportHtml(compareBriefs(null, parseSnapshot(doc('x'), {})));
    expect(en).toContain('This is the first build of this folder');
  });
});
