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
    expect(() => validateSpec({ data: { url: 'https://example.com/x.csv' }, mark: 'bar' }, 'x.vl.json')).toThrow(/x\.vl\.json: invalid chart spec: data\.url: loading data from a URL is not allowed/);
    expect(() => validateSpec({ mark: 'bar', encoding: { href: { field: 'u' } } }, 'y')).toThrow(/encoding\.href: links are not allowed/);
    expect(() => validateSpec({ layer: [{ mark: { type: 'image' } }] }, 'z')).toThrow(/layer\[0\]\.mark: image marks are not allowed/);
    expect(() => validateSpec({ $schema: 'https://vega.github.io/schema/vega/v5.json' }, 'w')).toThrow(/\$schema must be Vega-Lite v6/);
    expect(() => validateSpec([], 'v')).toThrow(/must be a JSON object/);
  });
});
