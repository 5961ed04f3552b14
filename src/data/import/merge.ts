import type { DatasetSchema } from '../schema.js';

export interface Change {
  readonly key: string;
  /** field -> [value in data/, value in the file] */
  readonly fields: Readonly<Record<string, readonly [unknown, unknown]>>;
}

export interface MergeResult {
  readonly rows: Record<string, unknown>[];
  readonly added: number;
  readonly unchanged: number;
  /** Rows whose values differ from what data/ holds; applied only with `replace`. */
  readonly changed: readonly Change[];
  readonly replaced: number;
}

/** Columns that describe a value rather than being it: a different source or note is no change. */
const PROVENANCE = new Set(['source', 'note']);

/**
 * Merges imported rows into a dataset by its primary key: new keys are added, equal rows left as
 * they are, and differing rows reported, never overwritten unless `replace` is asked for. The
 * result is sorted by key so the file's order is stable.
 */
export function mergeRows(schema: DatasetSchema, existing: readonly Record<string, unknown>[], incoming: readonly Record<string, unknown>[], source: string, replace: boolean): MergeResult {
  const keyOf = keyFunction(schema);
  const rows = new Map(existing.map((r) => [keyOf(r), r] as const));
  const fields = Object.keys(schema.fields).filter((f) => !PROVENANCE.has(f));
  let added = 0;
  let unchanged = 0;
  let replaced = 0;
  const changed: Change[] = [];
  for (const row of incoming) {
    const key = keyOf(row);
    const complete: Record<string, unknown> = Object.fromEntries(Object.keys(schema.fields).map((f) => [f, row[f] ?? null]));
    complete.source = source;
    const old = rows.get(key);
    if (!old) {
      rows.set(key, complete);
      added++;
      continue;
    }
    const diff = Object.fromEntries(fields.filter((f) => !same(old[f], complete[f])).map((f) => [f, [old[f] ?? null, complete[f]] as const]));
    if (Object.keys(diff).length === 0) {
      unchanged++;
      continue;
    }
    changed.push({ key, fields: diff });
    if (replace) {
      rows.set(key, complete);
      replaced++;
    }
  }
  const sorted = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return { rows: sorted, added, unchanged, changed, replaced };
}

export function keyFunction(schema: DatasetSchema): (row: Record<string, unknown>) => string {
  const key = schema.primaryKey ?? Object.keys(schema.fields);
  // Zero-padded numbers keep years and dates in order when keys are compared as text.
  return (row) => key.map((k) => (typeof row[k] === 'number' ? String(row[k]).padStart(12, '0') : String(row[k] ?? ''))).join('\u0000');
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}
