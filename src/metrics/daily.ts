import { preferredChoice } from '../data/daily-series.js';
import type { Data } from '../data/datasets/index.js';
import { metric, sourcesOf, unavailable, type Metric, type Window } from './types.js';

type DailyRow = Data['market-daily'][number];

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
  readonly median: Metric;
}

/**
 * The market's daily rows in the window, of one series: its preferred one in the window (exchange
 * over futures, then the most rows; see preferredChoice). Series are never mixed.
 */
export function dailyRows(data: Data, market: string, window: Window): DailyRow[] {
  const bySeries = new Map<string, { instrument: string; series: string; rows: DailyRow[] }>();
  for (const r of data['market-daily']) {
    if (r.market !== market || r.date < window.start || r.date > window.end) continue;
    const key = `${r.instrument}\u0000${r.series}`;
    const group = bySeries.get(key) ?? { instrument: r.instrument, series: r.series, rows: [] };
    group.rows.push(r);
    bySeries.set(key, group);
  }
  const chosen = preferredChoice([...bySeries.values()].map((group) => ({ instrument: group.instrument, series: group.series, rows: group.rows.length, group })));
  return (chosen?.group.rows ?? []).sort((a, b) => a.date.localeCompare(b.date));
}

/** Statistics of daily trading over a window, or null when data/ has no daily rows for it. */
export function dailyStats(data: Data, market: string, window: Window): DailyStats | null {
  const rows = dailyRows(data, market, window);
  if (rows.length === 0) return null;
  const currency = rows[0]!.currency;
  // Named in every method: which instrument and which publisher's series the figures come from.
  const instrument = `${rows[0]!.instrument} (series ${rows[0]!.series})`;
  const traded = rows.some((r) => r.volume !== null) ? rows.filter((r) => (r.volume ?? 0) > 0) : rows;
  const inputs = [{ dataset: 'market-daily' as const, rows: [`${market}/${rows[0]!.instrument}/${rows[0]!.series}/${rows[0]!.date}…${rows.at(-1)!.date} (${rows.length} rows)`] }];
  const sources = [...new Set(sourcesOf(rows))];
  // Complete when the rows reach both ends of the window, a week's slack for closed days.
  const slack = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 <= 7;
  const coverage = { first: rows[0]!.date, last: rows.at(-1)!.date, complete: slack(window.start, rows[0]!.date) && slack(rows.at(-1)!.date, window.end) };
  const make = (value: number | null, unit: string, method: string, missing?: string): Metric =>
    value === null ? unavailable(unit, method, missing ?? 'not in the daily rows', window) : metric({ value, unit, period: window, method, inputs, sources, coverage });
  const sum = (pick: (r: DailyRow) => number | null) => (rows.some((r) => pick(r) !== null) ? rows.reduce((s, r) => s + (pick(r) ?? 0), 0) : null);
  const closes = traded.map((r) => r.close).sort((a, b) => a - b);
  const mid = closes.length / 2;
  const median = closes.length === 0 ? null : closes.length % 2 ? closes[Math.floor(mid)]! : (closes[mid - 1]! + closes[mid]!) / 2;
  return {
    market, window,
    tradingDays: make(traded.length, 'days', `days with trades in the daily ${instrument} data`),
    volume: make(sum((r) => r.volume), 't', `sum of daily ${instrument} volumes`, 'the daily rows have no volumes'),
    turnover: make(sum((r) => r.turnover), currency, `sum of daily ${instrument} turnover`, 'the daily rows have no turnover'),
    low: make(closes[0] ?? null, `${currency}/t`, `lowest daily ${instrument} close on a trading day`),
    high: make(closes.at(-1) ?? null, `${currency}/t`, `highest daily ${instrument} close on a trading day`),
    mean: make(closes.length ? closes.reduce((s, x) => s + x, 0) / closes.length : null, `${currency}/t`, `mean of daily ${instrument} closes on trading days`),
    median: make(median, `${currency}/t`, `median of daily ${instrument} closes on trading days`),
  };
}

/** From the market's launch to the last day its daily data reaches: the latest window data allows. */
export function latestWindow(data: Data, market: string): Window | null {
  const launch = data.markets.find((m) => m.id === market)?.launch_date;
  const last = data['market-daily'].filter((r) => r.market === market).map((r) => r.date).sort().at(-1);
  return launch && last && last >= launch ? { start: launch, end: last } : null;
}
