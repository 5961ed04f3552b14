import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reduceSeries } from '../../src/charts/reduce.js';

describe('reduceSeries', () => {
  it("keeps every bucket's high and low, the ends, and order, within 4 points per bucket (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 5000 }),
        fc.integer({ min: 1, max: 300 }),
        (values, buckets) => {
          const points = values.map((v, i) => ({ i, v }));
          const out = reduceSeries(points, buckets, (p) => p.v);
          expect(out.length).toBeLessThanOrEqual(Math.max(points.length <= buckets * 4 ? points.length : 0, buckets * 4));
          if (points.length === 0) return;
          expect(Math.max(...out.map((p) => p.v))).toBe(Math.max(...values));
          expect(Math.min(...out.map((p) => p.v))).toBe(Math.min(...values));
          expect(out[0]).toBe(points[0]);
          expect(out.at(-1)).toBe(points.at(-1));
          for (let k = 1; k < out.length; k++) expect(out[k]!.i).toBeGreaterThan(out[k - 1]!.i);
        },
      ),
      { seed: 17, numRuns: 200 },
    );
  });

  it('leaves short series alone', () => {
    const points = [3, 1, 2];
    expect(reduceSeries(points, 10, (x) => x)).toEqual(points);
  });
});
