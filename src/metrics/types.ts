import type { DatasetName } from '../data/datasets/index.js';
import type { Precision } from './precision.js';

/** A closed date range, ISO dates, both ends included. Either end may be open. */
export interface Period {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
}

/** A period with both ends known. */
export interface Window {
  readonly start: string;
  readonly end: string;
}

/** Which rows of which dataset a number was computed from (ids, or `line`-free keys). */
export interface InputRef {
  readonly dataset: DatasetName;
  readonly rows: readonly string[];
}

/**
 * Every number a brief states: its value (unrounded), unit, period, how it was obtained and from
 * which rows and sources. `value` is null when data/ lacks an input; `missing` then says which.
 */
export interface Metric {
  readonly value: number | null;
  readonly unit: string;
  readonly period?: Period | undefined;
  readonly method: string;
  readonly inputs: readonly InputRef[];
  readonly sources: readonly string[];
  readonly missing?: string | undefined;
  /** Significant figures and "about": absent means as exact as the arithmetic. */
  readonly precision?: Precision | undefined;
  /**
   * How far the observations behind a series statistic reach, and whether they cover the whole
   * period (a year whose data starts in April is not a full year).
   */
  readonly coverage?: { readonly first: string; readonly last: string; readonly complete: boolean } | undefined;
  /** The coverage scope (scopes.csv id) of a value computed from one series. */
  readonly scope?: string | undefined;
  /**
   * Set when the inputs exist but do not compare (different coverage, definition or currency):
   * `value` is then null and this says why, in words a brief can state instead of a number.
   */
  readonly notComparable?: string | undefined;
  /** For a change across a change of coverage: the two ends and their scopes (scopes.csv ids). */
  readonly scopeBreak?: { readonly firstYear: number; readonly firstScope: string; readonly lastYear: number; readonly lastScope: string } | undefined;
}

export function metric(fields: Metric): Metric {
  return {
    value: fields.value,
    unit: fields.unit,
    ...(fields.period ? { period: fields.period } : {}),
    method: fields.method,
    inputs: mergeInputs(fields.inputs),
    sources: [...new Set(fields.sources)].sort(),
    ...(fields.missing !== undefined ? { missing: fields.missing } : {}),
    ...(fields.precision !== undefined ? { precision: fields.precision } : {}),
    ...(fields.coverage !== undefined ? { coverage: fields.coverage } : {}),
    ...(fields.scope !== undefined ? { scope: fields.scope } : {}),
    ...(fields.notComparable !== undefined ? { notComparable: fields.notComparable } : {}),
    ...(fields.scopeBreak !== undefined ? { scopeBreak: fields.scopeBreak } : {}),
  };
}

/** Inputs that exist but cannot be compared: no number, the reason instead. */
export function notComparable(
  unit: string,
  method: string,
  reason: string,
  period?: Period,
  inputs: readonly InputRef[] = [],
  sources: readonly string[] = [],
  scopeBreak?: Metric['scopeBreak'],
): Metric {
  return metric({ value: null, unit, period, method, inputs, sources, missing: reason, notComparable: reason, scopeBreak });
}

/** A metric that cannot be computed from data/, saying what is needed. */
export function unavailable(unit: string, method: string, missing: string, period?: Period): Metric {
  return metric({ value: null, unit, period, method, inputs: [], sources: [], missing });
}

function mergeInputs(inputs: readonly InputRef[]): InputRef[] {
  const byDataset = new Map<DatasetName, Set<string>>();
  for (const input of inputs) {
    const set = byDataset.get(input.dataset) ?? new Set<string>();
    for (const r of input.rows) set.add(r);
    byDataset.set(input.dataset, set);
  }
  return [...byDataset].map(([dataset, rows]) => ({ dataset, rows: [...rows] }));
}

export { sourcesOf } from '../data/source-ids.js';
