import { beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../../src/data/datasets/index.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { loadMessages, translator } from '../../src/render/i18n.js';
import { withMarketNames } from '../../src/render/market-names.js';
import { buildView } from '../../src/render/view-model.js';
import { fileURLToPath } from 'node:url';
import { shippedData, withRows } from '../metrics/helpers.js';
import { dailyRow } from '../support/rows.js';

const TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));
let data: Data;
beforeAll(async () => {
  data = await shippedData();
});

async function view(d: Data, lang: 'zh-CN' | 'en') {
  const metrics = computeMetrics(d);
  const t = translator(withMarketNames(await loadMessages(TEMPLATES, lang), d.markets, metrics.comparison));
  return buildView({ data: d, metrics, lang, t });
}

describe('sentences follow the data', () => {
  it('says "under 2%" while the ratio is under the paper\'s 2%, and not once it passes', async () => {
    const under = await view(data, 'en');
    // 2.3×10⁸ t against "about 125×10⁸ t": about 2%, no more precise than the EU's round figure.
    expect(under.compared.map((p) => p.text).join(' ')).toMatch(/about 2% of the EU's volume, in line with the paper's "under 2%"/);
    const doubled = withRows(data, { facts: (rows) => rows.map((f) => (f.id === 'cn-cumulative-volume' ? { ...f, value: f.value! * 2 } : f)) });
    const over = await view(doubled, 'en');
    expect(over.compared.map((p) => p.text).join(' ')).toMatch(/about 4% of the EU's volume, no longer under the 2% the paper states/);
    const zh = await view(doubled, 'zh-CN');
    expect(zh.compared.map((p) => p.text).join('')).toMatch(/为欧盟的约4%，已不再低于文献所称的2%/);
  });

  it('writes Chinese quantities in 亿吨 and counts without thousands separators', async () => {
    const zh = await view(data, 'zh-CN');
    const text = zh.compared.map((p) => p.text).join('');
    expect(text).toContain('累计成交2.3亿吨');
    expect(text).toContain('首批纳入2162家发电企业');
    expect(zh.global.map((p) => p.text).join('')).toContain('覆盖约1万个设施');
  });

  it('cites sources with footnotes that resolve to the sources list', async () => {
    const en = await view(data, 'en');
    const numbers = new Set(en.sources.map((s) => s.n));
    for (const p of [...en.global, ...en.compared, ...en.mechanisms]) for (const n of p.cites) expect(numbers.has(n)).toBe(true);
    expect(en.sources[0]?.id).toBe('paper');
  });

  it('leaves out a sentence whose facts are missing instead of printing a blank', async () => {
    const noWorld = withRows(data, { facts: (rows) => rows.filter((f) => f.market !== 'world') });
    const en = await view(noWorld, 'en');
    expect(en.global.map((p) => p.text).join(' ')).not.toMatch(/emissions trading systems were in force/);
  });
});

describe('the global picture', () => {
  it('states the facts of the one aggregate that has them, and refuses to guess between two', async () => {
    const en = await view(data, 'en');
    expect(en.global[0]!.text).toMatch(/in force/);
    const twice = withRows(data, {
      markets: (rows) => [...rows, { ...rows.find((m) => m.id === 'world')!, id: 'world-2' }],
      facts: (rows) => [...rows, ...rows.filter((f) => f.market === 'world').map((f) => ({ ...f, id: `${f.id}-2`, market: 'world-2' }))],
    });
    await expect(view(twice, 'en')).rejects.toThrow(/data\/markets\.csv: the aggregates world and world-2 both have ets-in-force facts/);
    // Another aggregate with other facts (a pilots' total) does not take the world's place.
    const pilots = withRows(data, { markets: (rows) => [{ ...rows.find((m) => m.id === 'world')!, id: 'cn-pilots-total' }, ...rows] });
    expect((await view(pilots, 'en')).global[0]!.text).toBe(en.global[0]!.text);
  });
});

describe('the data-gaps paragraph follows the data', () => {
  it('lists rough and absent annual volumes and each missing series, and drops what data/ gains', async () => {
    const before = (await view(withRows(data, { gdp: () => [] }), 'en')).notes.gaps!.text;
    expect(before).toContain("annual EU ETS traded volumes beyond the paper's round figures (2007–2008, 2012–2021)");
    expect(before).toContain('any annual EU ETS traded volume for 2009–2011');
    expect(before).toContain('EU real GDP');
    // GDP of the region Figure 7's claim names, for the years of the comparable emissions series.
    const region = data.facts.find((f) => f.indicator === 'real-gdp-change')!.subject!;
    const gdpRows = [2005, 2010, 2020].map((year) => ({
      region,
      entity: region,
      year,
      value: 1e12 + year,
      currency: 'USD',
      price_year: 2015,
      source: 'paper',
      note: null,
    }));
    const exact = withRows(data, {
      facts: (rows) => rows.map((f) => (f.market === 'eu-ets' && /^traded-volume/.test(f.indicator) ? { ...f, qualifier: 'exact' as const } : f)),
      gdp: () => gdpRows,
    });
    const after = (await view(exact, 'en')).notes.gaps!.text;
    expect(after).not.toContain('round figures');
    expect(after).not.toContain('EU real GDP');
    expect(after).toContain('any annual EU ETS traded volume for 2009–2011');
    expect((await view(exact, 'zh-CN')).notes.gaps!.text).toContain('2009–2011年欧盟碳市场任何年度成交量');
  });
});

describe('gaps derived from the price series', () => {
  it('names the phases no price series reaches, and the volumes the series lack', async () => {
    const data = withRows(await shippedData(), {
      'market-daily': () => [2009, 2016].flatMap((y) => [1, 2].map((d) => dailyRow('s', `${y}-03-0${d}`, 10))),
    });
    const gaps = (await view(data, 'en')).notes.gaps!.text;
    const first = data.phases.filter((p) => p.market === 'eu-ets').sort((a, b) => a.phase - b.phase)[0]!;
    expect(gaps).toContain(`EU ETS prices for Phase ${first.phase} (${first.start_year}–${first.end_year})`);
    expect(gaps).toContain('daily or monthly EU ETS traded volumes');
    // A price in that phase closes the gap.
    const inFirst = withRows(data, {
      'market-daily': (r) => [...r, ...[1, 2].map((d) => ({ ...r.find((x) => x.market === 'eu-ets')!, date: `${first.start_year}-06-0${d}` }))],
    });
    expect((await view(inFirst, 'en')).notes.gaps!.text).not.toContain('prices for Phase');
  });
});

describe('Figure 8: the company rule and its date', () => {
  it("dates the holder names by the registry files' publication (sources.csv), and says what the rule may miss", async () => {
    const shipped = await shippedData();
    const text = (await view(shipped, 'en')).problems.companyRecomputed.map((p) => p.text).join(' ');
    const holders = shipped.sources.filter((s) => shipped.installations.some((i) => i.source.split(';').includes(s.id)) && s.published);
    expect(holders.map((s) => s.published)).toContain('2021-04');
    expect(text).toContain('as the registry had them in April 2021');
    expect(text).toContain('An installation sold before April 2021 is missed');
    // Without the date, the sentence says "when its files were taken".
    const undated = withRows(shipped, { sources: (r) => r.map((s) => ({ ...s, published: null })) });
    expect((await view(undated, 'en')).problems.companyRecomputed.map((p) => p.text).join(' ')).toContain('when its files were taken');
  });
});
