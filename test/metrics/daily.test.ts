import { describe, expect, it } from 'vitest';
import type { Data } from '../../src/data/datasets/index.js';
import { dailyStats } from '../../src/metrics/daily.js';
import { dailyRow } from '../support/rows.js';
import { shippedData, withRows } from './helpers.js';

type DailyRow = Data['market-daily'][number];
const day = (series: string, date: string, close: number) => dailyRow(series, date, close);
const window = { start: '2023-01-01', end: '2023-12-31' };

describe('daily statistics use one series per market, and say which', () => {
  it("takes the series with most rows in the window and never mixes in another publisher's prices", async () => {
    // Two publishers' EUA futures differing by 4.5 EUR/t: a splice would give a low of 80 and a high of 90.5.
    const rows = [
      day('investing-eua-yearly', '2023-03-01', 86),
      day('investing-eua-yearly', '2023-03-02', 90.5),
      day('investing-cn-carbon', '2023-03-01', 81.5),
      day('investing-cn-carbon', '2023-03-02', 86),
      day('investing-cn-carbon', '2023-03-03', 80),
    ];
    const data = withRows(await shippedData(), { 'market-daily': () => rows });
    const stats = dailyStats(data, 'eu-ets', window)!;
    expect([stats.low.value, stats.high.value]).toEqual([80, 86]);
    expect(stats.low.method).toContain('series investing-cn-carbon');
    expect(stats.low.inputs[0]!.rows[0]).toMatch(/^eu-ets\/futures\/investing-cn-carbon\//);
    // The same rows in another order: the same choice.
    const reversed = withRows(data, { 'market-daily': (r) => [...r].reverse() });
    expect(dailyStats(reversed, 'eu-ets', window)!.high.value).toBe(86);
  });
});

describe("the paper's highs and lows against daily closes over the claim's own dates", () => {
  // eu-2020-low: about 15 EUR/t in the first half of 2020 (shipped facts.csv).
  const finding = async (rows: DailyRow[]) => {
    const { computeMetrics } = await import('../../src/metrics/index.js');
    return computeMetrics(withRows(await shippedData(), { 'market-daily': () => rows, 'market-monthly': () => [] })).reconciliation.findings.find(
      (f) => f.id === 'facts/eu-2020-low/daily',
    );
  };
  const year2020 = (lowest: number) => [day('s', '2020-01-02', 24), day('s', '2020-03-18', lowest), day('s', '2020-06-30', 26)];

  it('agrees when the lowest close over the whole period rounds to the claim', async () => {
    expect(await finding(year2020(15.24))).toMatchObject({ verdict: 'agrees', recomputed: 15.24 });
    expect(await finding(year2020(12.5))).toMatchObject({ verdict: 'disagrees', recomputed: 12.5 });
  });

  it('only refutes from a series that misses part of the period', async () => {
    const partial = (lowest: number) => year2020(lowest).filter((r) => r.date < '2020-04-01');
    expect(await finding(partial(15.24))).toMatchObject({ verdict: 'cannot-recompute', because: { kind: 'partial' } });
    expect(await finding(partial(12.5))).toMatchObject({ verdict: 'disagrees' });
    // A higher low in part of the year says nothing: the missing days may hold the low.
    expect(await finding(partial(19))).toMatchObject({ verdict: 'cannot-recompute' });
  });
});
