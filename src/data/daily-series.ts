import type { Data } from './datasets/index.js';
import { dayNumber } from './dates.js';
import { sourceIds } from './source-ids.js';

type DailyRow = Data['market-daily'][number];

/** One trading day as a chart draws it. */
export interface DailyPoint {
  readonly date: string;
  readonly close: number;
  /** The day's low and high, or its close where the file has no range. */
  readonly low: number;
  readonly high: number;
  readonly volume: number | null;
}

/**
 * A market's daily series (one instrument and series), reduced to what a chart can show: at most
 * `maxBuckets` spans of consecutive days, each represented by its first and last day and the days
 * of its lowest and highest close, lowest low and highest high. Every extreme of the whole series
 * is therefore kept, and a chart's size no longer depends on how many rows the file has.
 */
export interface DailySeries {
  readonly market: string;
  readonly instrument: string;
  /** The publisher's series (market-daily's `series`): one series is never spliced with another. */
  readonly series: string;
  readonly currency: string;
  /** Rows in the series, all of them, and the days they span. */
  readonly rows: number;
  readonly first: string;
  readonly last: string;
  /** Days per bucket: 1 while the series is short enough to keep every day. */
  readonly daysPerBucket: number;
  readonly points: readonly DailyPoint[];
  readonly sources: readonly string[];
}

/** The rows standing for one bucket (rows are kept by reference, not copied: at most six a bucket). */
interface Bucket {
  first: DailyRow;
  last: DailyRow;
  minClose: DailyRow;
  maxClose: DailyRow;
  minLow: DailyRow;
  maxHigh: DailyRow;
}

/** Buckets per series by default: one per four pixel columns of a chart 640 px wide. */
export const DEFAULT_MAX_BUCKETS = 160;

interface SeriesState {
  market: string;
  instrument: string;
  series: string;
  currency: string;
  rows: number;
  first: string;
  last: string;
  origin: number;
  span: number;
  buckets: Map<number, Bucket>;
  sources: Set<string>;
}

/**
 * Builds DailySeries from rows in any order, in memory that does not grow with the rows: when a
 * series has more buckets than allowed, neighbouring buckets merge and the span doubles.
 */
export class DailySeriesBuilder {
  private readonly series = new Map<string, Map<string, SeriesState>>();

  constructor(private readonly maxBuckets = DEFAULT_MAX_BUCKETS) {}

  add(row: DailyRow): void {
    let byInstrument = this.series.get(row.market);
    if (!byInstrument) {
      byInstrument = new Map();
      this.series.set(row.market, byInstrument);
    }
    const key = `${row.instrument}\u0000${row.series}`;
    let s = byInstrument.get(key);
    const day = dayNumber(row.date);
    if (!s) {
      s = {
        market: row.market,
        instrument: row.instrument,
        series: row.series,
        currency: row.currency,
        rows: 0,
        first: row.date,
        last: row.date,
        origin: day,
        span: 1,
        buckets: new Map(),
        sources: new Set(),
      };
      byInstrument.set(key, s);
    }
    s.rows++;
    if (row.date < s.first) s.first = row.date;
    if (row.date > s.last) s.last = row.date;
    if (!s.sources.has(row.source)) {
      for (const id of sourceIds(row.source)) s.sources.add(id);
    }
    const index = Math.floor((day - s.origin) / s.span);
    const bucket = s.buckets.get(index);
    if (bucket) merge(bucket, row);
    else s.buckets.set(index, { first: row, last: row, minClose: row, maxClose: row, minLow: row, maxHigh: row });
    while (s.buckets.size > this.maxBuckets) {
      // Twice the days per bucket: buckets 2k and 2k+1 become bucket k.
      const merged = new Map<number, Bucket>();
      for (const [i, b] of s.buckets) {
        const into = merged.get(Math.floor(i / 2));
        if (into) mergeBucket(into, b);
        else merged.set(Math.floor(i / 2), b);
      }
      s.buckets = merged;
      s.span *= 2;
    }
  }

  build(): DailySeries[] {
    return [...this.series.values()]
      .flatMap((m) => [...m.values()])
      .map((s) => {
        const points: DailyPoint[] = [];
        for (const i of [...s.buckets.keys()].sort((a, b) => a - b)) {
          const b = s.buckets.get(i)!;
          const picks = [...new Set([b.first, b.minClose, b.maxClose, b.minLow, b.maxHigh, b.last])].sort((x, y) => x.date.localeCompare(y.date));
          for (const r of picks) points.push({ date: r.date, close: r.close, low: low(r), high: high(r), volume: r.volume });
        }
        return {
          market: s.market,
          instrument: s.instrument,
          series: s.series,
          currency: s.currency,
          rows: s.rows,
          first: s.first,
          last: s.last,
          daysPerBucket: s.span,
          points,
          sources: [...s.sources].sort(),
        };
      });
  }
}

const low = (r: DailyRow) => r.low ?? r.close;
const high = (r: DailyRow) => r.high ?? r.close;

function merge(b: Bucket, r: DailyRow): void {
  if (r.date < b.first.date) b.first = r;
  if (r.date > b.last.date) b.last = r;
  if (r.close < b.minClose.close) b.minClose = r;
  if (r.close > b.maxClose.close) b.maxClose = r;
  if (low(r) < low(b.minLow)) b.minLow = r;
  if (high(r) > high(b.maxHigh)) b.maxHigh = r;
}

function mergeBucket(into: Bucket, b: Bucket): void {
  for (const r of [b.first, b.last, b.minClose, b.maxClose, b.minLow, b.maxHigh]) merge(into, r);
}

/** The series of rows already in memory (the usual, small case). */
export function dailySeriesOf(rows: Iterable<DailyRow>, maxBuckets = DEFAULT_MAX_BUCKETS): DailySeries[] {
  const builder = new DailySeriesBuilder(maxBuckets);
  for (const row of rows) builder.add(row);
  return builder.build();
}

/** One candidate series of a market: its instrument, its series id and how many rows it has. */
export interface SeriesChoice {
  readonly instrument: string;
  readonly series: string;
  readonly rows: number;
}

/**
 * Of a market's daily series, the one its figures use: exchange trading where there is any, else
 * futures settlements; among those, the series with the most rows, and on a tie the first series
 * id in alphabetical order. One rule, deterministic whatever the rows' order, used by metrics and
 * charts alike, which both name the series they used: two publishers' series (different
 * contracts or rolls) are never spliced.
 */
export function preferredChoice<C extends SeriesChoice>(candidates: readonly C[]): C | undefined {
  const rank = (c: SeriesChoice) => (c.instrument === 'exchange' ? 0 : 1);
  return [...candidates].sort((a, b) => rank(a) - rank(b) || b.rows - a.rows || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0))[0];
}

/** The series a market's charts draw (see preferredChoice). */
export function preferredSeries(series: readonly DailySeries[], market: string): DailySeries | undefined {
  return preferredChoice(series.filter((s) => s.market === market));
}
