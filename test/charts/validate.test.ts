import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../src/charts/validate.js';

const CHARTS = fileURLToPath(new URL('../../templates/charts/', import.meta.url));

describe('chart spec validation', () => {
  it('accepts every built-in spec', async () => {
    for (const file of (await readdir(CHARTS)).filter((f) => f.endsWith('.vl.json'))) {
      const spec: unknown = JSON.parse(await readFile(`${CHARTS}${file}`, 'utf8'));
      expect(() => validateSpec(spec, file)).not.toThrow();
    }
  });

  it('refuses specs that would fetch, link or embed, naming where', () => {
    expect(() => validateSpec({ data: { url: 'https://example.com/x.csv' }, mark: 'bar' }, 'x.vl.json')).toThrow(
      /x\.vl\.json: invalid chart spec: data\.url: loading data from a URL is not allowed/,
    );
    expect(() => validateSpec({ mark: 'bar', encoding: { href: { field: 'u' } } }, 'y')).toThrow(/encoding\.href: links are not allowed/);
    expect(() => validateSpec({ layer: [{ mark: { type: 'image' } }] }, 'z')).toThrow(/layer\[0\]\.mark: image marks are not allowed/);
    expect(() => validateSpec({ $schema: 'https://vega.github.io/schema/vega/v5.json' }, 'w')).toThrow(/\$schema must be Vega-Lite v6/);
    expect(() => validateSpec([], 'v')).toThrow(/must be a JSON object/);
  });
});

describe('chart spec allow-list', () => {
  const bar = (extra: Record<string, unknown>) => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: 'table' },
    mark: 'bar',
    ...extra,
  });

  it('refuses url() in a paint or style value in every spelling, naming the file and JSON path', () => {
    const spellings = [
      'url(http://host/p.svg#a)',
      'URL( "http://host/p.svg")',
      'u\\72l(http://host/p)',
      '\\75 rl(http://host/p)',
      'u\\rl(x)',
      'url\n(x)',
      'image-set("http://host/a.png" 1x)',
      '@import "http://host/x.css"',
    ];
    for (const fill of spellings) {
      expect(() => validateSpec(bar({ mark: { type: 'bar', fill } }), 'charts/x.vl.json'), fill).toThrow(
        /^charts\/x\.vl\.json: invalid chart spec: mark\.fill: .* names a resource/,
      );
    }
    expect(() => validateSpec(bar({ encoding: { color: { value: 'url(http://host/p)' } } }), 'y')).toThrow(
      /encoding\.color\.value: "url\(http:\/\/host\/p\)" names a resource/,
    );
    expect(() => validateSpec(bar({ layer: [{ mark: { type: 'text', cursor: 'url(http://host/c.cur), auto' } }] }), 'z')).toThrow(
      /layer\[0\]\.mark\.cursor: .* names a resource/,
    );
  });

  it('refuses unknown top-level keys, risky keys anywhere and keys that are not plain names', () => {
    expect(() => validateSpec(bar({ autosize: 'none' }), 'a')).toThrow(
      /a: invalid chart spec: autosize: not a key ets-brief allows at the top of a chart spec/,
    );
    expect(() => validateSpec(bar({ usermeta: { x: 1 } }), 'b')).toThrow(/usermeta: usermeta is not allowed/);
    expect(() => validateSpec(bar({ config: { background: '#fff' } }), 'c')).toThrow(/config: the look comes from ets-brief/);
    expect(() => validateSpec(JSON.parse('{"mark":"bar","encoding":{"__proto__":{"x":1}}}'), 'd')).toThrow(/encoding\.__proto__: not a chart spec key/);
    expect(() => validateSpec(bar({ encoding: { x: { field: 'k', 'on<load>': 1 } } }), 'e')).toThrow(
      /encoding\.x\.on<load>: "on<load>" is not a plain key name/,
    );
    expect(() => validateSpec(bar({ mark: 'image' }), 'f')).toThrow(/mark: image marks are not allowed/);
    expect(() => validateSpec(bar({ encoding: { url: { field: 'u' } } }), 'g')).toThrow(/encoding\.url: loading data from a URL/);
  });
});
