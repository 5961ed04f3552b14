import type { DataIssue } from '../errors.js';

type Row = Readonly<Record<string, unknown>>;

/** How far a year's mean daily rate may be from fx-rates.csv's annual average of the same pair. */
export const FX_TOLERANCE = 0.05;

/**
 * Days a year needs in the file to be compared: a few days' mean is not an annual average (EUR/CNY
 * went from 10.7 in April 2005 to 9.6 in December).
 */
export const FX_MIN_DAYS = 120;

/**
 * Daily rates are checked against the annual averages fx-rates.csv already holds for the pair
 * (or its inverse): a year with at least FX_MIN_DAYS days whose mean is more than 5% away is an
 * error naming the year and both values. Some exports do not name their pair inside the file (investing.com's EUR/CNY says so
 * only in its file name), so this is what makes "EUR/CNY" a fact about the content. Rates differ
 * by a fixing time or a publisher by 1% or less; EUR/CNY and USD/CNY by 8 to 18% in 2016–2021.
 */
export function checkFxAgainstAnnual(rows: readonly Row[], annual: readonly Row[], file: string): DataIssue[] {
  const sums = new Map<string, { base: string; quote: string; year: number; sum: number; days: number }>();
  for (const r of rows) {
    const year = Number(String(r.date).slice(0, 4));
    const key = `${String(r.base)}/${String(r.quote)}/${year}`;
    const s = sums.get(key) ?? { base: String(r.base), quote: String(r.quote), year, sum: 0, days: 0 };
    s.sum += Number(r.rate);
    s.days++;
    sums.set(key, s);
  }
  const issues: DataIssue[] = [];
  for (const s of sums.values()) {
    const expected = annualRate(annual, s.base, s.quote, s.year);
    if (expected === undefined || s.days < FX_MIN_DAYS) continue;
    const mean = s.sum / s.days;
    if (Math.abs(mean / expected - 1) > FX_TOLERANCE) {
      issues.push({
        file,
        severity: 'error',
        value: mean.toPrecision(5),
        message: `the ${s.year} rates average ${mean.toPrecision(5)}, but fx-rates.csv's ${s.base}/${s.quote} average for ${s.year} is ${expected.toPrecision(5)}: is this file another currency pair?`,
        expected: `a mean within ${FX_TOLERANCE * 100}% of ${expected.toPrecision(5)}`,
      });
    }
  }
  return issues;
}

function annualRate(annual: readonly Row[], base: string, quote: string, year: number): number | undefined {
  for (const r of annual) {
    if (r.year !== year) continue;
    if (r.base === base && r.quote === quote) return Number(r.rate);
    if (r.base === quote && r.quote === base) return 1 / Number(r.rate);
  }
  return undefined;
}
