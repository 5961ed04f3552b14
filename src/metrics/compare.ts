/**
 * Rounding-aware comparison of a printed number with its recomputation. A number is printed to the
 * precision of its last non-zero digit (2.49 → 0.01, 890 → 10, 70×10^8 → 10^9); it agrees when the
 * recomputed value rounds or truncates to it at that precision. "Above" and "below" claims agree
 * when the recomputed value is on the stated side.
 */
export type Qualifier = 'exact' | 'approx' | 'above' | 'below';

export const COMPARISON_RULE =
  'agrees if the recomputed value rounds or truncates to the printed one at the printed precision (its last non-zero digit); "above"/"below" claims agree if it lies on the stated side';

/** From the shortest decimal form of the number (JavaScript's own), so no float tolerance is needed. */
export function precisionOf(printed: number): number {
  if (printed === 0 || !Number.isFinite(printed)) return 1;
  const [mantissa, exp] = Math.abs(printed).toString().split('e') as [string, string | undefined];
  const exponent = exp === undefined ? 0 : Number(exp);
  const [whole, fraction = ''] = mantissa.split('.') as [string, string | undefined];
  const zeros = whole.length - whole.replace(/0+$/, '').length;
  return powerOfTen(fraction.length > 0 ? exponent - fraction.length : exponent + zeros);
}

/** 10^n, exact for negative n as far as doubles allow (10 ** -4 is 0.00009999999999999999). */
function powerOfTen(n: number): number {
  return n >= 0 ? 10 ** n : 1 / 10 ** -n;
}

export function agreesWithPrinted(printed: number, recomputed: number, qualifier: Qualifier): boolean {
  if (qualifier === 'below') return recomputed < printed;
  if (qualifier === 'above') return recomputed > printed;
  const step = precisionOf(printed);
  // Tolerance for binary floating point only: far below the printed step, relative for large numbers.
  const close = (x: number) => Math.abs(x - printed) <= Math.max(step * 1e-6, Math.abs(printed) * 1e-12);
  return close(Math.round(recomputed / step) * step) || close(Math.trunc(recomputed / step) * step);
}
