import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailySeriesOf, preferredSeries } from '../../src/data/daily-series.js';
import type { Data } from '../../src/data/datasets/index.js';
import { dayNumber } from '../../src/data/dates.js';

type Row = Data['market-daily'][number];

const iso = (day: number) => new Date(day * 864e5).toISOString().slice(0, 10);
const row = (day: number, close: number, extra: Partial<Row> = {}): Row => ({
  market: 'eu-ets',
  instrument: 'futures',
  series: 'test',
  date: iso(day),
  close,
  open: null,
  high: close + 1,
  low: close - 1,
  volume: 10,
  turnover: null,
  currency: 'EUR',
  source: 'paper',
  note: null,
  ...extra,
});

describe('dailySeriesOf', () => {
  it('keeps every day of a short series, in date order', () => {
    const rows = [row(3, 12), row(1, 10), row(2, 11)];
    const [s] = dailySeriesOf(rows);
    expect(s!.daysPerBucket).toBe(1);
    expect(s!.points.map((p) => [p.date, p.close])).toEqual([
      [iso(1), 10],
      [iso(2), 11],
      [iso(3), 12],
    ]);
    expect(s).toMatchObject({ rows: 3, first: iso(1), last: iso(3), sources: ['paper'] });
  });

  it('bounds a long series and keeps its first and last days and every extreme, in any row order', () => {
    const series = fc.array(fc.record({ close: fc.double({ min: 1, max: 500, noNaN: true }), spread: fc.double({ min: 0, max: 20, noNaN: true }) }), {
      minLength: 1,
      maxLength: 3000,
    });
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 40 }), fc.boolean(), (values, buckets, reversed) => {
        const rows = values.map((v, i) => row(10_000 + i, v.close, { high: v.close + v.spread, low: v.close - v.spread }));
        const [s] = dailySeriesOf(reversed ? [...rows].reverse() : rows, buckets);
        const points = s!.points;
        expect(points.length).toBeLessThanOrEqual(buckets * 6);
        expect(points.map((p) => p.date)).toEqual([...points.map((p) => p.date)].sort());
        expect(points[0]!.date).toBe(rows[0]!.date);
        expect(points.at(-1)!.date).toBe(rows.at(-1)!.date);
        expect(Math.max(...points.map((p) => p.close))).toBe(Math.max(...rows.map((r) => r.close)));
        expect(Math.min(...points.map((p) => p.close))).toBe(Math.min(...rows.map((r) => r.close)));
        expect(Math.max(...points.map((p) => p.high))).toBe(Math.max(...rows.map((r) => r.high!)));
        expect(Math.min(...points.map((p) => p.low))).toBe(Math.min(...rows.map((r) => r.low!)));
        expect(s!.rows).toBe(rows.length);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps series apart and prefers the exchange series of a market', () => {
    const series = dailySeriesOf([row(1, 10), row(1, 50, { instrument: 'exchange' }), row(1, 7, { market: 'cn-ets', currency: 'CNY' })]);
    expect(series).toHaveLength(3);
    expect(preferredSeries(series, 'eu-ets')!.instrument).toBe('exchange');
    expect(preferredSeries(series, 'cn-ets')!.points[0]!.close).toBe(7);
    expect(preferredSeries(series, 'uk-ets')).toBeUndefined();
  });

  it("never splices two publishers' series: each is its own, and the one with most rows is drawn, whatever the order", () => {
    const rows = [
      row(1, 70, { series: 'investing-eua-yearly' }),
      row(2, 71, { series: 'investing-eua-yearly' }),
      row(3, 72, { series: 'investing-eua-yearly' }),
      row(1, 66, { series: 'investing-cn-carbon' }),
      row(2, 67, { series: 'investing-cn-carbon' }),
      row(3, 68, { series: 'investing-cn-carbon' }),
      row(4, 30, { series: 'ets-watch' }),
    ];
    for (const ordered of [rows, [...rows].reverse()]) {
      const series = dailySeriesOf(ordered);
      expect(series.map((s) => [s.series, s.rows]).sort()).toEqual([
        ['ets-watch', 1],
        ['investing-cn-carbon', 3],
        ['investing-eua-yearly', 3],
      ]);
      // A tie in rows goes to the first id in alphabetical order; no point of another series is drawn.
      const chosen = preferredSeries(series, 'eu-ets')!;
      expect(chosen.series).toBe('investing-cn-carbon');
      expect(chosen.points.map((p) => p.close)).toEqual([66, 67, 68]);
    }
  });
});

describe('dayNumber', () => {
  it('counts days from 1970-01-01 for any year 0001-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const d = new Date(day * 864e5);
        const text = `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
        expect(dayNumber(text)).toBe(day);
      }),
      { numRuns: 5000 },
    );
  });
});
