import { beforeAll, describe, expect, it } from 'vitest';
import { marketMonthly } from '../../src/data/aggregates/market-monthly.js';
import type { Data } from '../../src/data/datasets/index.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { shippedData, withRows } from '../metrics/helpers.js';
import { buildChart } from '../support/charts.js';
import { dailyRow } from '../support/rows.js';

type DailyRow = Data['market-daily'][number];
type AuctionRow = Data['auctions'][number];
const auction = (date: string, allowance: 'EUA' | 'EUAA', price: number | null, volume: number, note: string | null = null): AuctionRow => ({
  market: 'eu-ets',
  platform: 'eex',
  date,
  auction: 'DE',
  contract: allowance === 'EUA' ? 'T3PA' : 'EAA3',
  allowance,
  status: price === null ? 'cancelled' : 'successful',
  price,
  volume,
  revenue: price === null ? null : price * volume,
  bids_volume: null,
  cover_ratio: null,
  bidders: null,
  successful_bidders: null,
  source: 'paper',
  note,
});
const day = (series: string, date: string, close: number, source = 'paper') => dailyRow(series, date, close, { source });

const build = (id: string, data: Data) =>
  buildChart(id, data, { t: (k) => (k.endsWith('seriesReach') ? '{series}: {dataset}' : k), phaseLabel: (p) => `P${p}` });

// Two publishers' futures 4.5 EUR/t apart over the same months (2009 and 2016), and a third
// series known only from shipped months (2020).
const DAYS = [
  day('alpha', '2009-03-02', 10),
  day('alpha', '2009-03-03', 12),
  day('alpha', '2016-05-02', 6),
  day('beta', '2009-03-02', 14.5),
  day('beta', '2016-05-02', 10.5),
  day('beta', '2016-06-01', 11),
];

let shipped: Data;
beforeAll(async () => {
  shipped = await shippedData();
});

describe('Figures 1–4: the EUA price through the phases, every series on its own', () => {
  it("draws each publisher's series as its own labelled line, month by month, never spliced", () => {
    const data = withRows(shipped, { 'market-daily': () => DAYS, 'market-monthly': () => [] });
    const chart = build('eua-series', data)!;
    const bySeries = new Map<string, typeof chart.datasets.table>();
    for (const r of chart.datasets.table) bySeries.set(r.series as string, [...(bySeries.get(r.series as string) ?? []), r]);
    // Labelled by series id; the description names each series' publisher (sources.csv).
    const publisher = shipped.sources.find((s) => s.id === 'paper')!.publisher;
    expect([...bySeries.keys()]).toEqual(['alpha', 'beta']);
    expect(chart.placeholders.series).toContain(`${publisher} (alpha)`);
    // Each line's months are its own rows' means: March 2009 is 11 for one and 14.5 for the other.
    expect(bySeries.get('alpha')!.map((r) => [r.month, r.mean])).toEqual([
      ['2009-03', 11],
      ['2016-05', 6],
    ]);
    expect(bySeries.get('beta')!.map((r) => [r.month, r.mean])).toEqual([
      ['2009-03', 14.5],
      ['2016-05', 10.5],
      ['2016-06', 11],
    ]);
  });

  it('states the phases no series reaches, from phases.csv and the data', () => {
    const chart = build('eua-series', withRows(shipped, { 'market-daily': () => DAYS, 'market-monthly': () => [] }))!;
    expect(chart.placeholders.gap).toBe('charts.eua-series-part.gap');
    const first = shipped.phases.filter((p) => p.market === 'eu-ets').sort((a, b) => a.phase - b.phase)[0]!;
    // The shading starts with the phase that has no prices, so the gap shows.
    expect(chart.datasets.phases![0]).toMatchObject({ label: `P${first.phase}`, start: first.start_year });
    // With a price in that phase, no gap is stated.
    const withFirst = withRows(shipped, {
      'market-daily': () => [...DAYS, day('alpha', `${first.start_year}-06-01`, 20), day('alpha', `${first.start_year}-06-02`, 21)],
      'market-monthly': () => [],
    });
    expect(build('eua-series', withFirst)!.placeholders.gap).toBe('');
  });

  it('draws from the shipped monthly aggregates where data/ has no daily rows, the same as from the days', () => {
    const fromDays = build('eua-series', withRows(shipped, { 'market-daily': () => DAYS, 'market-monthly': () => [] }))!;
    const fromMonths = build('eua-series', withRows(shipped, { 'market-daily': () => [], 'market-monthly': () => marketMonthly(DAYS) }))!;
    expect(fromMonths.datasets.table).toEqual(fromDays.datasets.table);
    expect(fromDays.placeholders.series).toContain('(alpha): charts.eua-series-part.dataset.market-daily');
    expect(fromMonths.placeholders.series).toContain('(alpha): charts.eua-series-part.dataset.market-monthly');
  });

  it('is absent without daily or monthly prices', () => {
    expect(build('eua-series', withRows(shipped, { 'market-daily': () => [], 'market-monthly': () => [] }))).toBeNull();
  });
});

