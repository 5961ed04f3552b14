import type { ChartTable } from './snapshot.js';

type Row = readonly string[];

/** How a chart's rows differ between two builds. */
export interface RowChanges {
  /** Rows only in the new table, in its order. */
  readonly added: readonly Row[];
  /** Rows only in the old table, in its order. */
  readonly removed: readonly Row[];
  /** Rows present in both (by their key columns) whose other cells differ. */
  readonly changed: readonly { readonly key: Row; readonly before: Row; readonly after: Row }[];
}

/**
 * Compares two versions of a chart's table. Rows are matched by their leading columns: the
 * fewest that tell every row apart in both tables (a year; a source and a year), so that a
 * value that moved reads as that row changed. A table with no such key, or whose width changed,
 * is compared row for row as a whole: rows gone, rows new.
 */
export function diffRows(before: ChartTable, after: ChartTable): RowChanges {
  const width = before.columns.length;
  const k = width === after.columns.length ? keyWidth(before.rows, after.rows, width) : undefined;
  if (k === undefined) return wholeRows(before.rows, after.rows);
  const keyOf = (row: Row) => JSON.stringify(row.slice(0, k));
  const old = new Map(before.rows.map((row) => [keyOf(row), row]));
  const now = new Set(after.rows.map(keyOf));
  const added: Row[] = [];
  const changed: { key: Row; before: Row; after: Row }[] = [];
  for (const row of after.rows) {
    const was = old.get(keyOf(row));
    if (!was) added.push(row);
    else if (!sameRow(was, row)) changed.push({ key: row.slice(0, k), before: was, after: row });
  }
  return { added, removed: before.rows.filter((row) => !now.has(keyOf(row))), changed };
}

/** The fewest leading columns that are unique in both tables (all but the last at most). */
function keyWidth(a: readonly Row[], b: readonly Row[], width: number): number | undefined {
  for (let k = 1; k < width; k++) {
    if (unique(a, k) && unique(b, k)) return k;
  }
  return undefined;
}

function unique(rows: readonly Row[], k: number): boolean {
  return new Set(rows.map((row) => JSON.stringify(row.slice(0, k)))).size === rows.length;
}

/** Rows as wholes, counted: a row repeated twice before and once now has one copy removed. */
function wholeRows(before: readonly Row[], after: readonly Row[]): RowChanges {
  const count = new Map<string, number>();
  for (const row of before) count.set(JSON.stringify(row), (count.get(JSON.stringify(row)) ?? 0) + 1);
  const added: Row[] = [];
  for (const row of after) {
    const n = count.get(JSON.stringify(row)) ?? 0;
    if (n > 0) count.set(JSON.stringify(row), n - 1);
    else added.push(row);
  }
  const removed: Row[] = [];
  for (const row of before) {
    const n = count.get(JSON.stringify(row)) ?? 0;
    if (n > 0) {
      removed.push(row);
      count.set(JSON.stringify(row), n - 1);
    }
  }
  return { added, removed, changed: [] };
}

function sameRow(a: Row, b: Row): boolean {
  return a.length === b.length && a.every((cell, i) => cell === b[i]);
}
