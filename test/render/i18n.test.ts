import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHARTS } from '../../src/charts/registry.js';
import { builtinSections } from '../../src/render/html.js';
import { TemplateFiles } from '../../src/render/template-files.js';
import { loadMessages } from '../../src/render/i18n.js';

const TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

describe('templates and strings', () => {
  it('has the same keys in every language', async () => {
    const [zh, en] = await Promise.all([loadMessages(TEMPLATES, 'zh-CN'), loadMessages(TEMPLATES, 'en')]);
    expect(Object.keys(zh.strings).sort()).toEqual(Object.keys(en.strings).sort());
  });

  it('translates every i18n: key the chart specs use, and has a spec for every chart', async () => {
    const en = await loadMessages(TEMPLATES, 'en');
    for (const chart of CHARTS) {
      const spec = await readFile(`${TEMPLATES}/charts/${chart.id}.vl.json`, 'utf8');
      for (const [, key] of spec.matchAll(/"i18n:([^"]+)"/g)) expect(en.strings[key!], `${chart.id}: ${key}`).toBeDefined();
      for (const field of chart.fields) expect(en.strings[`charts.${chart.id}.${field}`], field).toBeDefined();
      expect(en.strings[`charts.${chart.id}.title`]).toBeDefined();
    }
  });

  it('has a template and a title for every section', async () => {
    const files = await readdir(`${TEMPLATES}/sections`);
    const en = await loadMessages(TEMPLATES, 'en');
    for (const id of await builtinSections(new TemplateFiles(TEMPLATES))) {
      expect(files).toContain(`${id}.hbs`);
      expect(en.strings[`sections.${id}`]).toBeDefined();
    }
  });
});
