import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auctionsAnnual } from '../../../src/data/aggregates/auctions-annual.js';
import { combineMonths, marketMonthly } from '../../../src/data/aggregates/market-monthly.js';
import type { Data } from '../../../src/data/datasets/index.js';
import { importFiles } from '../../../src/data/import/run.js';
import { loadData } from '../../../src/data/load.js';
import { auctionYears } from '../../../src/metrics/auctions.js';
import { dailyStats } from '../../../src/metrics/daily.js';
import { dataReach } from '../../../src/metrics/reach.js';
import { shippedData, withRows } from '../../metrics/helpers.js';
import { dataCopyIn } from '../../support.js';

type DailyRow = Data['market-daily'][number];
type Auction = Data['auctions'][number];

const day = (date: string, close: number, volume: number | null, more: Partial<DailyRow> = {}): DailyRow => ({
  market: 'cn-ets',
  instrument: 'exchange',
  series: 'wind',
  date,
  close,
  open: null,
  high: null,
  low: null,
  volume,
  turnover: volume === null ? null : volume * close,
  currency: 'CNY',
  source: 'paper',
  note: null,
  ...more,
});

// Two months of a WIND-like series: 2021-08-03 repeats the last price without trades (volume 0),
// 2021-07-19 has a range; 2021-08-04 states no volume at all.
const CEA: DailyRow[] = [
  day('2021-07-16', 51.23, 4_103_953, { low: 48, high: 51.8 }),
  day('2021-07-19', 52.3, 130_800, { low: 52.08, high: 53 }),
  day('2021-08-02', 45.5, 10_000, { source: 'paper;cet-2021' }),
  day('2021-08-03', 45.5, 0),
  day('2021-08-04', 47, null),
  day('2021-08-05', 44.25, 2_000),
];

describe('market-monthly: daily rows per series and month', () => {
  it('sums volumes and turnover over every day, and takes prices from trading days only', () => {
    const [july, august] = marketMonthly(CEA);
    expect(july).toMatchObject({
      month: '2021-07',
      days: 2,
      trading_days: 2,
      first_date: '2021-07-16',
      last_date: '2021-07-19',
      first_close: 51.23,
      last_close: 52.3,
      min_close: 51.23,
      max_close: 52.3,
      low: 48,
      high: 53,
      volume: 4_234_753,
    });
    expect(july!.mean_close).toBeCloseTo(51.765, 10);
    // The carried price of 3 August and the volume-less 4 August are priced days, not trading days.
    expect(august).toMatchObject({
      month: '2021-08',
      days: 4,
      trading_days: 2,
      first_date: '2021-08-02',
      last_date: '2021-08-05',
      first_close: 45.5,
      last_close: 44.25,
      min_close: 44.25,
      max_close: 45.5,
      low: 44.25,
      high: 45.5,
      volume: 12_000,
      turnover: 455_000 + 88_500,
    });
    expect(august!.mean_close).toBe(44.875);
    expect(august!.source).toBe('cet-2021;paper');
  });

  it('takes every priced day as a trading day in a series without volumes, and leaves volume empty', () => {
    const futures = CEA.map((r) => ({ ...r, instrument: 'futures' as const, series: 'ets-watch', volume: null, turnover: null }));
    const [, august] = marketMonthly(futures);
    expect(august).toMatchObject({ days: 4, trading_days: 4, min_close: 44.25, max_close: 47, volume: null, turnover: null });
  });

  it('keeps series apart and gives the same rows in any order', () => {
    const other = CEA.map((r) => ({ ...r, series: 'other', close: r.close + 10 }));
    const rows = marketMonthly([...CEA, ...other]);
    expect(rows.map((r) => [r.series, r.month])).toEqual([
      ['other', '2021-07'],
      ['other', '2021-08'],
      ['wind', '2021-07'],
      ['wind', '2021-08'],
    ]);
    expect(marketMonthly([...other, ...CEA].reverse())).toEqual(rows);
  });

  it('combines months as the days would: extremes of extremes, mean weighted by trading days', () => {
    const all = combineMonths(marketMonthly(CEA))!;
    const traded = CEA.filter((r) => (r.volume ?? 0) > 0);
    expect(all).toMatchObject({ tradingDays: 4, first: '2021-07-16', last: '2021-08-05', minClose: 44.25, maxClose: 52.3, volume: 4_246_753 });
    expect(all.meanClose).toBeCloseTo(traded.reduce((s, r) => s + r.close, 0) / traded.length, 10);
    expect(combineMonths([])).toBeUndefined();
  });
});

