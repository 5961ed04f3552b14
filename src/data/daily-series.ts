import type { Data } from './datasets/index.js';
import { dayNumber } from './row-checks.js';

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
 * A market's daily series (one instrument), reduced to what a chart can show: at most
 * `maxBuckets` spans of consecutive days, each represented by its first and last day and the days
 * of its lowest and highest close, lowest low and highest high. Every extreme of the whole series
 * is therefore kept, and a chart's size no longer depends on how many rows the file has.
 */
export interface DailySeries {
  readonly market: string;
  readonly instrument: string;
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

interface Pick {
  day: number;
  point: DailyPoint;
}

interface Bucket {
  first: Pick;
  last: Pick;
  minClose: Pick;
  maxClose: Pick;
  minLow: Pick;
  maxHigh: Pick;
}

/** Buckets per series by default: one per four pixel columns of a chart 640 px wide. */
export const DEFAULT_MAX_BUCKETS = 160;

/**
 * Builds DailySeries from rows in any order, in memory that does not grow with the rows: when a
 * series has more buckets than allowed, neighbouring buckets merge and the span doubles.
 */
export class DailySeriesBuilder {
  private readonly series = new Map<string, { market: string; instrument: string; currency: string; rows: number; first: string; last: string; origin: number; span: number; buckets: Map<number, Bucket>; sources: Set<string> }>();

  constructor(private readonly maxBuckets = DEFAULT_MAX_BUCKETS) {}

  add(row: DailyRow): void {
    const id = `${row.market}/${row.instrument}`;
    let s = this.series.get(id);
    const day = dayNumber(row.date);
    if (!s) {
      s = { market: row.market, instrument: row.instrument, currency: row.currency, rows: 0, first: row.date, last: row.date, origin: day, span: 1, buckets: new Map(), sources: new Set() };
      this.series.set(id, s);
    }
    s.rows++;
    if (row.date < s.first) s.first = row.date;
    if (row.date > s.last) s.last = row.date;
    if (row.source.includes(';')) for (const id of row.source.split(';')) s.sources.add(id.trim());
    else s.sources.add(row.source);
    const pick: Pick = { day, point: { date: row.date, close: row.close, low: row.low ?? row.close, high: row.high ?? row.close, volume: row.volume } };
    const index = Math.floor((day - s.origin) / s.span);
    const bucket = s.buckets.get(index);
    if (bucket) merge(bucket, pick);
    else s.buckets.set(index, { first: pick, last: pick, minClose: pick, maxClose: pick, minLow: pick, maxHigh: pick });
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
    return [...this.series.values()].map((s) => {
      const points: DailyPoint[] = [];
      for (const i of [...s.buckets.keys()].sort((a, b) => a - b)) {
        const b = s.buckets.get(i)!;
        const picks = [...new Set([b.first, b.minClose, b.maxClose, b.minLow, b.maxHigh, b.last])].sort((x, y) => x.day - y.day);
        for (const p of picks) points.push(p.point);
      }
      return {
        market: s.market, instrument: s.instrument, currency: s.currency, rows: s.rows, first: s.first, last: s.last,
        daysPerBucket: s.span, points, sources: [...s.sources].sort(),
      };
    });
  }
}

/** The series of rows already in memory (the usual, small case). */
export function dailySeriesOf(rows: Iterable<DailyRow>, maxBuckets = DEFAULT_MAX_BUCKETS): DailySeries[] {
  const builder = new DailySeriesBuilder(maxBuckets);
  for (const row of rows) builder.add(row);
  return builder.build();
}

/** The series a market's charts draw: its exchange series, else its futures (as metrics choose). */
export function preferredSeries(series: readonly DailySeries[], market: string): DailySeries | undefined {
  const own = series.filter((s) => s.market === market);
  return own.find((s) => s.instrument === 'exchange') ?? own[0];
}

function merge(b: Bucket, p: Pick): void {
  if (p.day < b.first.day) b.first = p;
  if (p.day > b.last.day) b.last = p;
  if (p.point.close < b.minClose.point.close) b.minClose = p;
  if (p.point.close > b.maxClose.point.close) b.maxClose = p;
  if (p.point.low < b.minLow.point.low) b.minLow = p;
  if (p.point.high > b.maxHigh.point.high) b.maxHigh = p;
}

function mergeBucket(into: Bucket, b: Bucket): void {
  for (const p of [b.first, b.last, b.minClose, b.maxClose, b.minLow, b.maxHigh]) merge(into, p);
}
