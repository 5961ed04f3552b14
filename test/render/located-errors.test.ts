import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/api.js';
import type { Data } from '../../src/data/datasets/index.js';
import { loadTemplates } from '../../src/render/html.js';
import { loadMessages, translator } from '../../src/render/i18n.js';
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
    await expect(renderBrief(data, { lang: 'en', templatesDir: custom })).rejects.toThrow(
      `${join(custom, 'charts/eua-price.vl.json')}:4:11: invalid JSON: a colon was expected`,
    );
  });
});

describe('a chart spec the checks refuse', () => {
  it('is refused at the line and column of each problem', async () => {
    const spec = (await builtin('charts/eua-price.vl.json')).replace('"name": "phases"', '"url": "https://example.com/phases.csv"');
    const at = spec.indexOf('"https://example.com');
    const line = spec.slice(0, at).split('\n').length;
    const column = at - spec.lastIndexOf('\n', at);
    const custom = await overrides('spec-refused', { 'charts/eua-price.vl.json': spec });
    await expect(renderBrief(data, { lang: 'en', templatesDir: custom })).rejects.toThrow(
      `${join(custom, 'charts/eua-price.vl.json')}:${line}:${column}: invalid chart spec: layer[0].data.url: loading data from a URL is not allowed`,
    );
  });
});

describe('a chart spec names only fields its data carries', () => {
  it('a misspelt field is an error at its line and column, with the field meant', async () => {
    const spec = await builtin('charts/eua-price.vl.json');
    const at = spec.indexOf('"field": "mean"');
    const line = spec.slice(0, at).split('\n').length;
    const column = at - spec.lastIndexOf('\n', at) + '"field": '.length;
    const custom = await overrides('spec-field', { 'charts/eua-price.vl.json': spec.replace('"field": "mean"', '"field": "maen"') });
    const error = await renderBrief(data, { lang: 'en', templatesDir: custom }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(
        `^${join(custom, 'charts/eua-price.vl.json').replace(/[.]/g, '\\.')}:${line}:${column}: field "maen" is not in the table data the chart receives \\(did you mean "mean"\\?\\); its fields: period, t, mean, `,
      ),
    );
  });

  it('so is a string the spec names that the language lacks', async () => {
    const spec = (await builtin('charts/eua-price.vl.json')).replace('"i18n:charts.eua-price.description"', '"i18n:charts.eua-price.descrption"');
    const custom = await overrides('spec-string', { 'charts/eua-price.vl.json': spec });
    await expect(renderBrief(data, { lang: 'en', templatesDir: custom })).rejects.toThrow(
      `${join(custom, 'charts/eua-price.vl.json')}:3:18: unknown string "charts.eua-price.descrption" (did you mean "charts.eua-price.description"?)`,
    );
  });

  it('so is a dataset ets-brief does not give the chart', async () => {
    const spec = (await builtin('charts/eua-price.vl.json')).replace('"name": "phases"', '"name": "phase"');
    const custom = await overrides('spec-dataset', { 'charts/eua-price.vl.json': spec });
    await expect(renderBrief(data, { lang: 'en', templatesDir: custom })).rejects.toThrow(
      /eua-price\.vl\.json:7:17: dataset "phase" is not one ets-brief gives this chart \(did you mean "phases"\?\)/,
    );
  });
});

describe('a template names only what exists', () => {
  /** Renders sections/global.hbs of an override folder holding `files`, with a small view. */
  async function renderGlobal(name: string, files: Record<string, string>) {
    const custom = await overrides(name, files);
    const templateFiles = new TemplateFiles(BUILTIN, custom);
    const templates = await loadTemplates(templateFiles, 'en', translator(await loadMessages(templateFiles, 'en')));
    return { custom, render: () => templates.sections.get('global')!({ view: { results: { revenue: 5 }, items: [1] }, charts: {}, prefix: '' }) };
  }

  it('a misspelt variable in #if, #each or a helper argument is an error at its place, with the name meant', async () => {
    const cases: [string, string][] = [
      ['<p>\n{{#if view.reslts.revenue}}x{{/if}}', ':2:7: unknown variable "view.reslts.revenue": "view" has no "reslts" (did you mean "results"?)'],
      ['{{#each view.itmes}}{{this}}{{/each}}', ':1:9: unknown variable "view.itmes": "view" has no "itmes" (did you mean "items"?)'],
      ['<p>{{cell view.results.revnue}}</p>', ':1:11: unknown variable "view.results.revnue": "view.results" has no "revnue" (did you mean "revenue"?)'],
      ['{{veiw.results.revenue}}', ':1:3: unknown variable "veiw.results.revenue": the template has no "veiw" (did you mean "view"?)'],
    ];
    for (const [i, [source, message]] of cases.entries()) {
      const { custom, render } = await renderGlobal(`variable-${i}`, { 'sections/global.hbs': source });
      expect(render, source).toThrow(`${join(custom, 'sections/global.hbs')}${message}`);
    }
  });

  it('names the partial a misspelt variable is in', async () => {
    const { custom, render } = await renderGlobal('in-partial', {
      'partials/figures.hbs': 'a\n{{#if view.reslts}}x{{/if}}',
      'sections/global.hbs': '{{> figures}}',
    });
    expect(render).toThrow(`${join(custom, 'partials/figures.hbs')}:2:7: unknown variable "view.reslts"`);
  });

  it('a value present but empty is not an error', async () => {
    const { render } = await renderGlobal('present', {
      'sections/global.hbs': '{{#if view.results.revenue}}{{view.results.revenue}}{{/if}}{{#each view.items}}[{{this}}]{{/each}}',
    });
    expect(render()).toBe('5[1]');
  });

  it('an unknown partial or helper is an error when the templates load, with the name meant', async () => {
    await expect(renderGlobal('partial', { 'sections/global.hbs': '<p>\n  {{> tabel view}}' })).rejects.toThrow(
      /sections\/global\.hbs:2:7: unknown partial "tabel" \(did you mean "table"\?\); partials: chart, cites, paragraph, reach, section, table/,
    );
    await expect(renderGlobal('helper', { 'sections/global.hbs': '{{percnt view.results.revenue}}' })).rejects.toThrow(
      /sections\/global\.hbs:1:3: unknown helper "percnt" \(did you mean "percent"\?\)/,
    );
  });
});

describe('template syntax errors', () => {
  it('name the file, line and column', async () => {
    for (const [relative, source, place] of [
      ['sections/global.hbs', '<p>\n  {{#if view.global}x{{/if}}', ':2:20: Parse error on line 2:'],
      ['partials/table.hbs', '<table>\n{{#each rows}}{{/eahc}}', ":2:4: each doesn't match eahc"],
    ] as const) {
      const custom = await overrides(`syntax-${relative.replace(/\W/g, '-')}`, { [relative]: source });
      const templateFiles = new TemplateFiles(BUILTIN, custom);
      await expect(loadTemplates(templateFiles, 'en', translator(await loadMessages(templateFiles, 'en'))), relative).rejects.toThrow(
        `${join(custom, relative)}${place}`,
      );
    }
  });
});
