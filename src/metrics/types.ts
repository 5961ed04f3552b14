import type { DatasetName } from '../data/datasets/index.js';

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
  };
}

/** A metric that cannot be computed from data/, saying what is needed. */
export function unavailable(unit: string, method: string, missing: string, period?: Period): Metric {
  return metric({ value: null, unit, period, method, inputs: [], sources: [], missing });
}

function mergeInputs(inputs: readonly InputRef[]): InputRef[] {
  const byDataset = new Map<DatasetName, Set<string>>();
  for (const input of inputs) {
    const set = byDataset.get(input.dataset) ?? new Set<string>();
    input.rows.forEach((r) => set.add(r));
    byDataset.set(input.dataset, set);
  }
  return [...byDataset].map(([dataset, rows]) => ({ dataset, rows: [...rows] }));
}

/** Sources cited by rows: the ";"-separated `source` column split into ids. */
export function sourcesOf(rows: readonly { source: string }[]): string[] {
  return rows.flatMap((r) => r.source.split(';').map((s) => s.trim()));
}
