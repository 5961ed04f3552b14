import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/to-svg.js';
import { FontSet } from '../../src/fonts/font-set.js';
import { loadMessages } from '../../src/render/i18n.js';
import { ROOT } from '../support.js';

// Chart specs rendered as a build renders them. Expressions are interpreted, so they cannot run
// code, but some functions allocate what their arguments ask: sequence(0,300000000) aborted V8.
const fonts = new FontSet();
async function render(
  extra: Record<string, unknown>,
  table: Record<string, unknown>[] = [
    { k: 'a', v: 1 },
    { k: 'b', v: 2 },
  ],
) {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: 'table' },
    mark: 'bar',
    encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
    ...extra,
  };
  const locale = (await loadMessages(`${ROOT}templates`, 'en')).locale;
  return renderChart(spec as never, { width: 200, height: 100, locale, strings: {}, fonts, datasets: { table } }, 'templates/charts/hostile.vl.json');
}

describe('chart expressions run within limits', () => {
  it.each([
    [
      'sequence(0,300000000)',
      /transform\[0\]\.calculate: expression "sequence\(0,300000000\)": sequence\(0, 300000000\) would make 300000000 numbers \(at most 10000\)/,
    ],
    ['length(sequence(0, 20000))', /sequence\(0, 20000\) would make 20000 numbers/],
    ['sequence(0, datum.v * 1e9)', /sequence\(\) takes numbers written in the expression/],
    ["pad('x', 1000000000)", /pad\(\) to 1000000000 characters \(at most 1000\)/],
    ["'x'.repeat(1e9)", /only named functions may be called \(got a MemberExpression callee/],
    ["test(/(a+)+$/, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')", /regular expressions are not allowed|test\(\) is not allowed/],
    ["timeSequence('day', 0, 1e15)", /timeSequence\(\) is not allowed/],
    ["format(datum.v, '>100000000d')", /asks for a width of 100000000 \(at most 100\)/],
  ])('refuses %s before it runs, naming the spec file, path and expression', async (expr, message) => {
    const error = await render({ transform: [{ calculate: expr, as: 'w' }] }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/^templates\/charts\/hostile\.vl\.json: invalid chart spec: /);
    expect(error?.message).toMatch(message);
  });

  it('refuses transforms and generators whose rows grow with a number the spec writes, before anything runs', async () => {
    // Two flattens over sequence() arrays made 10⁸ rows and exhausted the heap (SIGABRT, no file named).
    const twoFlattens = [{ calculate: 'sequence(0,10000)', as: 'a' }, { flatten: ['a'] }, { calculate: 'sequence(0,10000)', as: 'b' }, { flatten: ['b'] }];
    await expect(render({ transform: twoFlattens })).rejects.toThrow(
      /^templates\/charts\/hostile\.vl\.json: invalid chart spec: transform\[1\]\.flatten: flatten is not allowed/,
    );
    await expect(render({ data: { sequence: { start: 0, stop: 1e9 } } })).rejects.toThrow(
      /data\.sequence: sequence would make 1000000000 values \(at most 10000/,
    );
    await expect(render({ transform: [{ density: 'v', steps: 1e9 }] })).rejects.toThrow(/transform\[0\]\.steps: steps must be a number of at most 10000/);
    await expect(render({ encoding: { x: { field: 'v', type: 'quantitative', bin: { step: 1e-9 } }, y: { aggregate: 'count' } } })).rejects.toThrow(
      /encoding\.x\.bin: bin\.step is not allowed: ask for bins with maxbins/,
    );
    await expect(render({ transform: [{ quantile: 'v', step: 1e-9 }] })).rejects.toThrow(/transform: a quantile step must be at least 0\.0001/);
  });

  it("draws bins asked for by count (Vega-Lite's own bin expressions are allowed)", async () => {
    const svg = await render({ encoding: { x: { field: 'v', type: 'quantitative', bin: { maxbins: 10 } }, y: { aggregate: 'count' } } });
    expect(svg).toMatch(/^<svg /);
  });

  it('checks expressions in any place a spec holds them, and format specifiers', async () => {
    await expect(render({ encoding: { x: { field: 'k', type: 'nominal', axis: { labelExpr: 'pad(datum.label, 99999)' } } } })).rejects.toThrow(
      /encoding\.x\.axis\.labelExpr: expression .*pad\(\) to 99999 characters/,
    );
    await expect(render({ params: [{ name: 'n', expr: 'sequence(1e9)' }] })).rejects.toThrow(/params\[0\]\.expr: expression "sequence\(1e9\)"/);
    await expect(
      render({ encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative', axis: { format: '>9999999d' } } } }),
    ).rejects.toThrow(/encoding\.y\.axis\.format: the format ">9999999d" asks for a width of 9999999/);
  });

  it('names the spec file in errors Vega and Vega-Lite raise themselves', async () => {
    await expect(render({ transform: [{ calculate: 'nosuchsignal + 1', as: 'w' }] })).rejects.toThrow(/^templates\/charts\/hostile\.vl\.json: .*nosuchsignal/);
  });

  it('refuses a backslash in a chart string, which Vega-Lite would put unescaped into an expression', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { name: 'table' },
      mark: 'bar',
      encoding: { x: { field: 'k', type: 'nominal', title: 'i18n:k' }, y: { field: 'v', type: 'quantitative' } },
    };
    const locale = (await loadMessages(`${ROOT}templates`, 'en')).locale;
    const render1 = (k: string) =>
      renderChart(
        spec as never,
        { width: 200, height: 100, locale, strings: { k }, fonts, datasets: { table: [{ k: 'a', v: 1 }] } },
        'templates/charts/t.vl.json',
      );
    await expect(render1('a \\3c b')).rejects.toThrow('templates/charts/t.vl.json: the string "k" holds a backslash');
    await expect(render1('say "x" </text><script>')).resolves.toContain('say &quot;x&quot; &lt;/text&gt;&lt;script&gt;');
  });

  it('still renders bounded expressions', async () => {
    const svg = await render({
      transform: [
        { calculate: 'length(sequence(0, 10)) + datum.v', as: 'w' },
        { calculate: "pad(datum.k, 4, '-')", as: 'p' },
      ],
    });
    expect(svg).toMatch(/^<svg /);
  });

  it('refuses a chart whose drawing refers outside itself (a colour from data with scale: null)', async () => {
    const spec = {
      encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, color: { field: 'c', type: 'nominal', scale: null } },
    };
    await expect(render(spec, [{ k: 'a', v: 1, c: 'url(http://127.0.0.1:9/p.svg#a)' }])).rejects.toThrow(
      /hostile\.vl\.json: the chart drew references outside itself, which a brief would fetch: fill="url\(http/,
    );
    await expect(
      render({
        transform: [{ calculate: "'ur' + 'l(http://127.0.0.1:9/x)'", as: 'c' }],
        encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' }, color: { field: 'c', type: 'nominal', scale: null } },
      }),
    ).rejects.toThrow(/references outside itself/);
  });
});
