import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../../src/data/datasets/index.js';
import { computeMetrics, msrAdjustment } from '../../src/metrics/index.js';
import { factRow, marketRow } from '../support/rows.js';
import { shippedData, withRows } from './helpers.js';

let data: Data;
beforeAll(async () => {
  data = await shippedData();
});

describe('invariance', () => {
  it('gives the same volume ratio whatever unit scales both volumes (t or Mt)', () => {
    const base = computeMetrics(data).volume.ratio.value!;
    fc.assert(
      fc.property(fc.constantFrom(1, 1e-3, 1e-6, 1e4, 1e8), (k) => {
        const scaled = withRows(data, {
          facts: (rows) => rows.map((f) => (f.indicator === 'traded-volume' && f.value !== null ? { ...f, value: f.value * k } : f)),
        });
        expect(computeMetrics(scaled).volume.ratio.value).toBeCloseTo(base, 9);
      }),
      { seed: 3, numRuns: 20 },
    );
  });

  it("gives the same price ratio whether China's band is stated in CNY or EUR", () => {
    const base = computeMetrics(data);
    const cnEur = base.prices.bands['cn-ets']!.converted.EUR!;
    const inEuro = withRows(data, {
      markets: (rows) => rows.map((m) => (m.id === 'cn-ets' ? { ...m, currency: 'EUR' as const } : m)),
      facts: (rows) =>
        rows.map((f) =>
          f.id === 'cn-price-band-low'
            ? { ...f, value: cnEur.low.value, unit: 'EUR/t' as const }
            : f.id === 'cn-price-band-high'
              ? { ...f, value: cnEur.high.value, unit: 'EUR/t' as const }
              : f,
        ),
    });
    expect(computeMetrics(inEuro).prices.ratio.value).toBeCloseTo(base.prices.ratio.value!, 9);
  });

  it("gives the same price ratio for any positive scaling of both currencies' rates (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), (k) => {
        // Revaluing EUR against CNY by k makes China's price in EUR k times smaller: the ratio k times larger.
        const revalued = withRows(data, { 'fx-rates': (rows) => rows.map((r) => (r.base === 'EUR' && r.quote === 'CNY' ? { ...r, rate: r.rate * k } : r)) });
        const a = computeMetrics(data).prices.ratio.value!;
        const b = computeMetrics(revalued).prices.ratio.value!;
        expect(b / k).toBeCloseTo(a, 6);
      }),
      { seed: 5, numRuns: 50 },
    );
  });

  it('is pure: the same data gives the same metrics, and the input is not modified', () => {
    const before = JSON.stringify(data);
    expect(JSON.stringify(computeMetrics(data))).toBe(JSON.stringify(computeMetrics(data)));
    expect(JSON.stringify(data)).toBe(before);
  });
});

describe('a third market, as rows only', () => {
  it('yields its metrics with no code change', () => {
    const year2015 = { period_start: '2015-01-01', period_end: '2015-12-31' };
    const withKorea = withRows(data, {
      markets: (rows) => [...rows, marketRow('kr-ets', { jurisdiction: 'KR', currency: 'KRW', launch_date: '2015-01-01', note: 'Test fixture.' })],
      facts: (rows) => [
        ...rows,
        factRow('kr-vol', { ...year2015, market: 'kr-ets', indicator: 'traded-volume', value: 5e6, unit: 't' }),
        factRow('kr-eu-vol', { ...year2015, market: 'eu-ets', indicator: 'traded-volume', value: 5e9, unit: 't' }),
        factRow('kr-entities', { ...year2015, market: 'kr-ets', indicator: 'entities', value: 500, unit: 'count' }),
      ],
    });
    const m = computeMetrics(withKorea, { subject: 'kr-ets', reference: 'eu-ets' });
    expect(m.comparison.window).toEqual({ start: '2015-01-01', end: '2015-12-31' });
    expect(m.volume.ratio.value).toBeCloseTo(0.1, 12);
    expect(m.coverage['kr-ets']!.entities.value).toBe(500);
    // No KRW rates in data/: the conversion says so instead of inventing one.
    expect(m.prices.bands['kr-ets']!.converted.EUR!.low.value).toBeNull();
  });
});

describe('Market Stability Reserve calculator', () => {
  it("takes the rate in force (24% from 2019: the paper's 12% was doubled) above 833 Mt, releases 100 Mt below 400 Mt, and does nothing between", () => {
    const at = (tnac: number) => {
      const r = msrAdjustment(data, 'eu-ets', tnac, 2020);
      if (!r.ok) throw new Error(r.missing);
      return [r.decision.action, r.decision.amount];
    };
    expect(at(1_000_000_000)).toEqual(['intake', 240_000_000]);
    expect(at(833_000_001)).toEqual(['intake', 199_920_000.24]);
    expect(at(833_000_000)).toEqual(['none', 0]);
    expect(at(400_000_000)).toEqual(['none', 0]);
    expect(at(399_999_999)).toEqual(['release', 100_000_000]);
  });

  it('says which parameter is missing for a market without a reserve', () => {
    const r = msrAdjustment(data, 'cn-ets', 1e9, 2022);
    expect(r).toEqual({
      ok: false,
      missing: expect.stringMatching(/policy-rules\.csv has no msr-upper-threshold, msr-lower-threshold, msr-intake-rate, msr-release-amount for cn-ets/),
    });
  });
});
