import type { DataIssue } from '../errors.js';

type Row = Record<string, unknown>;

/**
 * Emissions read from a publisher's file are "as covered" that year: each row takes the scope
 * (scopes.csv) its market had in its year, so a later change or growth rate compares like with
 * like. A year no scope covers is an error naming the file: add the scope first.
 */
export function assignCoverage(rows: readonly Row[], scopes: readonly Row[], file: string): { rows: Row[]; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const out = rows.map((r) => {
    if (r.coverage !== undefined && r.coverage !== null) return r;
    const year = Number(r.year);
    const scope = scopes.find(
      (s) =>
        s.market === r.market &&
        s.constant !== 'yes' &&
        Number(s.valid_from) <= year &&
        (s.valid_to === null || s.valid_to === undefined || Number(s.valid_to) >= year),
    );
    if (!scope) {
      issues.push({
        file,
        severity: 'error',
        message: `no scope in scopes.csv covers ${String(r.market)} in ${year}: add one (countries, activities, the years it applies) before importing its emissions`,
      });
      return r;
    }
    return { ...r, coverage: scope.id };
  });
  return { rows: out, issues };
}
