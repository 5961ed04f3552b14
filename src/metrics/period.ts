import type { Period, Window } from './types.js';
import { daysBetween, yearEnd, yearStart } from '../data/dates.js';

/** Calendar days in a closed period (both ends included). */
export function daysIn(period: Window): number {
  return daysBetween(period.start, period.end) + 1;
}

/** Length of a closed period in years of 365.25 days, for annualising. */
export function yearsIn(period: Window): number {
  return daysIn(period) / 365.25;
}

/** True when `inner` lies within `outer` (open ends of `outer` accept anything). */
export function within(inner: Period, outer: Period): boolean {
  if (outer.start !== undefined && (inner.start === undefined || inner.start < outer.start)) return false;
  if (outer.end !== undefined && (inner.end === undefined || inner.end > outer.end)) return false;
  return true;
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.start === b.start && a.end === b.end;
}

export function yearPeriod(year: number): Window {
  return { start: yearStart(year), end: yearEnd(year) };
}

/** Days of `period` falling in each calendar year, for weighting annual rates. */
export function daysPerYear(period: Window): Map<number, number> {
  const out = new Map<number, number>();
  const first = +period.start.slice(0, 4);
  const last = +period.end.slice(0, 4);
  for (let year = first; year <= last; year++) {
    const start = year === first ? period.start : yearStart(year);
    const end = year === last ? period.end : yearEnd(year);
    out.set(year, daysIn({ start, end }));
  }
  return out;
}

export function describePeriod(p: Period | undefined): string {
  if (!p || (p.start === undefined && p.end === undefined)) return '';
  return `${p.start ?? '…'} – ${p.end ?? '…'}`;
}

/**
 * Whether an annual aggregate covers only part of its year: its first observation after the first
 * week or its last before the last week (exchanges close for New Year and Christmas).
 */
export function isPartialYear(row: { readonly year: number; readonly first_date: string; readonly last_date: string }): boolean {
  return row.first_date > `${row.year}-01-07` || row.last_date < `${row.year}-12-24`;
}
