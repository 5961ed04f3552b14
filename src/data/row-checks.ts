import { dayNumber } from './dates.js';
import type { DataIssue } from './errors.js';
import type { DatasetSchema } from './schema.js';

type Row = Readonly<Record<string, unknown>>;

/** Values of the columns other datasets refer to (e.g. markets.id), by dataset and column. */
export type KnownValues = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;

/**
 * The checks across cells, run on each row as it streams in: row rules, the primary key and
 * references to datasets loaded before. Memory does not grow with a dated key (see DayIndex), so
 * a file of ten million daily rows is checked as exactly as a small one.
 */
export class RowChecks {
  private readonly keys: KeyIndex | undefined;
  private readonly rules: NonNullable<DatasetSchema['rowRules']>;
  private readonly references: { field: string; list: boolean; resource: string; resourceField: string; known: ReadonlySet<string> }[];
  /** Values of this dataset's columns that others refer to, collected as rows pass. */
  readonly collected = new Map<string, Set<string>>();

  constructor(
    private readonly schema: DatasetSchema,
    private readonly file: string,
    known: KnownValues,
    referencedColumns: readonly string[] = [],
  ) {
    this.rules = schema.rowRules ?? [];
    const key = schema.primaryKey ?? [];
    if (key.length > 0) {
      const last = key.at(-1)!;
      this.keys = schema.fields[last]?.type === 'date' ? new DatedKeyIndex(key.slice(0, -1), last) : new MapKeyIndex(key);
    }
    this.references = (schema.references ?? []).flatMap((ref) => {
      const values = known.get(ref.resource)?.get(ref.resourceField);
      return values ? [{ field: ref.field, list: ref.list === true, resource: ref.resource, resourceField: ref.resourceField, known: values }] : [];
    });
    for (const column of referencedColumns) this.collected.set(column, new Set());
  }

  check(row: Row, line: number, report: (issue: DataIssue) => void): void {
    const file = this.file;
    for (const rule of this.rules) {
      const message = rule.check(row);
      if (message !== undefined) report({ file, line, column: rule.field, severity: 'error', message });
    }
    if (this.keys) {
      const first = this.keys.add(row, line);
      if (first !== undefined) {
        const shown = (this.schema.primaryKey ?? []).map((k) => `${k}=${String(row[k])}`).join(', ');
        report({ file, line, severity: 'error', message: `duplicate row: ${shown} already appears on line ${first}` });
      }
    }
    for (const ref of this.references) {
      const raw = row[ref.field];
      if (raw === null || raw === undefined) continue;
      const text = String(raw);
      if (ref.known.has(text)) continue; // the common case: one known id
      // Empty parts are kept, so "a;;b" is reported here; data that passed reads with sourceIds.
      const values = ref.list ? text.split(';').map((s) => s.trim()) : [text];
      for (const value of values) {
        if (!ref.known.has(value)) {
          report({
            file,
            line,
            column: ref.field,
            value,
            severity: 'error',
            message: `unknown ${ref.resourceField} in ${ref.resource}.csv`,
            expected: `one of: ${[...ref.known].sort().join(', ')}`,
          });
        }
      }
    }
    if (this.collected.size > 0) {
      for (const [column, values] of this.collected) {
        const v = row[column];
        if (v !== null && v !== undefined) values.add(String(v));
      }
    }
  }
}

interface KeyIndex {
  /** Records the row's key; returns the line where it was first seen if it is a duplicate. */
  add(row: Row, line: number): number | undefined;
}

class MapKeyIndex implements KeyIndex {
  private readonly seen = new Map<string, number>();
  constructor(private readonly fields: readonly string[]) {}
  add(row: Row, line: number): number | undefined {
    const key = this.fields.length === 1 ? String(row[this.fields[0]!]) : JSON.stringify(this.fields.map((k) => row[k]));
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, line);
    return first;
  }
}

/**
 * A key ending in a date (market, instrument, date): for each value of the leading fields, the
 * line of every day seen, in a typed array indexed by day. 4 bytes a day, not an object a row.
 */
class DatedKeyIndex implements KeyIndex {
  /** Nested by each leading field's value (no key string built per row). */
  private readonly series = new Map<unknown, unknown>();
  constructor(
    private readonly leading: readonly string[],
    private readonly dateField: string,
  ) {}
  add(row: Row, line: number): number | undefined {
    let level = this.series;
    for (let i = 0; i < this.leading.length - 1; i++) {
      const value = row[this.leading[i]!];
      let next = level.get(value) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const last = this.leading.length > 0 ? row[this.leading.at(-1)!] : '';
    let days = level.get(last) as DayIndex | undefined;
    if (!days) {
      days = new DayIndex();
      level.set(last, days);
    }
    return days.add(dayNumber(row[this.dateField] as string), line);
  }
}

/** Lines by day number, growing to cover the days seen (at most 3.65 million: years 0001–9999). */
export class DayIndex {
  private lines = new Int32Array(0);
  private base = 0;

  add(day: number, line: number): number | undefined {
    if (day < this.base || day >= this.base + this.lines.length) this.grow(day);
    const at = day - this.base;
    const first = this.lines[at]!;
    if (first !== 0) return first;
    this.lines[at] = line;
    return undefined;
  }

  private grow(day: number): void {
    if (this.lines.length === 0) {
      this.base = day;
      this.lines = new Int32Array(1024);
      return;
    }
    const lo = Math.min(this.base, day);
    const hi = Math.max(this.base + this.lines.length, day + 1);
    // Double the span, extended on the side that grew, so a series read in either order is linear.
    const size = Math.max(hi - lo, this.lines.length * 2);
    const base = day < this.base ? hi - size : lo;
    const next = new Int32Array(size);
    next.set(this.lines, this.base - base);
    this.lines = next;
    this.base = base;
  }
}
