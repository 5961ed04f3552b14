import type { DataIssue } from '../errors.js';
import { countryCode } from '../formats/country-names.js';
import type { NoteTable } from '../formats/eea-note.js';

/**
 * A comparable emissions series (one scope for every year): the registry's accounts in the scope's
 * countries, plus, for years before the scope applied, the EEA's estimate of what the scope would
 * have added (its background note's Table 13-1, Mt per country and year). Shared by `ets-brief
 * import` and scripts/build-data.mjs, so the shipped series and an imported one are
 * computed the same way.
 */

/** Mt per year, summed over the table's countries that `countries` holds, in the table's order. */
export function estimatesByYear(table: NoteTable, countries: ReadonlySet<string>, file: string): { byYear: Map<number, number>; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const byYear = new Map<number, number>();
  for (const row of table.rows) {
    const code = countryCode(row.name);
    if (code === undefined) {
      issues.push({
        file,
        line: row.line,
        severity: 'error',
        value: row.name,
        message: `${table.caption}: a row that is not a country ets-brief knows`,
        expected: 'a registry country name such as Czech Republic or United Kingdom',
      });
      continue;
    }
    if (!countries.has(code)) continue;
    for (const [i, mt] of row.values.entries()) byYear.set(table.years[i]!, (byYear.get(table.years[i]!) ?? 0) + mt);
  }
  return { byYear, issues };
}

/** Verified emissions per year of the accounts whose country `include` accepts, and how many. */
export function accountTotals(
  verified: Iterable<{ readonly account: number; readonly year: number; readonly value: number }>,
  countryOf: ReadonlyMap<number, string>,
  include: (country: string | undefined) => boolean,
): Map<number, { total: number; accounts: number }> {
  const out = new Map<number, { total: number; accounts: number }>();
  for (const v of verified) {
    if (!include(countryOf.get(v.account))) continue;
    const y = out.get(v.year) ?? { total: 0, accounts: 0 };
    y.total += v.value;
    y.accounts++;
    out.set(v.year, y);
  }
  return out;
}

/** A year of the series: the accounts' total, plus the estimate (Mt) when there is one. */
export function comparableYear(accountsTotal: number, estimateMt: number | undefined, outside: string): { value: number; estimated: boolean; note: string } {
  if (estimateMt === undefined) return { value: accountsTotal, estimated: false, note: `EUTL accounts ${outside}.` };
  return {
    value: Math.round(accountsTotal + estimateMt * 1e6),
    estimated: true,
    note: `EUTL accounts ${outside} plus the EEA's estimate of ${estimateMt.toFixed(1)} Mt to reflect the Phase 3 scope.`,
  };
}
