import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/api.js';
import { loadData } from '../../src/data/load.js';
import { ROOT, tempDirWithData } from '../support.js';

/**
 * A UK–EU brief made from rows and configuration only: markets.csv names the UK's market in both
 * languages, facts state its numbers, and the configuration compares it with the EU. Every generic
 * sentence, title and label then names the UK where the built-in brief names China.
 */
const UK_FACT = 'uk-ets,,{indicator},2021-07-16,2022-12-31,{value},{unit},,exact,false,,,,,paper,Test fixture.';
const facts = [
  ['uk-entities', 'entities', 1000, 'count'],
  ['uk-covered-emissions', 'covered-emissions', 110000000, 't/yr'],
  ['uk-cumulative-volume', 'traded-volume', 900000000, 't'],
  ['uk-price-band-low', 'price-band-low', 50, 'GBP/t'],
  ['uk-price-band-high', 'price-band-high', 90, 'GBP/t'],
] as const;

let dir: string;
let html: Record<'en' | 'zh-CN', string>;
/** The same data with the markets' roles swapped: the UK's market is the reference, the EU's the subject. */
let swapped: Record<'en' | 'zh-CN', string>;
beforeAll(async () => {
  dir = await tempDirWithData('ets-uk-eu-');
  const data = join(dir, 'data');
  await withoutMarkets(data, CHINESE_MARKETS);
  await appendFile(
    join(data, 'markets.csv'),
    "uk-ets,national,GB,UK ETS,英国碳市场,the UK Emissions Trading Scheme,英国碳排放交易体系,UK,英国,the UK's,GBP,2021-07-16,paper,Test fixture.\n",
  );
  await appendFile(
    join(data, 'facts.csv'),
    `${facts
      .map(([id, indicator, value, unit]) => `${id},${UK_FACT.replace('{indicator}', indicator).replace('{value}', String(value)).replace('{unit}', unit)}`)
      .join('\n')}\n`,
  );
  await appendFile(join(data, 'fx-rates.csv'), 'EUR,GBP,2021,0.86,annual-average,paper,Test fixture.\nEUR,GBP,2022,0.85,annual-average,paper,Test fixture.\n');
  const loaded = await loadData(data);
  if (!loaded.data) throw new Error(loaded.issues.map((i) => JSON.stringify(i)).join('\n'));
  // The paper's recommendations are its advice to China: a brief on other markets leaves them out.
  const builtin = JSON.parse(await readFile(join(ROOT, 'templates', 'brief.json'), 'utf8')) as { sections: string[] };
  const config = { comparison: { subject: 'uk-ets', reference: 'eu-ets' }, sections: builtin.sections.filter((id) => id !== 'recommendations') };
  html = {
    en: (await renderBrief(loaded.data, { lang: 'en', config })).html,
    'zh-CN': (await renderBrief(loaded.data, { lang: 'zh-CN', config })).html,
  };
  const reversed = { ...config, comparison: { subject: 'eu-ets', reference: 'uk-ets' } };
  swapped = {
    en: (await renderBrief(loaded.data, { lang: 'en', config: reversed })).html,
    'zh-CN': (await renderBrief(loaded.data, { lang: 'zh-CN', config: reversed })).html,
  };
}, 240_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** China's national market and its pilots: a UK–EU analyst's data/ holds none of their rows. */
const CHINESE_MARKETS = ['cn-ets', 'bea', 'tjea', 'shea', 'hbea', 'gdea', 'szea', 'cqea', 'fjea'];

/** Removes every row of `dir`'s CSV files that has one of `markets` as a cell. */
async function withoutMarkets(dir: string, markets: readonly string[]): Promise<void> {
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv'))) {
    const text = await readFile(join(dir, file), 'utf8');
    const lines = text.split('\n');
    await writeFile(join(dir, file), lines.filter((line) => !line.split(',').some((cell) => markets.includes(cell))).join('\n'));
  }
}

/**
 * What the brief says: its text, without the sources' titles, which are the publishers' words
 * (the paper is called "…对中国的启示": cited, not said by the brief).
 */
function said(page: string): string {
  return page
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<ol class="etsb-sources">[\s\S]*?<\/ol>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'");
}

describe('a UK–EU brief made from rows and configuration', () => {
  it('says nothing about China in either language', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const text = said(html[lang]);
      expect(text.match(/.{0,60}(China|中国|全国碳市场|中欧).{0,60}/g), lang).toBeNull();
    }
  });

  it('names the UK market where the built-in brief names China', () => {
    const en = said(html.en);
    expect(en).toContain('Lessons from the EU Emissions Trading System for the UK Emissions Trading Scheme');
    expect(en).toContain('EU–UK: a comparison of prices, volumes, coverage and results');
    expect(en).toContain("The UK's traded volume as a share of the EU's");
    expect(en).toContain("EU price as a multiple of the UK's");
    expect(en).toMatch(/UK compared/);
    expect(en).toMatch(/The UK Emissions Trading Scheme opened on 16 July 2021, with 1,000 covered entities/);
    expect(en).toMatch(/of allowances traded in the EU ETS as the paper states it: .* of the EU's volume/);
    const zh = said(html['zh-CN']);
    expect(zh).toContain('欧盟碳排放交易体系对英国碳排放交易体系的启示');
    expect(zh).toContain('英国与欧盟碳市场价格、成交量、覆盖范围与成效比较');
    expect(zh).toContain('英国碳市场成交量占欧盟的比例');
    expect(zh).toContain('欧盟碳价约为英国的倍数');
    expect(zh).toContain('英国与欧盟比较');
  });
});

/** The text of one section of a brief, by its id. */
function sectionText(page: string, id: string): string {
  const section = page.match(new RegExp(`<section class="etsb-section" id="etsb-${id}"[\\s\\S]*?</section>`))?.[0];
  if (!section) throw new Error(`no section ${id}`);
  return said(section);
}

describe('a brief whose reference market is not the EU ETS', () => {
  it('names the reference market, not the EU ETS, in the phases and rules it shows', () => {
    for (const id of ['phases', 'mechanisms']) {
      const en = sectionText(swapped.en, id);
      const zh = sectionText(swapped['zh-CN'], id);
      expect(en, id).not.toMatch(/EU ETS|EU Emissions Trading/);
      expect(zh, id).not.toMatch(/欧盟碳市场|欧盟碳排放交易体系/);
      expect(en, id).toContain('UK ETS');
      expect(zh, id).toContain('英国碳市场');
    }
    // phases.csv gives the UK's market no phases: its heading names it, and no sentence says it grew in phases, nor counts them.
    expect(sectionText(swapped.en, 'phases')).toContain('The UK ETS phase by phase');
    expect(sectionText(swapped.en, 'phases')).not.toMatch(/grown in phases|four phases/);
    expect(sectionText(swapped['zh-CN'], 'phases')).not.toMatch(/分阶段推进|四个阶段/);
    expect(sectionText(swapped['zh-CN'], 'mechanisms')).toContain('英国碳市场运行机制');
  });
});
