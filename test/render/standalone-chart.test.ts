import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/pipeline/config.js';
import { FontSet } from '../../src/fonts/font-set.js';
import { parseUnicodeRange } from '../../src/fonts/noto-sans-sc.js';
import { lastObservation } from '../../src/render/figures.js';
import { chartLabels, standaloneChart } from '../../src/render/standalone-chart.js';
import { socialMeta } from '../../src/render/social-meta.js';
import { wrapText, xmlEscape, type TextStyle } from '../../src/render/svg-text.js';

const fonts = new FontSet();
const STYLE: TextStyle = { size: 12, color: '#000' };
/** A chart as Vega draws one (root size, text escaped), small enough to read in a test. */
const CHART =
  '<svg focusable="false" aria-hidden="true" xmlns="http://www.w3.org/2000/svg" class="marks" width="300" height="120" viewBox="0 0 300 120"><text x="5" y="20" font-family="&apos;etsb Noto Sans SC&apos;, sans-serif">排放 &amp; 价格</text></svg>';
const HOSTILE = '</style><script>alert(1)</script>"\'&<img src=x onerror=alert(2)> \u0001\uD800';

/** Each character of `text` lies in the unicode-range of an embedded face. */
function covered(svg: string, text: string): string[] {
  const ranges = [...svg.matchAll(/unicode-range:([^;}]+)/g)].flatMap((m) => parseUnicodeRange(m[1]!));
  return [...new Set(text.replace(/\s/g, ''))].filter((c) => !ranges.some(([lo, hi]) => c.codePointAt(0)! >= lo && c.codePointAt(0)! <= hi));
}

