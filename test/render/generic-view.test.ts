import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBrief } from '../../src/api.js';
import { configSchema } from '../../src/pipeline/config.js';
import type { Data } from '../../src/data/datasets/index.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { powerHighlight } from '../../src/render/brief-settings.js';
import { loadMessages, translator } from '../../src/render/i18n.js';
import { withMarketNames } from '../../src/render/market-names.js';
import { TemplateFiles } from '../../src/render/template-files.js';
import { buildView } from '../../src/render/view-model.js';
import { shippedData } from '../metrics/helpers.js';

/**
 * The view knows no paper: which energy sources the power paragraph follows is the brief's
 * configuration (brief.json's powerMix.highlight), and its sections have generic ids.
 */
const TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));
let data: Data;
beforeAll(async () => {
  data = await shippedData();
});

async function power(lang: 'en' | 'zh-CN', highlight: readonly string[] | undefined) {
  const metrics = computeMetrics(data);
  const t = translator(withMarketNames(await loadMessages(TEMPLATES, lang), data.markets, metrics.comparison));
  const view = buildView({ data, metrics, lang, t, ...(highlight ? { powerHighlight: highlight } : {}) });
  return { text: view.results.power?.text ?? null, ids: view.ledger.entries().map((e) => e.id) };
}

describe('the power paragraph follows the sources the brief highlights', () => {
  it("says the built-in brief's coal, wind and solar as the paper does", async () => {
    const { text } = await power('en', ['coal', 'wind', 'solar']);
    expect(text).toMatch(
      /^In the paper's electricity table, between 2010 and 2022, coal-fired generation fell by 35\.8%, its share moving from 23\.35% to 15\.18%; wind generation rose by 255\.5% \(4\.32% → 15\.56%\) and solar rose by 890% \(0\.67% → 6\.68%\)\.$/,
    );
    expect((await power('zh-CN', ['coal', 'wind', 'solar'])).text).toContain(
      '煤电发电量下降35.8%，占比从23.35%变为15.18%；风电增长255.5%（占比4.32%至15.56%），太阳能发电增长890%',
    );
  });

  it('says other sources when a brief lists them, each number in the ledger', async () => {
    const { text, ids } = await power('en', ['hydro', 'nuclear', 'natural-gas']);
    expect(text).toMatch(
      /hydro generation fell by [\d.]+%, its share moving from 16\.79% to 15\.49%; nuclear generation fell by [\d.]+% \([^)]+\) and gas-fired generation/,
    );
    expect(text).not.toMatch(/coal|wind|solar/i);
    expect(ids).toEqual(expect.arrayContaining(['results.power.hydro', 'results.power.hydroFrom', 'results.power.nuclearTo', 'results.power.natural-gas']));
    expect((await power('zh-CN', ['hydro'])).text).toMatch(/年水电下降[\d.]+%，占比从16\.79%变为15\.49%。$/);
  });

  it('leaves the sources the table lacks out, and says nothing when none is highlighted', async () => {
    expect((await power('en', ['geothermal', 'wind'])).text).toMatch(/between 2010 and 2022, wind generation rose by 255\.5%, its share moving/);
    expect((await power('en', undefined)).text).toBeNull();
    expect((await power('en', ['geothermal'])).text).toBeNull();
  });

  it("takes the brief's own list, else the built-in brief's, and checks the key in brief.json", async () => {
    const files = new TemplateFiles(TEMPLATES);
    const types = new Set(data['power-generation'].map((r) => r.source_type));
    expect(await powerHighlight(files, undefined, types)).toEqual(['coal', 'wind', 'solar']);
    expect(await powerHighlight(files, { highlight: ['hydro'] }, types)).toEqual(['hydro']);
    // A misspelt source is an error naming the file and the near name, not a paragraph gone missing.
    await expect(powerHighlight(new TemplateFiles(TEMPLATES, '/briefs/mine'), { highlight: ['wnd'] }, types)).rejects.toThrow(
      /^\/briefs\/mine\/brief\.json: powerMix\.highlight names "wnd", which is not a source_type of data\/power-generation\.csv \(did you mean "wind"\?\)/,
    );
    // Without generation rows there is no paragraph to write, and nothing to check against.
    expect(await powerHighlight(files, { highlight: ['wnd'] }, new Set())).toEqual(['wnd']);
    expect(configSchema.safeParse({ powerMix: { highlight: ['coal', 'coal'] } }).success).toBe(false);
    expect(configSchema.safeParse({ powerMix: { highlight: ['hydro', 'wind'] } }).success).toBe(true);
    expect(configSchema.safeParse({ powerMix: { highlight: [] } }).success).toBe(false);
    expect(configSchema.safeParse({ powerMix: { hightlight: ['hydro'] } }).success).toBe(false);
  });
});

describe('section ids name the job, not the paper', () => {
  it('builds the compared section, and a brief listing the old china-compared is told its new id', async () => {
    const built = await renderBrief(data, { lang: 'en', config: { sections: ['compared'] } });
    expect(built.sections.map((s) => s.id)).toEqual(['compared']);
    expect(built.html).toContain('id="etsb-compared"');
    await expect(renderBrief(data, { lang: 'en', config: { sections: ['china-compared'] } })).rejects.toThrow(
      /section "china-compared": no template sections\/china-compared\.hbs.*\(did you mean "compared"\?\)/,
    );
  }, 120_000);
});
