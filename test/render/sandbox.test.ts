import { describe, expect, it } from 'vitest';
import Handlebars from 'handlebars';
import { renderChart } from '../../src/charts/render.js';
import { FontSet } from '../../src/fonts/font-set.js';
import { loadMessages } from '../../src/render/i18n.js';
import { fileURLToPath } from 'node:url';

const TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

describe('templates cannot reach prototypes', () => {
  it('refuses constructor and __proto__ lookups (Handlebars prototype access is off)', () => {
    const hb = Handlebars.create();
    const render = (source: string) => hb.compile(source, { strict: false })({ view: { title: 'x' } });
    expect(render('{{view.constructor.name}}')).toBe('');
    expect(render('{{view.__proto__}}')).toBe('');
    expect(hb.compile('{{view.constructor}}', { strict: true })({ view: {} })).toBe('');
    // A helper-free template cannot call what it cannot reach: no Function, no prototype chain.
    expect(render('{{#with view.constructor}}{{name}}{{/with}}')).toBe('');
  });
});

describe('chart expressions are interpreted, never compiled', () => {
  it('renders a spec with expressions while Function and eval are disabled', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { name: 'table' },
      transform: [{ calculate: "datum.v * 2 + (datum.k == 'a' ? 1 : 0)", as: 'w' }, { filter: 'datum.w > 0' }],
      mark: 'bar',
      encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'w', type: 'quantitative' } },
    };
    const RealFunction = globalThis.Function;
    const realEval = globalThis.eval;
    const trap = () => {
      throw new Error('code generation attempted');
    };
    // Any `new Function(...)` or eval during rendering now throws.
    globalThis.Function = new Proxy(RealFunction, { construct: trap, apply: trap });
    globalThis.eval = trap as typeof eval;
    try {
      const svg = await renderChart(spec as never, {
        width: 200, height: 100, locale: (await loadMessages(TEMPLATES, 'en')).locale, strings: {}, fonts: new FontSet(),
        datasets: { table: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] },
      }, 'test');
      expect(svg).toMatch(/^<svg /);
      expect(svg).toContain('aria-roledescription="bar"');
    } finally {
      globalThis.Function = RealFunction;
      globalThis.eval = realEval;
    }
  });
});
