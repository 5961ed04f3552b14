import { describe, expect, it } from 'vitest';
import type { Data } from '../../src/data/datasets/index.js';
import { publish, type RawFile } from '../../src/data/publish.js';
import { shippedData, withRows } from '../metrics/helpers.js';
import { dailyRow } from '../support/rows.js';

// The publish-policy step of scripts/build-data.mjs, on rows made up here (no ../shared needed).
type Source = Data['sources'][number];
type DailyRow = Data['market-daily'][number];
const sha = (c: string) => c.repeat(64);
const FILES: RawFile[] = [
  { path: 'wind/cea.csv', sha256: sha('a'), retrieved: '2026-12-01', policy: 'aggregate' },
  { path: 'pilots.xlsx', sha256: sha('b'), retrieved: '2026-12-01', policy: 'raw' },
  { path: 'ecb.csv', sha256: sha('c'), retrieved: '2026-12-01', policy: 'raw' },
  { path: 'investing/eurcny.csv', sha256: sha('d'), retrieved: '2026-12-01', policy: 'aggregate' },
  { path: 'eex/2022.xlsx', sha256: sha('e'), retrieved: '2026-12-01', policy: 'aggregate' },
];
const source = (id: string, c: string): Source => ({
  id,
  title: id,
  publisher: 'x',
  url: null,
  original_url: null,
  published: null,
  retrieved: '2026-12-01',
  licence: null,
  note: `Imported with ets-brief import from f, sha256 ${sha(c)}.`,
});
const day = (market: string, series: string, date: string, close: number, src: string): DailyRow =>
  dailyRow(series, date, close, { market, instrument: 'exchange', volume: 100, turnover: 100 * close, currency: 'CNY', source: src });
const fx = (quote: string, series: string, src: string) => ({ base: 'EUR', quote, series, date: '2022-01-03', rate: 1.1, source: src, note: null });

async function imported(): Promise<Data> {
  return withRows(await shippedData(), {
    sources: (rows) => [
      ...rows.filter((s) => !/sha256 /.test(s.note ?? '')),
      source('wind-cea-aaaaaaaa', 'a'),
      source('sceex-bbbbbbbb', 'b'),
      source('ecb-cccccccc', 'c'),
      source('investing-dddddddd', 'd'),
      source('eex-eeeeeeee', 'e'),
    ],
    'market-daily': () => [
      day('cn-ets', 'wind', '2022-01-04', 58, 'wind-cea-aaaaaaaa'),
      day('cn-ets', 'wind', '2022-01-05', 60, 'wind-cea-aaaaaaaa'),
      day('hbea', 'sceex-hbea', '2022-01-04', 40, 'sceex-bbbbbbbb'),
    ],
    'market-monthly': () => [],
    'fx-daily': () => [
      fx('USD', 'ecb-reference', 'ecb-cccccccc'),
      fx('GBP', 'ecb-reference', 'ecb-cccccccc'),
      fx('CNY', 'investing-close', 'investing-dddddddd'),
    ],
    auctions: () => [
      {
        market: 'eu-ets',
        platform: 'eex',
        date: '2022-03-01',
        auction: 'EU',
        contract: 'T3PA',
        allowance: 'EUA',
        status: 'successful',
        price: 87.5,
        volume: 2_449_000,
        revenue: 214_287_500,
        bids_volume: null,
        cover_ratio: null,
        bidders: null,
        successful_bidders: null,
        source: 'eex-eeeeeeee',
        note: null,
      },
    ],
    'auctions-annual': () => [],
  });
}

describe('publish: what data/ may ship of each raw file', () => {
  it('replaces the rows of aggregate-only files by aggregates that name them, and keeps raw rows as imported', async () => {
    const out = publish(await imported(), { files: FILES });
    expect(out['market-daily'].map((r) => [r.market, r.source])).toEqual([['hbea', 'sceex-bbbbbbbb']]);
    expect(out['market-monthly'].map((m) => [m.market, m.series, m.month, m.trading_days, m.min_close, m.max_close, m.source])).toEqual([
      ['cn-ets', 'wind', '2022-01', 2, 58, 60, 'wind-cea-aaaaaaaa'],
    ]);
    expect(out.auctions).toEqual([]);
    expect(out['auctions-annual'].map((r) => [r.year, r.auctions, r.revenue, r.price, r.source])).toEqual([[2022, 1, 214_287_500, 87.5, 'eex-eeeeeeee']]);
    // Daily rates have no aggregate: investing.com's are left out, and so is its source row.
    expect(out['fx-daily'].map((r) => r.quote)).toEqual(['USD', 'GBP']);
    expect(out.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['wind-cea-aaaaaaaa', 'sceex-bbbbbbbb', 'ecb-cccccccc', 'eex-eeeeeeee']));
    expect(out.sources.map((s) => s.id)).not.toContain('investing-dddddddd');
    // Curated sources stay, cited or not.
    expect(out.sources.map((s) => s.id)).toContain('paper');
  });

  it('ships every row of a file whose policy is raw', async () => {
    const files = FILES.map((f) => ({ ...f, policy: 'raw' as const }));
    const out = publish(await imported(), { files });
    expect(out['market-daily']).toHaveLength(3);
    expect(out['market-monthly']).toEqual([]);
    expect(out.auctions).toHaveLength(1);
  });

  it('cuts daily rates, GDP regions and registry accounts to those asked for', async () => {
    const data = withRows(await imported(), {
      gdp: () =>
        ['eu27', 'chn', 'deu'].map((region) => ({
          region,
          entity: region,
          year: 2020,
          value: 1,
          currency: 'USD',
          price_year: 2015,
          source: 'ecb-cccccccc',
          note: null,
        })),
      installations: () =>
        [1, 2].map(
          (account) =>
            ({
              market: 'eu-ets',
              account,
              installation: null,
              name: `I${account}`,
              country: 'FR',
              activity: null,
              permit: null,
              parent: null,
              subsidiary: null,
              holder: null,
              holder_status: null,
              source: 'ecb-cccccccc',
              note: null,
            }) as unknown as Data['installations'][number],
        ),
      'account-years': () =>
        [1, 2].map((account) => ({ market: 'eu-ets', account, year: 2020, verified: 10, source: 'ecb-cccccccc' }) as unknown as Data['account-years'][number]),
    });
    const out = publish(data, {
      files: FILES,
      currencies: new Set(['EUR', 'USD', 'CNY']),
      gdpRegions: new Set(['eu27', 'chn']),
      accounts: new Set(['eu-ets/2']),
    });
    expect(out['fx-daily'].map((r) => r.quote)).toEqual(['USD']);
    expect(out.gdp.map((r) => r.region)).toEqual(['eu27', 'chn']);
    expect(out.installations.map((r) => r.account)).toEqual([2]);
    expect(out['account-years'].map((r) => r.account)).toEqual([2]);
  });

  it('refuses a row of an aggregate-only file in a dataset without an aggregate, and a source the manifest does not list', async () => {
    const data = await imported();
    const gdp = withRows(data, {
      gdp: () => [{ region: 'chn', entity: 'China', year: 2020, value: 1, currency: 'USD', price_year: 2015, source: 'wind-cea-aaaaaaaa', note: null }],
    });
    expect(() => publish(gdp, { files: FILES })).toThrow(/gdp: 1 rows cite a file whose rows may not be shipped/);
    expect(() => publish(data, { files: FILES.slice(1) })).toThrow(/wind-cea-aaaaaaaa: file sha256 a{64} is not in the raw-files manifest/);
  });
});