describe('daily statistics agree whether data/ holds the days or the shipped months', () => {
  it('gives the same numbers from imported daily rows and from market-monthly alone', async () => {
    const shipped = await shippedData();
    const fromDays = withRows(shipped, { 'market-daily': () => CEA, 'market-monthly': () => [] });
    const fromMonths = withRows(shipped, { 'market-daily': () => [], 'market-monthly': () => marketMonthly(CEA) });
    const window = { start: '2021-07-16', end: '2021-08-31' };
    const a = dailyStats(fromDays, 'cn-ets', window)!;
    const b = dailyStats(fromMonths, 'cn-ets', window)!;
    for (const k of ['tradingDays', 'volume', 'turnover', 'low', 'high', 'mean'] as const) expect([k, b[k].value]).toEqual([k, a[k].value]);
    expect([a.tradingDays.value, a.low.value, a.high.value]).toEqual([4, 44.25, 52.3]);
    expect(a.low.inputs[0]!.dataset).toBe('market-daily');
    expect(b.low.inputs[0]!.dataset).toBe('market-monthly');
    // A month reaching outside the window is not used: its days cannot be told apart.
    expect(dailyStats(fromMonths, 'cn-ets', { start: '2021-07-16', end: '2021-08-04' })!.tradingDays.value).toBe(2);
    expect(dailyStats(fromDays, 'cn-ets', { start: '2021-07-16', end: '2021-08-04' })!.tradingDays.value).toBe(3);
    // The reach of the series is the same days either way.
    const reach = (d: Data) => dataReach(d).filter((r) => r.subject === 'cn-ets' && r.basis === 'daily');
    expect(reach(fromMonths)).toEqual(reach(fromDays));
  });
});

const auction = (
  date: string,
  allowance: 'EUA' | 'EUAA',
  price: number | null,
  volume: number,
  status: Auction['status'] = null,
  revenue = price === null ? null : price * volume,
): Auction => ({
  market: 'eu-ets',
  platform: 'eex',
  date,
  auction: `A ${date}`,
  contract: allowance === 'EUA' ? 'T3PA' : 'EAA3',
  allowance,
  status,
  price,
  volume,
  revenue,
  bids_volume: null,
  cover_ratio: null,
  bidders: null,
  successful_bidders: null,
  source: 'paper',
  note: null,
});

describe('auctions-annual: auctions per platform, allowance type and year', () => {
  it('counts auctions held and cancelled, sums volume and revenue of those held, and prices revenue ÷ volume', () => {
    const rows = auctionsAnnual([
      auction('2022-03-01', 'EUA', 87.5, 2_449_000),
      auction('2022-03-02', 'EUA', null, 2_658_000, 'cancelled'),
      auction('2022-05-10', 'EUA', 85.1, 1_000_000, 'successful'),
      auction('2022-02-28', 'EUAA', 90.25, 100_000, 'successful'),
      auction('2021-12-01', 'EUA', 70, 500_000),
    ]);
    expect(rows.map((r) => [r.year, r.allowance, r.auctions, r.cancelled, r.volume, r.revenue])).toEqual([
      [2021, 'EUA', 1, 0, 500_000, 35_000_000],
      [2022, 'EUA', 2, 1, 3_449_000, 214_287_500 + 85_100_000],
      [2022, 'EUAA', 1, 0, 100_000, 9_025_000],
    ]);
    expect(rows[1]!.price).toBeCloseTo((87.5 * 2_449_000 + 85.1 * 1_000_000) / 3_449_000, 10);
  });

  it('keeps the reported revenue, summed to the cent', () => {
    const [y] = auctionsAnnual([auction('2013-01-02', 'EUA', 4.69, 3_660_500, null, 17_167_745.01), auction('2013-01-03', 'EUA', 4.7, 10, null, 47.02)]);
    expect(y!.revenue).toBe(17_167_792.03);
  });

  it('uses the auction rows where data/ has them, else the shipped years', async () => {
    const shipped = await shippedData();
    const rows = [auction('2022-03-01', 'EUA', 87.5, 2_449_000)];
    const fromRows = withRows(shipped, { auctions: () => rows, 'auctions-annual': () => [] });
    const fromYears = withRows(shipped, { auctions: () => [], 'auctions-annual': () => auctionsAnnual(rows) });
    expect(auctionYears(fromYears, 'eu-ets')).toEqual(auctionYears(fromRows, 'eu-ets'));
    expect(auctionYears(fromRows, 'eu-ets')).toHaveLength(1);
  });
});

describe('auctions-annual on the EEX fixtures (three report layouts)', () => {
  let root: string;
  let data: Data;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ets-aggregates-'));
    const dir = await dataCopyIn(root, 'data');
    const fixture = (name: string) => fileURLToPath(new URL(`../import/fixtures/${name}`, import.meta.url));
    await importFiles(['eex-auctions-2013-layout.xls', 'eex-auctions-2016-layout.xls', 'eex-auctions-2020-layout.xlsx'].map(fixture), {
      dataDir: dir,
      version: '0.0.0-test',
      today: '2026-12-01',
    });
    data = (await loadData(dir)).data!;
  }, 60_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("gives each year's hand-summed revenue and weighted price to the cent per tonne", () => {
    // Hand sums of the fixtures' rows (test/data/import/fixtures/README.md), in key order.
    const years = auctionsAnnual(data.auctions).map((r) => [r.year, r.allowance, r.auctions, r.cancelled, r.revenue, Math.round(r.price! * 100) / 100]);
    expect(years).toEqual([
      [2013, 'EUA', 2, 0, 18_795_300 + 17_167_745, 4.7],
      [2016, 'EUA', 2, 0, 18_275_120 + 16_044_345, 4.78],
      [2022, 'EUA', 1, 1, 214_287_500, 87.5],
      [2013, 'EUAA', 1, 0, 4_500_000, 4.5],
      [2022, 'EUAA', 1, 0, 9_025_000, 90.25],
    ]);
  });
});
