import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localise } from '../../src/charts/to-svg.js';
import { cssString } from '../../src/render/page-css.js';
import { fill } from '../../src/render/format.js';
import { loadTemplates } from '../../src/render/html.js';
import { loadMessages, translator } from '../../src/render/i18n.js';
import { TemplateFiles } from '../../src/render/template-files.js';
import { ROOT } from '../support.js';

const BUILTIN = join(ROOT, 'templates');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-templates-'));
  await writeFile(join(dir, 'secret.txt'), 'body{--secret:"hunter2"}');
  await mkdir(join(dir, 'elsewhere', 'sections'), { recursive: true });
  await writeFile(join(dir, 'elsewhere', 'sections', 'global.hbs'), 'stolen');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A fresh override folder holding `files` ({path: text}) and `links` ({path: target}). */
async function overrides(name: string, files: Record<string, string>, links: Record<string, string> = {}): Promise<string> {
  const root = join(dir, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  for (const [path, target] of Object.entries(links)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await symlink(target, join(root, path));
  }
  await mkdir(root, { recursive: true });
  return root;
}

describe('template override folders are confined to their root', () => {
  it('refuses a file that is a link to outside the folder, naming it', async () => {
    const custom = await overrides('file-link', {}, { 'styles/brief.css': join(dir, 'secret.txt') });
    const files = new TemplateFiles(BUILTIN, custom);
    await expect(files.read('styles/brief.css')).rejects.toThrow(
      `${join(custom, 'styles/brief.css')}: is a link to ${join(dir, 'secret.txt')}, outside the template folder`,
    );
  });

  it('refuses a folder that is a link to outside the folder', async () => {
    const custom = await overrides('folder-link', {}, { sections: join(dir, 'elsewhere', 'sections') });
    await expect(new TemplateFiles(BUILTIN, custom).read('sections/global.hbs')).rejects.toThrow(
      /sections\/global\.hbs: is a link to .*elsewhere\/sections\/global\.hbs, outside the template folder/,
    );
  });

  it('refuses paths with .. or absolute paths', async () => {
    const files = new TemplateFiles(BUILTIN, await overrides('dots', {}));
    await expect(files.read('../secret.txt')).rejects.toThrow(/\.\.\/secret\.txt: a template path must stay inside the template folder/);
    await expect(files.read(join(dir, 'secret.txt'))).rejects.toThrow(/must stay inside the template folder/);
  });

  it('accepts a link that stays inside the folder', async () => {
    const custom = await overrides('inner-link', { 'shared/brief.css': '.etsb{color:red}' }, { 'styles/brief.css': '../shared/brief.css' });
    expect(await new TemplateFiles(BUILTIN, custom).read('styles/brief.css')).toBe('.etsb{color:red}');
  });

  it('refuses a stylesheet that would end the <style> element', async () => {
    const custom = await overrides('style-end', { 'styles/brief.css': '.etsb{}</style><script>alert(1)</script>' });
    const files = new TemplateFiles(BUILTIN, custom);
    const t = translator(await loadMessages(files, 'en'));
    await expect(loadTemplates(files, 'en', t)).rejects.toThrow(
      `${join(custom, 'styles/brief.css')}: the stylesheet holds "</style>", which would end the <style> element`,
    );
  });
});

describe('string keys are own keys only', () => {
  it('{{t "constructor"}} is an unknown key naming the template file and line', async () => {
    const custom = await overrides('t-constructor', { 'sections/global.hbs': '<p>ok</p>\n<p>{{t "constructor"}}</p>' });
    const files = new TemplateFiles(BUILTIN, custom);
    const templates = await loadTemplates(files, 'en', translator(await loadMessages(files, 'en')));
    expect(() => templates.sections.get('global')!({ view: {}, charts: {}, prefix: '' })).toThrow(
      `${join(custom, 'sections/global.hbs')}:2:4: unknown string "constructor" (not in templates/i18n/en.json)`,
    );
  });

  it('names the partial when the {{t}} call is in one', async () => {
    const custom = await overrides('t-partial', { 'partials/hostile.hbs': '{{t "__proto__"}}', 'sections/global.hbs': '{{> hostile}}' });
    const files = new TemplateFiles(BUILTIN, custom);
    const templates = await loadTemplates(files, 'en', translator(await loadMessages(files, 'en')));
    expect(() => templates.sections.get('global')!({ view: {}, charts: {}, prefix: '' })).toThrow(
      `${join(custom, 'partials/hostile.hbs')}:1:1: unknown string "__proto__"`,
    );
  });

  it('translator, placeholders and chart strings do not reach Object.prototype', async () => {
    const t = translator(await loadMessages(BUILTIN, 'en'));
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(() => t(key), key).toThrow(`unknown string "${key}"`);
    expect(() => fill('x {constructor} y', {}, 'k')).toThrow('k: no value for {constructor}');
    expect(() => localise({ title: 'i18n:constructor' }, {}, 'c.vl.json')).toThrow('c.vl.json: no translation for "constructor"');
  });
});

describe('cssString', () => {
  it('keeps every character inside the string and the <style> element', () => {
    expect(cssString('a"b\'c\\d\ne</style><script>&')).toBe('"a\\22 b\\27 c\\5c d\\a e\\3c /style\\3e \\3c script\\3e \\26 "');
    expect(cssString('عربي \u200d \u202e 中文')).toBe('"عربي \u200d \u202e 中文"');
    expect(cssString('x\ud800y')).toBe('"x\ufffdy"');
  });
});
