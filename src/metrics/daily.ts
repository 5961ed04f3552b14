import { preferredChoice } from '../data/daily-series.js';
import type { Data } from '../data/datasets/index.js';
import { combineMonths, marketMonthly, type MonthlyRow } from '../data/aggregates/market-monthly.js';
import { daysBetween } from '../data/dates.js';
import { metric, sourcesOf, unavailable, type Metric, type Window } from './types.js';

export interface DailyStats {
  readonly market: string;
  readonly window: Window;
  /** Days in the window with trades (volume above zero; every priced day where volumes are absent). */
  readonly tradingDays: Metric;
  readonly volume: Metric;
  readonly turnover: Metric;
  readonly low: Metric;
  readonly high: Metric;
  readonly mean: Metric;
  /** Always unavailable: months keep no median, and daily and monthly data must give one answer. */
  readonly median: Metric;
}

/** The months a market's figures use over a window: one series, and the dataset they came from. */
export interface SeriesMonths {
  readonly instrument: string;
  readonly series: string;
  readonly dataset: 'market-daily' | 'market-monthly';
  readonly months: readonly MonthlyRow[];
}

/**
 * A market's trading in a window, month by month, of one series: its preferred one (exchange over
 * futures, then the most days; see preferredChoice). Daily rows in the window are aggregated with
 * marketMonthly, the function the data build ships market-monthly with; where a series has no
 * daily rows, its shipped months lying wholly in the window are used. So the same figures come
 * from imported days and from shipped months. Series are never mixed.
 */
export function seriesMonths(data: Data, market: string, window: Window): SeriesMonths | undefined {
  const chosen = preferredChoice(everySeriesMonths(data, market, window).map((c) => ({ ...c, rows: c.months.reduce((n, m) => n + m.days, 0) })));
  return chosen && { instrument: chosen.instrument, series: chosen.series, dataset: chosen.dataset, months: chosen.months };
}

/**
 * Every series of a market in a window, month by month (daily rows aggregated with marketMonthly;
 * a series' shipped months where it has no daily rows), sorted by instrument and series: for a
 * chart that draws each publisher's series, labelled, side by side and never spliced.
 */
export function everySeriesMonths(data: Data, market: string, window: Window = { start: '0000-01-01', end: '9999-12-31' }): SeriesMonths[] {
  const inWindow = data['market-daily'].filter((r) => r.market === market && r.date >= window.start && r.date <= window.end);
  const candidates = new Map<string, SeriesMonths>();
  const key = (m: MonthlyRow) => `${m.instrument}\u0000${m.series}`;
  const add = (rows: readonly MonthlyRow[], dataset: SeriesMonths['dataset']) => {
    for (const m of rows) {
      const k = key(m);
      const c = candidates.get(k) ?? { instrument: m.instrument, series: m.series, dataset, months: [] };
      if (c.dataset !== dataset) continue; // daily rows of a series win over its shipped months
      candidates.set(k, { ...c, months: [...c.months, m] });
    }
  };
  add(marketMonthly(inWindow), 'market-daily');
  add(
    data['market-monthly'].filter((m) => m.market === market && m.first_date >= window.start && m.last_date <= window.end),
    'market-monthly',
  );
  return [...candidates.values()].sort((a, b) => (`${a.instrument}\u0000${a.series}` < `${b.instrument}\u0000${b.series}` ? -1 : 1));
}

/** Statistics of daily trading over a window, or null when data/ has no daily or monthly rows for it. */
export function dailyStats(data: Data, market: string, window: Window): DailyStats | null {
  const chosen = seriesMonths(data, market, window);
  const summary = chosen && combineMonths(chosen.months);
  if (!chosen || !summary) return null;
  const currency = chosen.months[0]!.currency;
  // Named in every method: which instrument and which publisher's series the figures come from.
  const instrument = `${chosen.instrument} (series ${chosen.series})`;
  const days = chosen.months.reduce((n, m) => n + m.days, 0);
  const inputs = [{ dataset: chosen.dataset, rows: [`${market}/${chosen.instrument}/${chosen.series}/${summary.first}…${summary.last} (${days} days)`] }];
  // Sorted, each once: the order captions cite them in, whichever month names a source first.
  const sources = [...new Set(sourcesOf(chosen.months))].sort();
  // Complete when the rows reach both ends of the window, a week's slack for closed days.
  const slack = (a: string, b: string) => daysBetween(a, b) <= 7;
  const coverage = { first: summary.first, last: summary.last, complete: slack(window.start, summary.first) && slack(summary.last, window.end) };
  const make = (value: number | null, unit: string, method: string, missing?: string): Metric =>
    value === null
      ? unavailable(unit, method, missing ?? 'not in the daily rows', window)
      : metric({ value, unit, period: window, method, inputs, sources, coverage });
  return {
    market,
    window,
    tradingDays: make(summary.tradingDays, 'days', `days with trades in the daily ${instrument} data`),
    volume: make(summary.volume, 't', `sum of daily ${instrument} volumes`, 'the daily rows have no volumes'),
    turnover: make(summary.turnover, currency, `sum of daily ${instrument} turnover`, 'the daily rows have no turnover'),
    low: make(summary.minClose, `${currency}/t`, `lowest daily ${instrument} close on a trading day`),
    high: make(summary.maxClose, `${currency}/t`, `highest daily ${instrument} close on a trading day`),
    mean: make(summary.meanClose, `${currency}/t`, `mean of daily ${instrument} closes on trading days`),
    median: unavailable(
      `${currency}/t`,
      `median of daily ${instrument} closes`,
      'not computed: monthly aggregates (what data/ ships for most series) keep no median, and figures from daily and monthly data must agree',
      window,
    ),
  };
}

/** From the market's launch to the last day its daily (or monthly) data reaches: the latest window data allows. */
export function latestWindow(data: Data, market: string): Window | null {
  const launch = data.markets.find((m) => m.id === market)?.launch_date;
  const dates = [
    ...data['market-daily'].filter((r) => r.market === market).map((r) => r.date),
    ...data['market-monthly'].filter((m) => m.market === market).map((m) => m.last_date),
  ];
  const last = dates.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
  return launch && last && last >= launch ? { start: launch, end: last } : null;
}
