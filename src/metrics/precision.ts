import { precisionOf } from './compare.js';

/**
 * How precisely a number is known. `digits` is the count of significant figures its inputs
 * support (null: as exact as the arithmetic, e.g. a sum of daily volumes); `approx` marks a number
 * resting on an approximate input ("about 125×10⁸ t"), which a brief states with "about".
 */
export interface Precision {
  readonly digits: number | null;
  readonly approx: boolean;
}

export const EXACT: Precision = { digits: null, approx: false };

/** Significant figures a printed number shows: 2.3e8 → 2, 1.25e10 → 3, 0.31 → 2. */
export function significantDigits(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return 1;
  const step = precisionOf(value);
  return Math.max(1, Math.floor(Math.log10(Math.abs(value))) - Math.round(Math.log10(step)) + 1);
}

/**
 * A stated number: as precise as its printed digits; "about", "more than" and "under" make it
 * approximate.
 */
export function statedPrecision(value: number | null, qualifier: string): Precision {
  return { digits: value === null ? null : significantDigits(value), approx: qualifier !== 'exact' };
}

/**
 * The precision of a result computed from these inputs: no more significant figures than the least
 * precise input; and an approximate input leaves one figure ("about 2%", not 1.84%), since "about"
 * does not say how far off the printed digits may be.
 */
export function combine(...inputs: readonly (Precision | undefined)[]): Precision {
  const known = inputs.filter((p): p is Precision => p !== undefined);
  const approx = known.some((p) => p.approx);
  const digits = known.map((p) => p.digits).filter((d): d is number => d !== null);
  if (approx) return { digits: 1, approx };
  return { digits: digits.length > 0 ? Math.min(...digits) : null, approx };
}

/** Rounds to `digits` significant figures (null: unchanged). 1.84 → 2 (1 figure); 45.54 → 46 (2). */
export function roundSignificant(value: number, digits: number | null): number {
  if (digits === null || value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const step = 10 ** (magnitude - digits + 1);
  const rounded = Math.round(value / step) * step;
  // Back to the shortest decimal (0.30000000000000004 → 0.3).
  return Number(rounded.toPrecision(digits));
}

/** Decimals to print a value rounded to `digits` significant figures, capped by `max`. */
export function decimalsFor(value: number, digits: number | null, max: number): number {
  if (digits === null || value === 0 || !Number.isFinite(value)) return max;
  const magnitude = Math.floor(Math.log10(Math.abs(roundSignificant(value, digits))));
  return Math.min(max, Math.max(0, digits - magnitude - 1));
}

/** Half the step of the last significant figure, relative to the value: 2.3e8 (2 figures) → 0.0217. */
function relativeHalfStep(value: number, p: Precision | undefined): number {
  if (!p || p.digits === null || value === 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(value))) - p.digits + 1);
  return step / 2 / Math.abs(value);
}

/**
 * The precision of a compound annual rate (in %) between two values `years` apart. Rounding the
 * inputs moves the rate by up to 100 × (r₁ + r₂) / years percentage points (r: each input's relative
 * half-step); the rate is stated to the place of that uncertainty's first figure. Approximate
 * inputs leave one figure.
 */
export function ratePrecision(
  first: { value: number; precision?: Precision | undefined },
  last: { value: number; precision?: Precision | undefined },
  years: number,
  rate: number,
): Precision {
  const approx = Boolean(first.precision?.approx || last.precision?.approx);
  if (approx) return { digits: 1, approx };
  const u = (100 * (relativeHalfStep(first.value, first.precision) + relativeHalfStep(last.value, last.precision))) / Math.max(years, 1);
  if (u === 0 || rate === 0) return EXACT;
  const digits = Math.floor(Math.log10(Math.abs(rate))) - Math.floor(Math.log10(u)) + 1;
  return { digits: Math.max(1, digits), approx: false };
}
