import type { Data } from '../datasets/index.js';
import { byKey, citedSources, groupBy, tidy } from './numbers.js';

type DailyRow = Data['market-daily'][number];
export type MonthlyRow = Data['market-monthly'][number];

const SEP = '\u0000';
const seriesKey = (r: { market: string; instrument: string; series: string }) => `${r.market}${SEP}${r.instrument}${SEP}${r.series}`;

/**
 * Daily rows aggregated per market, instrument, series and calendar month (market-monthly). Price
 * statistics are over trading days: days with volume above zero in a series whose rows state
 * volumes (WIND repeats the last price on a day without trades), every priced day in one that does
 * not; whether a series states volumes is decided over the rows given. Pure, and independent of
 * the rows' order. The data build ships these for publishers whose daily rows may not be
 * redistributed, and metrics aggregate daily rows through it, so both give the same figures.
 */
export function marketMonthly(rows: Iterable<DailyRow>): MonthlyRow[] {
  const out: MonthlyRow[] = [];
  for (const [, series] of byKey(groupBy(rows, seriesKey))) {
    const statesVolumes = series.some((r) => r.volume !== null);
    const traded = (r: DailyRow) => (statesVolumes ? (r.volume ?? 0) > 0 : true);
    for (const [month, days] of byKey(groupBy(series, (r) => r.date.slice(0, 7)))) {
      out.push(
        monthOf(
          month,
          days.sort((a, b) => (a.date < b.date ? -1 : 1)),
          days.filter(traded),
        ),
      );
    }
  }
  return out;
}

/** One month of one series: `days` sorted by date, `trading` those of them with trades. */
function monthOf(month: string, days: readonly DailyRow[], trading: readonly DailyRow[]): MonthlyRow {
  const first = days[0]!;
  const closes = trading.map((r) => r.close);
  const sum = (pick: (r: DailyRow) => number | null) => (days.some((r) => pick(r) !== null) ? tidy(days.reduce((s, r) => s + (pick(r) ?? 0), 0)) : null);
  const none = trading.length === 0;
  return {
    market: first.market,
    instrument: first.instrument,
    series: first.series,
    month,
    days: days.length,
    trading_days: trading.length,
    first_date: first.date,
    last_date: days.at(-1)!.date,
    first_close: none ? null : trading[0]!.close,
    last_close: none ? null : trading.at(-1)!.close,
    min_close: none ? null : Math.min(...closes),
    max_close: none ? null : Math.max(...closes),
    mean_close: none ? null : tidy(closes.reduce((s, x) => s + x, 0) / closes.length),
    low: none ? null : Math.min(...trading.map((r) => r.low ?? r.close)),
    high: none ? null : Math.max(...trading.map((r) => r.high ?? r.close)),
    volume: sum((r) => r.volume),
    turnover: sum((r) => r.turnover),
    currency: first.currency,
    source: citedSources(days),
    note: null,
  };
}

/** Months of one series taken together: what a window of them shows. */
export interface MonthsSummary {
  readonly months: number;
  readonly tradingDays: number;
  readonly first: string;
  readonly last: string;
  /** Lowest and highest trading-day close, and the mean close weighted by trading days. */
  readonly minClose: number | null;
  readonly maxClose: number | null;
  readonly meanClose: number | null;
  readonly volume: number | null;
  readonly turnover: number | null;
}

/**
 * Months of one series combined, as the daily rows of those months would give: sums of days,
 * volumes and turnover; the extremes of the months' extremes; the mean weighted by trading days.
 * Undefined for no months.
 */
export function combineMonths(months: readonly MonthlyRow[]): MonthsSummary | undefined {
  if (months.length === 0) return undefined;
  const traded = months.filter((m) => m.trading_days > 0);
  const tradingDays = traded.reduce((n, m) => n + m.trading_days, 0);
  const sum = (pick: (m: MonthlyRow) => number | null) => (months.some((m) => pick(m) !== null) ? tidy(months.reduce((s, m) => s + (pick(m) ?? 0), 0)) : null);
  return {
    months: months.length,
    tradingDays,
    first: months.map((m) => m.first_date).reduce((a, b) => (a < b ? a : b)),
    last: months.map((m) => m.last_date).reduce((a, b) => (a > b ? a : b)),
    minClose: traded.length ? Math.min(...traded.map((m) => m.min_close!)) : null,
    maxClose: traded.length ? Math.max(...traded.map((m) => m.max_close!)) : null,
    meanClose: traded.length ? tidy(traded.reduce((s, m) => s + m.mean_close! * m.trading_days, 0) / tradingDays) : null,
    volume: sum((m) => m.volume),
    turnover: sum((m) => m.turnover),
  };
}
