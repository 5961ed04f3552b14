import type { Data } from '../data/datasets/index.js';
import { cagr } from './growth.js';
import { metric, notComparable, sourcesOf, unavailable, type Metric } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

type EmissionRow = Data['emissions'][number];
type Scope = Data['scopes'][number];

const emissionsKey = (r: EmissionRow) => `${r.market}/${r.year}/${r.scope}/${r.coverage}`;

/** A market's verified emissions as covered each year: the rows whose scope is not a recomputed constant series. */
export function asCovered(data: Data, market: string): EmissionRow[] {
  const constant = constantScopes(data);
  return data.emissions.filter((r) => r.market === market && r.scope === 'verified-ets' && !constant.has(r.coverage)).sort((a, b) => a.year - b.year);
}

/** Series recomputed on one scope over all their years (scopes.csv `constant` = yes), by scope id. */
export function comparableSeries(data: Data, market: string): Map<string, EmissionRow[]> {
  const constant = constantScopes(data);
  const out = new Map<string, EmissionRow[]>();
  for (const r of data.emissions) {
    if (r.market !== market || r.scope !== 'verified-ets' || !constant.has(r.coverage)) continue;
    out.set(
      r.coverage,
      [...(out.get(r.coverage) ?? []), r].sort((a, b) => a.year - b.year),
    );
  }
  return out;
}

function constantScopes(data: Data): Set<string> {
  return new Set(data.scopes.filter((s) => s.constant === 'yes').map((s) => s.id));
}

export function scopeLabel(data: Data, id: string, lang: 'en' | 'zh-CN' = 'en'): string {
  const s: Scope | undefined = data.scopes.find((x) => x.id === id);
  return s ? (lang === 'zh-CN' ? s.label_zh : s.label_en) : id;
}

/**
 * The pair of rows a change between `from` and `to` may honestly use: the first and last years
 * with data inside the range, from one scope. As covered when both ends share a scope; else from a
 * comparable (constant-scope) series, over the part of the range it covers; else nothing, with the
 * reason (the two ends' scopes).
 */
export type Endpoints =
  | { readonly ok: true; readonly first: EmissionRow; readonly last: EmissionRow; readonly comparable: boolean; readonly shortened: boolean }
  | { readonly ok: false; readonly reason: string; readonly first?: EmissionRow; readonly last?: EmissionRow };

export function endpoints(data: Data, market: string, from: number, to: number, scope?: string): Endpoints {
  if (scope !== undefined) {
    // A claim that names its scope is recomputed on that scope's rows only.
    const rows = data.emissions
      .filter((r) => r.market === market && r.scope === 'verified-ets' && r.coverage === scope && r.year >= from && r.year <= to)
      .sort((a, b) => a.year - b.year);
    if (rows.length < 2) return { ok: false, reason: `needs verified emissions on the scope ${scope} for at least two years in ${from}–${to}` };
    return { ok: true, first: rows[0]!, last: rows.at(-1)!, comparable: constantScopes(data).has(scope), shortened: false };
  }
  const covered = asCovered(data, market).filter((r) => r.year >= from && r.year <= to);
  const first = covered[0];
  const last = covered.at(-1);
  // A comparable series that spans the same years is preferred: every period is then measured on
  // one scope, so phases and periods compare with each other too.
  const series = [...comparableSeries(data, market).values()]
    .map((rows) => rows.filter((r) => r.year >= from && r.year <= to))
    .filter((rows) => rows.length >= 2);
  const full = series.find((rows) => first && last && rows[0]!.year <= first.year && rows.at(-1)!.year >= last.year);
  if (full) return { ok: true, first: full[0]!, last: full.at(-1)!, comparable: true, shortened: false };
  if (first && last && first !== last && first.coverage === last.coverage) return { ok: true, first, last, comparable: false, shortened: false };
  const partial = series[0];
  if (partial) return { ok: true, first: partial[0]!, last: partial.at(-1)!, comparable: true, shortened: true };
  if (!first || !last || first === last) return { ok: false, reason: `needs verified emissions for at least two years in ${from}–${to >= 9999 ? '' : to}` };
  return {
    ok: false,
    first,
    last,
    reason: `${first.year} covers ${scopeLabel(data, first.coverage)}; ${last.year} covers ${scopeLabel(data, last.coverage)}; data/ has no series covering both years on one scope`,
  };
}