describe('Figure 5: auction revenue and average price per year, from the reports', () => {
  // 2022: the shipped total (EEA) is 38.8 bn EUR; these auctions sum to exactly that, one cancelled.
  const AUCTIONS = [
    auction('2022-01-04', 'EUA', 80, 300e6),
    auction('2022-06-01', 'EUA', 90, 160e6),
    auction('2022-07-01', 'EUAA', 100, 4e6),
    auction('2022-08-01', 'EUA', null, 1e6),
    auction('2021-03-01', 'EUA', 40, 1e6, 'Reports of one platform only.'),
  ];

  it("sums every allowance type's revenue per year and weights the EUA price by volume", () => {
    const data = withRows(shipped, { auctions: () => AUCTIONS });
    const chart = build('auction-years', data)!;
    const y2022 = chart.datasets.table.find((r) => r.year === 2022)!;
    const sum = AUCTIONS.filter((a) => a.date.startsWith('2022')).reduce((s, a) => s + (a.revenue ?? 0), 0);
    expect(y2022.revenue).toBe(Number((sum / 1e9).toFixed(2)));
    expect(y2022.price).toBeCloseTo((80 * 300e6 + 90 * 160e6) / 460e6, 2);
    expect(y2022.auctions).toBe(3);
    // The rows' own note says what the reports leave out.
    expect(chart.placeholders.notes).toBe('charts.auction-years-part.notes');
  });

  it("reconciles a stated year's revenue with the reports, which can only refute it from below", () => {
    const findings = computeMetrics(withRows(shipped, { auctions: () => AUCTIONS })).reconciliation.findings;
    expect(findings.find((f) => f.id === 'facts/eu-auction-revenue-2022/auctions')).toMatchObject({ verdict: 'agrees', recomputed: 38.8e9 });
    // 2021: 40 M EUR in these reports against a stated 31 bn: less, so no verdict either way.
    expect(findings.find((f) => f.id === 'facts/eu-auction-revenue-2021/auctions')).toMatchObject({
      verdict: 'cannot-recompute',
      because: { kind: 'platforms' },
    });
    // More than the claim would refute it.
    const more = computeMetrics(withRows(shipped, { auctions: () => [...AUCTIONS, auction('2022-09-01', 'EUA', 80, 100e6)] })).reconciliation.findings;
    expect(more.find((f) => f.id === 'facts/eu-auction-revenue-2022/auctions')!.verdict).toBe('disagrees');
  });
});

describe("China's national market and its pilots from shipped data", () => {
  const cn = (date: string, close: number, volume: number): DailyRow => ({
    ...day('wind', date, close),
    market: 'cn-ets',
    instrument: 'exchange',
    currency: 'CNY',
    volume,
  });
  const DAYS_CN = [cn('2021-07-16', 51.23, 4e6), cn('2021-07-30', 56.97, 1e5), cn('2021-08-02', 55, 0), cn('2021-08-31', 47, 2e5)];

  it("draws each month's last trading close where data/ has months but no days", () => {
    const data = withRows(shipped, { 'market-daily': () => [], 'market-monthly': () => marketMonthly(DAYS_CN) });
    const chart = build('cn-daily', data)!;
    // The last day with trades in each month: 30 July (56.97) and 31 August (47), not the no-trade 2 August.
    expect(chart.datasets.table.map((r) => [r.date, r.close])).toEqual([
      ['2021-07-30', 56.97],
      ['2021-08-31', 47],
    ]);
    expect(chart.placeholders.monthly).toBe('charts.cn-daily-part.monthly');
  });

  it('is absent with neither days nor months', () => {
    expect(build('cn-daily', withRows(shipped, { 'market-daily': () => [], 'market-monthly': () => [] }))).toBeNull();
  });
});

describe('Figure 6: verified emissions, against the years the paper shows', () => {
  it("names the paper's years and the ones the data lack, from facts.csv and emissions.csv", () => {
    const chart = buildChart('emissions', shipped, {
      t: (k) => (k.endsWith('paperMissing') ? '{from}-{to} lacks {missing}; comparable to {comparableTo}' : k),
    })!;
    const claim = shipped.facts.find((f) => f.id === 'eu-verified-trend')!;
    const last = Math.max(...shipped.emissions.filter((r) => r.coverage !== 'eu-2013-no-uk').map((r) => r.year));
    const lastComparable = Math.max(...shipped.emissions.filter((r) => r.coverage === 'eu-2013-no-uk').map((r) => r.year));
    const missing = Array.from({ length: +claim.period_end!.slice(0, 4) - last }, (_, i) => last + 1 + i);
    expect(missing.length).toBeGreaterThan(0);
    expect(chart.placeholders.paper).toBe(
      `${claim.period_start!.slice(0, 4)}-${claim.period_end!.slice(0, 4)} lacks ${missing.join(', ')}; comparable to ${lastComparable}`,
    );
  });
});
