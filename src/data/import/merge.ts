import type { DatasetSchema } from '../schema.js';
import { sourceCell, sourceIds } from '../source-ids.js';

export interface Change {
  readonly key: string;
  /** field -> [value in data/, value in the file] */
  readonly fields: Readonly<Record<string, readonly [unknown, unknown]>>;
}

export interface MergeResult {
  readonly rows: Record<string, unknown>[];
  readonly added: number;
  readonly unchanged: number;
  /** Rows already in data/ whose empty cells the file gave a value (no value was changed). */
  readonly filled: number;
  /** Rows whose values differ from what data/ holds; applied only with `replace`. */
  readonly changed: readonly Change[];
  readonly replaced: number;
}

/** Columns that describe a value rather than being it: a different source or note is no change. */
const PROVENANCE = new Set(['source', 'note']);

/**
 * Merges imported rows into a dataset by its primary key: new keys are added, equal rows left as
 * they are, and differing rows reported, never overwritten unless `replace` is asked for. A file
 * may give only some columns (the registry's allocation file gives no emissions): a row then
 * speaks only for the columns it has, and fills those data/ leaves empty; an empty cell in the file
 * never erases a value. A row that keeps values from another file cites both sources. The result
 * is sorted by key so the file's order is stable.
 */
export function mergeRows(
  schema: DatasetSchema,
  existing: readonly Record<string, unknown>[],
  incoming: readonly Record<string, unknown>[],
  source: string,
  replace: boolean,
): MergeResult {
  const keyOf = keyFunction(schema);
  const rows = new Map(existing.map((r) => [keyOf(r), r] as const));
  const columns = Object.keys(schema.fields);
  const fields = columns.filter((f) => !PROVENANCE.has(f));
  let added = 0;
  let unchanged = 0;
  let filled = 0;
  let replaced = 0;
  const changed: Change[] = [];
  for (const row of incoming) {
    const key = keyOf(row);
    const cites = row.source === undefined ? source : citing(source, row.source);
    const old = rows.get(key);
    if (!old) {
      const complete: Record<string, unknown> = {};
      for (const f of columns) complete[f] = row[f] ?? null;
      complete.source = cites;
      rows.set(key, complete);
      added++;
      continue;
    }
    const given = fields.filter((f) => Object.hasOwn(row, f) && row[f] !== null && row[f] !== undefined);
    const fills = given.filter((f) => (old[f] ?? null) === null);
    const diff = Object.fromEntries(given.filter((f) => !fills.includes(f) && !same(old[f], row[f])).map((f) => [f, [old[f], row[f]] as const]));
    const differs = Object.keys(diff).length > 0;
    if (!differs && fills.length === 0) {
      unchanged++;
      continue;
    }
    if (differs) changed.push({ key, fields: diff });
    const applied = differs && replace ? given : fills;
    if (applied.length === 0) continue;
    // A row whose every value is now the file's is the file's (its note, its source); else it
    // keeps what the file does not give and cites both.
    const next: Record<string, unknown> = { ...old, ...Object.fromEntries(applied.map((f) => [f, row[f]])) };
    const whole = fields.every((f) => applied.includes(f) || (old[f] ?? null) === null);
    if (whole) next.note = row.note ?? null;
    next.source = whole ? cites : citing(String(old.source ?? ''), cites);
    rows.set(key, next);
    if (differs && replace) replaced++;
    else filled++;
  }
  const sorted = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return { rows: sorted, added, unchanged, filled, changed, replaced };
}

/** A ";"-separated source list: `first`'s ids, then `more`'s not already in it. */
function citing(first: string, more: unknown): string {
  return sourceCell([...sourceIds(first), ...(typeof more === 'string' ? sourceIds(more) : [])]);
}

export function keyFunction(schema: DatasetSchema): (row: Record<string, unknown>) => string {
  const key = schema.primaryKey ?? Object.keys(schema.fields);
  // Zero-padded numbers keep years and dates in order when keys are compared as text.
  return (row) => key.map((k) => (typeof row[k] === 'number' ? String(row[k]).padStart(12, '0') : String(row[k] ?? ''))).join('\u0000');
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}
