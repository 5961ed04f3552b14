import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/pipeline/cache.js';
import { withBrief } from '../../src/pipeline/config.js';
import { renderLanguage, type LanguageOutput } from '../../src/pipeline/render-language.js';
import type { Data } from '../../src/data/datasets/index.js';
import { loadData } from '../../src/data/load.js';
import { FontSet } from '../../src/fonts/font-set.js';
import { metricCatalogue } from '../../src/metrics/catalogue.js';
import { computeMetrics, DEFAULT_COMPARISON, type Metric } from '../../src/metrics/index.js';
import type { Lang } from '../../src/render/format.js';
import { writeMetric } from '../../src/render/helpers.js';
import { translator, loadMessages } from '../../src/render/i18n.js';
import type { LedgerDocument } from '../../src/render/ledger.js';
import { TemplateFiles } from '../../src/render/template-files.js';
import { BUILT_IN_SECTIONS, ROOT } from '../support.js';

const BUILTIN = join(ROOT, 'templates');
let dir: string;
let data: Data;
let cache: BuildCache;
const fonts = new FontSet();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-brief-folder-'));
  data = (await loadData(join(ROOT, 'data'))).data!;
  cache = new BuildCache(join(dir, '.cache'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A brief folder holding `files` ({path: text}); brief.json defaults to an empty configuration. */
async function briefFolder(name: string, files: Record<string, string>): Promise<string> {
  const root = join(dir, name);
  for (const [path, text] of Object.entries({ 'brief.json': '{}', ...files })) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** One language of a brief folder (the built-in brief without one), in memory, with its warnings. */
async function render(lang: Lang, briefDir?: string): Promise<LanguageOutput & { warnings: string[] }> {
  const config = briefDir ? await withBrief(briefDir, undefined) : {};
  const metrics = computeMetrics(data, config.comparison ?? DEFAULT_COMPARISON);
  const warnings: string[] = [];
  const log = (line: string) => {
    if (line.startsWith('warning: ')) warnings.push(line);
  };
  const out = await renderLanguage({ data, metrics, lang, templates: new TemplateFiles(BUILTIN, config.templates), fonts, config, cache, log });
  return { ...out, warnings };
}

/** What a reader sees: the page's text without styles, the head, figures' drawings or tags. */
function visible(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/, ' ')
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const sectionOrder = (html: string) => [...html.matchAll(/<section class="etsb-section" id="etsb-([a-z0-9-]+)"/g)].map((m) => m[1]);

describe('a brief is a folder', () => {
  it('the built-in brief is templates/ with its brief.json, and a folder may add sections with new ids', async () => {
    const builtin = await render('en');
    expect(sectionOrder(builtin.rendered.html)).toEqual(BUILT_IN_SECTIONS);

    const folder = await briefFolder('new-section', {
      'brief.json': JSON.stringify({ sections: ['outlook-2030', 'global'] }),
      'sections/outlook-2030.hbs': '<p class="own">{{t "own.words"}}</p>',
      'i18n/en.json': JSON.stringify({ sections: { 'outlook-2030': 'Looking ahead' }, own: { words: 'Words of our own.' } }),
    });
    const own = await render('en', folder);
    expect(sectionOrder(own.rendered.html)).toEqual(['outlook-2030', 'global']);
    expect(own.rendered.html).toContain('<h2 id="etsb-outlook-2030-h">Looking ahead</h2>');
    expect(own.rendered.html).toContain('<p class="own">Words of our own.</p>');
    expect(own.rendered.sections.map((s) => s.id)).toEqual(['outlook-2030', 'global']);
    // The strings the folder leaves out are the built-in ones (key by key), and nothing was unused.
    expect(own.rendered.html).toContain('<h2 id="etsb-global-h">Emissions trading worldwide</h2>');
    expect(own.warnings).toEqual([]);
  }, 60_000);

  it('a section the brief lists but no folder holds is an error naming it', async () => {
    const folder = await briefFolder('missing-section', { 'brief.json': JSON.stringify({ sections: ['globl'] }) });
    await expect(render('en', folder)).rejects.toThrow(/section "globl": no template sections\/globl\.hbs .*\(did you mean "global"\?\)/);
  }, 60_000);
});

describe('per-language section templates', () => {
  it('sections/<id>.<lang>.hbs serves its language only; the other keeps the built-in section', async () => {
    const folder = await briefFolder('per-language', {
      'brief.json': JSON.stringify({ sections: ['global'] }),
      'sections/global.en.hbs': '<p class="english-only">{{t "own.english"}}</p>',
      'i18n/en.json': JSON.stringify({ own: { english: 'Written for English readers.' } }),
    });
    const [en, zh] = [await render('en', folder), await render('zh-CN', folder)];
    expect(en.rendered.html).toContain('<p class="english-only">Written for English readers.</p>');
    expect(zh.rendered.html).not.toContain('english-only');
    // Chinese readers get the built-in section, in Chinese.
    const builtinZh = await render('zh-CN');
    const globalOf = (html: string) => /<section class="etsb-section" id="etsb-global"[\s\S]*?<\/section>/.exec(html)![0];
    expect(globalOf(zh.rendered.html)).toBe(globalOf(builtinZh.rendered.html));
  }, 120_000);
});

describe('partial i18n overrides and misspelt files', () => {
  it('an override of one string falls back to the built-in strings for the rest', async () => {
    const folder = await briefFolder('one-string', { 'i18n/zh-CN.json': JSON.stringify({ sections: { global: '世界各地的碳市场' } }) });
    const zh = await render('zh-CN', folder);
    expect(zh.rendered.html).toContain('<h2 id="etsb-global-h">世界各地的碳市场</h2>');
    const builtin = translator(await loadMessages(BUILTIN, 'zh-CN'));
    expect(zh.rendered.html).toContain(`<h2 id="etsb-results-h">${builtin('sections.results')}</h2>`);
  }, 60_000);

  it('a new string no template uses is a warning naming the file, the key and the closest built-in key', async () => {
    const folder = await briefFolder('unused-string', { 'i18n/en.json': JSON.stringify({ sections: { globall: 'Typo' } }) });
    const en = await render('en', folder);
    expect(en.warnings).toEqual([
      `warning: ${join(folder, 'i18n/en.json')}: string "sections.globall" is not a built-in string and no template of the brief uses it (did you mean "sections.global"?)`,
    ]);
  }, 60_000);

  it('a file that matches no built-in file and that nothing refers to is an error naming it and the closest built-in file', async () => {
    const folder = await briefFolder('misspelt-file', { 'sections/globl.hbs': '<p>never shown</p>' });
    await expect(render('en', folder)).rejects.toThrow(
      `${folder}/sections/globl.hbs: matches no file of the built-in brief and nothing refers to it (did you mean "sections/global.hbs"?)`,
    );
    const partial = await briefFolder('unused-partial', { 'partials/footnote.hbs': '<p>x</p>' });
    await expect(render('en', partial)).rejects.toThrow(/partials\/footnote\.hbs: matches no file of the built-in brief/);
  }, 60_000);
});

describe('templates reach metrics, charts and sources by name', () => {
  const metricsOf = () => metricCatalogue(computeMetrics(data));

  it('writes a metric as its precision and language say, records it in the ledger, numbers the chart and cites the source', async () => {
    const folder = await briefFolder('helpers', {
      'brief.json': JSON.stringify({ sections: ['numbers', 'data-notes'] }),
      'sections/numbers.hbs':
        '<p class="ratio">{{metric "volume.ratio"}}</p><p class="mean">{{metric "daily.cn-ets.mean"}}</p><p class="cited">{{t "own.sentence" tonnes=(metric "daily.cn-ets.volume")}}{{cite "paper"}}</p>{{chart "cn-daily"}}',
      'i18n/en.json': JSON.stringify({ sections: { numbers: 'Numbers' }, own: { sentence: 'China traded {tonnes}.' } }),
      'i18n/zh-CN.json': JSON.stringify({ sections: { numbers: '数字' }, own: { sentence: '全国碳市场成交{tonnes}。' } }),
    });
    const catalogue = metricsOf();
    for (const lang of ['en', 'zh-CN'] as const) {
      const out = await render(lang, folder);
      const t = translator(await loadMessages(new TemplateFiles(BUILTIN, folder), lang));
      const written = (name: string) => writeMetric(catalogue.get(name)! as Metric & { value: number }, lang, t);
      expect(out.rendered.html).toContain(`<p class="ratio">${written('volume.ratio')}</p>`);
      expect(out.rendered.html).toContain(`<p class="mean">${written('daily.cn-ets.mean')}</p>`);
      expect(written('daily.cn-ets.volume')).toBe(lang === 'en' ? '230 Mt' : '2.3亿吨');
      const ledger = JSON.parse(out.ledger) as LedgerDocument;
      const entry = ledger.numbers.find((n) => n.id === 'metric:volume.ratio')!;
      expect(entry).toMatchObject({ text: written('volume.ratio'), value: catalogue.get('volume.ratio')!.value, unit: '%' });
      // Recorded once, though the section renders in the brief and as a fragment.
      expect(ledger.numbers.filter((n) => n.id === 'metric:volume.ratio')).toHaveLength(1);
      expect(ledger.sentences.find((s) => s.key === 'own.sentence')?.text).toBe(t('own.sentence').replace('{tonnes}', written('daily.cn-ets.volume')));
      // The chart is a figure numbered like the others; the citation is listed at the fragment's foot.
      const caption = `<span class="etsb-fignum">${t('brief.figure').replace('{n}', '1')}</span> ${out.charts.get('cn-daily')!.title.replace(/'/g, '&#x27;')}`;
      expect(out.rendered.html.includes(caption), caption).toBe(true);
      expect(out.rendered.sections.find((s) => s.id === 'numbers')!.sources).toContain('paper');
    }
  }, 120_000);

  it.each([
    ['{{metric "volume.ration"}}', /numbers\.hbs:1:1: unknown metric "volume\.ration" \(did you mean "volume\.ratio"\?\)/],
    ['<p>\n {{chart "cn-dialy"}}', /numbers\.hbs:2:2: unknown chart "cn-dialy" \(did you mean "cn-daily"\?\)/],
    ['{{#if view}}{{cite "papr"}}{{/if}}', /numbers\.hbs:1:13: unknown source "papr" \(did you mean "paper"\?\)/],
    ['{{num 42}}', /numbers\.hbs:1:1: the number 42 is typed into the template/],
  ])(
    'refuses %s naming file, line and column',
    async (template, message) => {
      const folder = await briefFolder(`bad-${template.length}-${template.charCodeAt(4)}`, {
        'brief.json': JSON.stringify({ sections: ['numbers'] }),
        'sections/numbers.hbs': template,
        'i18n/en.json': JSON.stringify({ sections: { numbers: 'Numbers' } }),
      });
      await expect(render('en', folder)).rejects.toThrow(message);
    },
    60_000,
  );
});

describe("the shipped second brief: China's national market and its pilots", () => {
  const BRIEF = join(ROOT, 'briefs', 'cn-national-pilots');

  it('builds in both languages from its folder alone, stating the metrics, with its chart and nothing about the EU', async () => {
    const config = await withBrief(BRIEF, undefined);
    const catalogue = metricCatalogue(computeMetrics(data, config.comparison!));
    for (const lang of ['en', 'zh-CN'] as const) {
      const out = await render(lang, BRIEF);
      const t = translator(await loadMessages(new TemplateFiles(BUILTIN, BRIEF), lang));
      const html = out.rendered.html;
      expect(html).toContain(`<title>${lang === 'en' ? 'China&#x27;s national carbon market and its pilots' : '全国碳市场与地方试点'}</title>`);
      expect(sectionOrder(html)).toEqual(config.sections);
      // The national market's average close, as the metric gives it, in the key figures and the prices.
      const mean = writeMetric(catalogue.get('daily.cn-ets.mean')! as Metric & { value: number }, lang, t);
      expect(mean).toMatch(lang === 'en' ? /^CNY 54\.4\/t$/ : /^54\.4元\/吨$/);
      expect(html).toContain(`<span class="etsb-kf-value">${mean}</span>`);
      expect(visible(html)).toContain(mean);
      expect(html).toContain('id="etsb-fig-cn-daily"');
      expect(out.warnings).toEqual([]);
      const text = visible(html);
      if (lang === 'en') {
        expect(text).not.toMatch(/\bEU\b|European/);
        // The pilot it compares with, by its short name in markets.csv.
        expect(text).toContain(data.markets.find((m) => m.id === 'hbea')!.short_en!);
      } else {
        expect(text).not.toMatch(/欧盟|欧洲/);
      }
    }
  }, 120_000);
});
