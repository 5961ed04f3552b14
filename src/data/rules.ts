import type { RowRule } from './schema.js';

/** `start` must not come after `end` when both are present (dates or years compare the same way). */
export function ordered(start: string, end: string): RowRule {
  return {
    field: end,
    check: (row) => {
      const a = row[start];
      const b = row[end];
      if (a === null || b === null || a === undefined || b === undefined) return undefined;
      return (a as number | string) > (b as number | string) ? `${end} (${String(b)}) is before ${start} (${String(a)})` : undefined;
    },
  };
}

/** low ≤ middle ≤ high, e.g. min ≤ mean ≤ max. */
export function between(low: string, middle: string, high: string): RowRule {
  return {
    field: middle,
    check: (row) => {
      const [l, m, h] = [row[low], row[middle], row[high]] as (number | null)[];
      if (l == null || m == null || h == null) return undefined;
      return l <= m && m <= h ? undefined : `expected ${low} ≤ ${middle} ≤ ${high}, got ${l}, ${m}, ${h}`;
    },
  };
}
