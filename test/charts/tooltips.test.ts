import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/to-svg.js';
import { FontSet } from '../../src/fonts/font-set.js';
import { loadMessages } from '../../src/render/i18n.js';
import { ROOT } from '../support.js';

// Each mark's description becomes its SVG <title>: the browser's own tooltip, without script.
const fonts = new FontSet();
async function render(table: Record<string, unknown>[], options: { minFontSize?: number } = {}) {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: 'table' },
    layer: [
      { mark: 'bar', encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, description: { field: 'tip' } } },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, text: { field: 'v' }, description: { field: 'tip' } },
      },
    ],
  };
  const locale = (await loadMessages(`${ROOT}templates`, 'en')).locale;
  return renderChart(spec as never, { width: 200, height: 100, locale, strings: {}, fonts, datasets: { table }, ...options }, 'templates/charts/tips.vl.json');
}

/** Element text as an XML parser reads it (the references Vega writes decoded). */
const decode = (text: string) =>
  text.replace(
    /&(lt|gt|quot|amp|#x[0-9a-f]+);/gi,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e.toLowerCase()] ?? String.fromCodePoint(parseInt(e.slice(2), 16)),
  );

describe('chart tooltips', () => {
  it("give each mark its row's tooltip as an SVG <title>: bars and their labels", async () => {
    const svg = await render([
      { k: 'a', v: 1, tip: 'A: 1 t' },
      { k: 'b', v: 2, tip: 'B: 2 t' },
    ]);
    expect(svg.match(/<path[^>]*role="graphics-symbol"[^>]*><title>A: 1 t<\/title><\/path>/g)).toHaveLength(1);
    expect(svg).toMatch(/<text[^>]*role="graphics-symbol"[^>]*><title>B: 2 t<\/title>2<\/text>/);
    // The label Vega wrote as an attribute is the title now, not a second copy.
    expect(svg).not.toMatch(/aria-label="[AB]:/);
  });

  it('carry hostile text as text: no element or attribute comes out of a value', async () => {
    const hostile = `</title><script>alert(1)</script><title x="y">&amp; "quoted" 'single'\n<img src=x onerror=alert(2)> ]]>`;
    const svg = await render([{ k: 'a', v: 1, tip: hostile }]);
    expect(svg).not.toMatch(/<script|<img|<title x=|onerror=alert\(2\)>/);
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => decode(m[1]!));
    expect(titles).toEqual([hostile, hostile]);
  });

  it('raise text smaller than minFontSize to it (the narrow drawing), mark and axis text alike', async () => {
    const sizes = (svg: string) => [...svg.matchAll(/font-size="(\d+)px"/g)].map((m) => Number(m[1]));
    const rows = [{ k: 'a', v: 1, tip: 'a' }];
    expect(Math.min(...sizes(await render(rows)))).toBe(9);
    expect(Math.min(...sizes(await render(rows, { minFontSize: 12 })))).toBe(12);
  });
});