describe('wrapping text for images', () => {
  const chinese = '全国碳市场成交量约为欧盟的2%（2021年7月16日至2022年12月31日），价格约为其十分之一；数据截至2024年12月31日。';

  it('keeps every line within the width, measured in the embedded font, and loses no character', () => {
    for (const text of [chinese, "Allowances traded per tonne covered, per year, in the EU Emissions Trading System and China's national market"]) {
      const lines = wrapText(text, 160, STYLE, fonts);
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect(fonts.measure(line, 12), line).toBeLessThanOrEqual(160);
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    for (const width of [60, 75, 90, 110, 130, 150]) {
      const lines = wrapText(chinese, width, STYLE, fonts);
      for (const line of lines.slice(1)) expect(line, `width ${width}`).not.toMatch(/^[，。、；：）]/);
      for (const line of lines) expect(line, `width ${width}`).not.toMatch(/（$/);
    }
  });

  it('breaks a word longer than the line between characters, and cuts to maxLines with an ellipsis', () => {
    const url = 'github.com/OSUKED/ETS-Watch/blob/main/data/eua-futures-settlement-prices.csv';
    const lines = wrapText(url, 120, STYLE, fonts);
    expect(lines.join('')).toBe(url);
    const cut = wrapText(url, 120, { ...STYLE, maxLines: 2 }, fonts);
    expect(cut).toHaveLength(2);
    expect(cut[1]).toMatch(/…$/);
    expect(fonts.measure(cut[1]!, 12)).toBeLessThanOrEqual(120);
  });
});

describe('XML text', () => {
  it('escapes markup and turns characters XML forbids into spaces', () => {
    expect(xmlEscape(HOSTILE)).toBe('&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x onerror=alert(2)&gt;   ');
    expect(xmlEscape('😀 碳')).toBe('😀 碳'); // pairs are kept
  });
});

describe('a standalone chart SVG', () => {
  it('draws title, source and as-of date around the chart, embeds the glyphs they need, and refers to nothing outside', async () => {
    const labels = { title: '欧盟碳价（欧元/吨）', source: 'Source: ETS Watch (github.com/OSUKED/ETS-Watch)', asOf: '数据截至2024年12月31日' };
    const { svg, width, height } = await standaloneChart({ svg: CHART }, labels, 'zh-CN', fonts);
    expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(width).toBe(300 + 48);
    expect(height).toBeGreaterThan(120 + 60);
    expect(svg).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
    for (const text of Object.values(labels)) expect(svg).toContain(`>${text}</text>`);
    expect(svg).toContain('<title id="etsb-title">欧盟碳价（欧元/吨）</title>');
    // The font: @font-face rules with data: URLs covering every character drawn, chart labels included.
    expect(svg).toMatch(/<style>@font-face\{font-family:'etsb Noto Sans SC';[^}]*src:url\(data:font\/woff;base64,[A-Za-z0-9+/=]+\) format\('woff'\)/);
    expect(covered(svg, `${Object.values(labels).join('')}排放价格`)).toEqual([]);
    // Nothing external: every url( is a data: URL or a reference inside the file; no href, no src.
    expect([...svg.matchAll(/url\((?!data:|#)/g)]).toHaveLength(0);
    expect(svg).not.toMatch(/\s(xlink:)?href=|\ssrc=|@import|<script|<foreignObject|<image/i);
  });

  it('keeps a hostile title text', async () => {
    const { svg } = await standaloneChart({ svg: CHART }, { title: HOSTILE, source: HOSTILE, asOf: 'x' }, 'en', fonts);
    expect(svg).not.toMatch(/<script|<img|<\/style>[^<]*<script/i);
    expect(svg).toContain('&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg.match(/<style>/g)).toHaveLength(1);
    expect(svg).not.toMatch(/[\u0001\uD800]/);
  });
});

describe('Open Graph tags', () => {
  const t = (key: string) => ({ 'export.ogLocale': 'en_GB' })[key]!;

  it('makes og:image and og:url absolute under baseUrl, with or without its final slash', () => {
    for (const baseUrl of ['https://example.org/briefs', 'https://example.org/briefs/']) {
      const meta = socialMeta('zh-CN', 'T', t, { image: true, baseUrl });
      expect(meta.image?.url).toBe('https://example.org/briefs/zh-CN/og-image.png');
      expect(meta.url).toBe('https://example.org/briefs/zh-CN/brief.html');
      expect(meta.card).toBe('summary_large_image');
      expect(meta.image).toMatchObject({ width: 1200, height: 630, alt: 'T' });
    }
  });

  it('without baseUrl points to the image beside brief.html; without an image, asks for the plain card', () => {
    expect(socialMeta('en', 'T', t, { image: true }).image?.url).toBe('og-image.png');
    expect(socialMeta('en', 'T', t, { image: true }).url).toBeNull();
    expect(socialMeta('en', 'T', t, { image: false })).toMatchObject({ image: null, card: 'summary', locale: 'en_GB' });
  });

  it('accepts only an http(s) baseUrl in the configuration', () => {
    expect(configSchema.safeParse({ baseUrl: 'https://example.org/briefs/' }).success).toBe(true);
    for (const bad of ['javascript:alert(1)', 'ftp://example.org/', 'example.org/briefs', '']) {
      expect(configSchema.safeParse({ baseUrl: bad }).success, bad).toBe(false);
    }
  });
});

describe('a chart exported on its own is dated by its own data', () => {
  it('takes the latest day of its rows, else the latest year', () => {
    expect(
      lastObservation([
        { date: '2021-04-16', close: 1 },
        { date: '2020-12-31', close: 2 },
      ]),
    ).toBe('2021-04-16');
    expect(
      lastObservation([
        { year: 2021, mean: 40 },
        { year: 2008, mean: 20 },
      ]),
    ).toBe('2021');
    expect(
      lastObservation([
        { period: 2020, mean: 25 },
        { period: 2021, mean: 40 },
      ]),
    ).toBe('2021');
    expect(
      lastObservation([
        { period: '2020-03-02', mean: 20 },
        { period: 2021, mean: 40 },
      ]),
    ).toBe('2021');
    expect(lastObservation([{ market: 'eu-ets', low: 1 }])).toBeNull();
  });

  it('says "Data to 2021" for yearly rows and the day otherwise, not the brief\'s latest series', () => {
    const t = (key: string) =>
      ({ 'export.source': 'Source: {sources}', 'export.sourceSeparator': '; ', 'export.asOf': 'Data as of {date}', 'export.through': 'Data to {year}' })[key]!;
    const sources = [{ id: 's', publisher: 'ETS Watch' }];
    expect(chartLabels({ title: 'EUA', sources: ['s'], lastObservation: '2021' }, sources, '2025-05-07', 'en', t).asOf).toBe('Data to 2021');
    expect(chartLabels({ title: 'EUA', sources: ['s'], lastObservation: '2021-04-16' }, sources, '2025-05-07', 'en', t).asOf).toMatch(/^Data as of .*2021$/);
    expect(chartLabels({ title: 'EUA', sources: ['s'], lastObservation: null }, sources, '2025-05-07', 'en', t).asOf).toMatch(/2025$/);
  });
});
