import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/api.js';
import type { Data } from '../../src/data/datasets/index.js';
import { loadMessages } from '../../src/render/i18n.js';
import { TemplateFiles } from '../../src/render/template-files.js';
import { shippedData } from '../metrics/helpers.js';
import { ROOT } from '../support.js';

/**
 * Mistakes an author makes in a brief's files stop the build with the file, line and column, and
 * the name meant where one is close: before, each drew an empty chart or printed nothing, exit 0.
 */
const BUILTIN = join(ROOT, 'templates');
let dir: string;
let data: Data;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-located-'));
  data = await shippedData();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** An override folder holding `files` ({path: text}). */
async function overrides(name: string, files: Record<string, string>): Promise<string> {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

const builtin = (path: string) => readFile(join(BUILTIN, path), 'utf8');

describe('JSON syntax errors name file, line and column', () => {
  it('in an i18n file', async () => {
    const broken = (await builtin('i18n/en.json')).replace(/\n}\s*$/, ',\n}\n'); // a trailing comma
    const lines = broken.split('\n').length;
    const custom = await overrides('i18n-syntax', { 'i18n/en.json': broken });
    await expect(loadMessages(new TemplateFiles(BUILTIN, custom), 'en')).rejects.toThrow(
      `${join(custom, 'i18n/en.json')}:${lines - 1}:1: invalid JSON: a property name in double quotes was expected (a trailing comma?)`,
    );
  });

  it('in a chart spec', async () => {
    const broken = (await builtin('charts/eua-price.vl.json')).replace('"layer": [', '"layer" [');
    const custom = await overrides('spec-syntax', { 'charts/eua-price.vl.json': broken });
    await expect(renderBrief(data, { lang: 'en', templatesDir: custom })).rejects.toThrow(`${join(custom, 'charts/eua-price.vl.json')}:4:11: invalid JSON: a colon was expected`);
  });
});

describe('a chart spec names only fields its data carries', () => {
  it('a misspelt field is an error at its line and column, with the field meant', async () => {
    const spec = await builtin('charts/eua-price.vl.json');
    const at = spec.indexOf('"field": "mean"');
    const line = spec.slice(0, at).split('\n').length;
    const column = at - spec.lastIndexOf('\n', at) + '"field": '.length;
    const custom = await overrides('spec-field', { 'charts/eua-price.vl.json': spec.replace('"field": "mean"', '"field": "maen"') });
    const error = await renderBrief(data, { lang: 'en', templatesDir: custom }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(new RegExp(`^${join(custom, 'charts/eua-price.vl.json').replace(/[.]/g, '\\.')}:${line}:${column}: field "maen" is not in the table data the chart receives \\(did you mean "mean"\\?\\); its fields: period, t, mean, `));
  });

  it('so is a dataset ets-brief does not give the chart', async () => {
    const spec = (await builtin('charts/eua-price.vl.json')).replace('"name": "phases"', '"name": "phase"');
    const custom = await overrides('spec-dataset', { 'charts/eua-price.vl.json': spec });
    await expect(renderBrief(data, { lang: 'en', templatesDir: custom })).rejects.toThrow(/eua-price\.vl\.json:7:17: dataset "phase" is not one ets-brief gives this chart \(did you mean "phases"\?\)/);
  });
});
