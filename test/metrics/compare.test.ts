import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreesWithPrinted, precisionOf } from '../../src/metrics/compare.js';

describe('precisionOf', () => {
  it('is the place of the last non-zero digit', () => {
    expect(precisionOf(7)).toBe(1);
    expect(precisionOf(2.49)).toBeCloseTo(0.01);
    expect(precisionOf(890)).toBe(10);
    expect(precisionOf(7e9)).toBe(1e9);
    expect(precisionOf(38.8e9)).toBe(1e8);
    expect(precisionOf(-1.25)).toBeCloseTo(0.01);
  });
});

describe('agreesWithPrinted', () => {
  it('accepts rounding and truncation at the printed precision, nothing more', () => {
    expect(agreesWithPrinted(69.6, 69.67, 'exact')).toBe(true); // Table 1 truncates
    expect(agreesWithPrinted(69.7, 69.67, 'exact')).toBe(true); // and rounding would too
    expect(agreesWithPrinted(69.5, 69.67, 'exact')).toBe(false);
    expect(agreesWithPrinted(26, 25.6, 'exact')).toBe(true);
    expect(agreesWithPrinted(7, 5.72, 'exact')).toBe(false);
    expect(agreesWithPrinted(-2.49, -3.12, 'exact')).toBe(false);
    expect(agreesWithPrinted(30, 31.71, 'approx')).toBe(true);
    expect(agreesWithPrinted(0.29, 0.0817, 'exact')).toBe(false);
  });

  it('checks "under" and "more than" claims by side', () => {
    expect(agreesWithPrinted(2, 1.84, 'below')).toBe(true);
    expect(agreesWithPrinted(2, 2.01, 'below')).toBe(false);
    expect(agreesWithPrinted(20, 25.19, 'above')).toBe(true);
    expect(agreesWithPrinted(20, 19.9, 'above')).toBe(false);
  });

  it('agrees with any value printed rounded or truncated to d decimals, and not two steps off (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
        const step = 10 ** -d;
        const rounded = Number((Math.round(x / step) * step).toFixed(d));
        const truncated = Number((Math.trunc(x / step) * step).toFixed(d));
        if (rounded !== 0) expect(agreesWithPrinted(rounded, x, 'exact')).toBe(true);
        if (truncated !== 0) expect(agreesWithPrinted(truncated, x, 'exact')).toBe(true);
        const off = Number((rounded + 2 * step * (rounded >= 0 ? 1 : -1)).toFixed(d));
        // Two steps away disagrees unless its last digit is coarser (e.g. 1.02 + 0.02 = 1.04 stays at 0.01).
        if (off !== 0 && precisionOf(off) <= step * 1.000001) expect(agreesWithPrinted(off, x, 'exact')).toBe(false);
      }),
      { seed: 11, numRuns: 1000 },
    );
  });
});
