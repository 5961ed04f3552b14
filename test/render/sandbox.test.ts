import { describe, expect, it } from 'vitest';
import Handlebars from 'handlebars';
import { renderChart } from '../../src/charts/to-svg.js';
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
  it('renders a spec with expressions while Function refuses to compile expression code', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { name: 'table' },
      transform: [{ calculate: "datum.v * 2 + (datum.k == 'a' ? 1 : 0)", as: 'w' }, { filter: 'datum.w > 0' }],
      mark: 'bar',
      encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'w', type: 'quantitative' } },
    };
    // Vega's code generator would build functions whose source mentions `datum`; trap exactly
    // those (other libraries in the worker may legitimately create functions meanwhile).
    const RealFunction = globalThis.Function;
    const generated: string[] = [];
    const trap = (args: unknown[]) => {
      const source = args.map(String).join(',');
      if (source.includes('datum')) {
        generated.push(source);
        throw new Error('code generation attempted');
      }
      return Reflect.construct(RealFunction, args) as unknown;
    };
    globalThis.Function = new Proxy(RealFunction, { construct: (_t, args) => trap(args) as object, apply: (_t, _this, args) => trap(args) });
    try {
      const svg = await renderChart(
        spec as never,
        {
          width: 200,
          height: 100,
          locale: (await loadMessages(TEMPLATES, 'en')).locale,
          strings: {},
          fonts: new FontSet(),
          datasets: {
            table: [
              { k: 'a', v: 1 },
              { k: 'b', v: 2 },
            ],
          },
        },
        'test',
      );
      expect(svg).toMatch(/^<svg /);
      expect(svg).toContain('aria-roledescription="bar"');
    } finally {
      globalThis.Function = RealFunction;
    }
    expect(generated).toEqual([]);
  });
});