/** No comparable pair: not comparable (two scopes) or unavailable (too few years). */
function broken(e: Extract<Endpoints, { ok: false }>, unit: string, method: string, period: { start: string; end?: string | undefined }): Metric {
  if (!e.first || !e.last) return unavailable(unit, method, e.reason, period);
  const rows = [e.first, e.last];
  return notComparable(unit, method, e.reason, period, [{ dataset: 'emissions', rows: rows.map(emissionsKey) }], sourcesOf(rows), {
    firstYear: e.first.year,
    firstScope: e.first.coverage,
    lastYear: e.last.year,
    lastScope: e.last.coverage,
  });
}

function describe(data: Data, e: Extract<Endpoints, { ok: true }>): string {
  return e.comparable ? ` on one scope (${scopeLabel(data, e.first.coverage)})` : ` as covered (${scopeLabel(data, e.first.coverage)})`;
}

/**
 * Average annual change of verified emissions between two years, compounded: the paper's "fell by
 * x% a year". Compares like scopes only (see endpoints).
 */
export function emissionsChangePerYear(data: Data, market: string, from: number, to: number, scope?: string): Metric {
  const period = { start: yearStart(from), end: to >= 9999 ? undefined : yearEnd(to) };
  const method = 'compound annual change of verified emissions';
  const e = endpoints(data, market, from, to, scope);
  if (!e.ok) return broken(e, '%/yr', method, period);
  return metric({
    value: cagr(e.first.value, e.last.value, e.last.year - e.first.year),
    unit: '%/yr',
    period: { start: yearStart(e.first.year), end: yearEnd(e.last.year) },
    method: `${method} from ${e.first.year} to ${e.last.year}${describe(data, e)}`,
    inputs: [{ dataset: 'emissions', rows: [e.first, e.last].map(emissionsKey) }],
    sources: sourcesOf([e.first, e.last]),
    scope: e.first.coverage,
    precision: estimatedPrecision(e),
  });
}

/**
 * A value that includes an estimate (the EEA's, of what a later scope would have added) is
 * approximate, and so is any change computed from it.
 */
function estimatedPrecision(e: Extract<Endpoints, { ok: true }>) {
  return e.first.estimated === true || e.last.estimated === true ? { digits: 1, approx: true } : undefined;
}

/** Total change of verified emissions between two years, in percent, on one scope. */
export function emissionsChange(data: Data, market: string, from: number, to: number, scope?: string): Metric {
  const period = { start: yearStart(from), end: yearEnd(to) };
  const method = 'change of verified emissions';
  const e = endpoints(data, market, from, to, scope);
  if (!e.ok) return broken(e, '%', method, period);
  return metric({
    value: (e.last.value / e.first.value - 1) * 100,
    unit: '%',
    period: { start: yearStart(e.first.year), end: yearEnd(e.last.year) },
    method: `verified emissions ${e.last.year} ÷ ${e.first.year} − 1${describe(data, e)}`,
    inputs: [{ dataset: 'emissions', rows: [e.first, e.last].map(emissionsKey) }],
    sources: sourcesOf([e.first, e.last]),
    scope: e.first.coverage,
    precision: estimatedPrecision(e),
  });
}

/** Years where a market's coverage changed (the first year of each new scope), for charts and notes. */
export function scopeChanges(data: Data, market: string): { year: number; from: string; to: string }[] {
  const rows = asCovered(data, market);
  const out: { year: number; from: string; to: string }[] = [];
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.coverage !== rows[i - 1]!.coverage) out.push({ year: rows[i]!.year, from: rows[i - 1]!.coverage, to: rows[i]!.coverage });
  }
  return out;
}
