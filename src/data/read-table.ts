import type { DataIssue } from './errors.js';
import { mapHeader } from './header.js';
import { InputError } from './input.js';
import { forEachRecord, sniffFile, sourceName, type ByteSource, type FileShape } from './records.js';
import type { DatasetSchema, Fields, RowOf } from './schema.js';
import { isMissing } from '../missing.js';

export interface ReadTableOptions {
  /** Path shown in messages (e.g. relative to the data directory). Defaults to the path read. */
  displayPath?: string;
  /** Columns not in the schema: an error in data/, ignored in files from elsewhere. */
  unknownColumns?: 'error' | 'ignore';
  /** Issues reported per file before the rest are only counted. */
  maxIssues?: number;
  /** field -> header to read it from, overriding names and aliases (e.g. { close: 'settle' }). */
  columns?: Readonly<Record<string, string>>;
  /** Rows read at most: the reading stops at the next one with an error at its line. */
  maxRows?: number;
}

export interface TableRead<R> {
  readonly rows: R[];
  /** Line in the file of each row, for messages raised after loading (duplicates, references). */
  readonly lines: number[];
  readonly issues: DataIssue[];
  readonly shape: FileShape | undefined;
}

export const DEFAULT_MAX_ISSUES = 100;

/**
 * Issues of one file: the first `max` kept, the rest counted, and a closing line saying how many
 * were left out. Shared by cell checks and the checks a caller runs on each row.
 */
export class IssueLog {
  readonly issues: DataIssue[] = [];
  private suppressed = 0;
  constructor(
    private readonly file: string,
    private readonly max = DEFAULT_MAX_ISSUES,
  ) {}

  add(issue: DataIssue): void {
    if (this.issues.length < this.max) this.issues.push(issue);
    else this.suppressed++;
  }

  get hasErrors(): boolean {
    return this.suppressed > 0 || this.issues.some((i) => i.severity === 'error');
  }

  /** The issues, then `always` (never counted against the limit), then the count of those left out. */
  close(always: readonly DataIssue[] = []): DataIssue[] {
    this.issues.push(...always);
    if (this.suppressed > 0) {
      const n = this.suppressed;
      this.suppressed = 0;
      this.issues.push({
        file: this.file,
        severity: 'error',
        message: `…and ${n} more issue${n === 1 ? '' : 's'} in this file (only the first ${this.max} are listed)`,
      });
    }
    return this.issues;
  }
}

export interface TableStream {
  /** Rows that passed every cell check and were handed to the callback. */
  readonly rows: number;
  readonly issues: DataIssue[];
  readonly shape: FileShape | undefined;
}

/**
 * Reads a CSV file row by row, without holding it in memory: each row whose cells are all valid is
 * typed and passed to `onRow` with its line; `onRow` may report issues of its own (rules across
 * cells, keys) to the same log. Every bad cell is reported with file, line, column, value and what
 * was expected, up to `maxIssues`.
 */
export async function streamTable<S extends DatasetSchema<Fields>>(
  path: ByteSource,
  schema: S,
  options: ReadTableOptions,
  onRow: (row: RowOf<S>, line: number, log: IssueLog) => void,
): Promise<TableStream> {
  const file = sourceName(path, options.displayPath);
  const log = new IssueLog(file, options.maxIssues ?? DEFAULT_MAX_ISSUES);
  let shape: FileShape;
  try {
    shape = await sniffFile(path, file);
  } catch (error) {
    const missing = isMissing(error);
    log.add(
      error instanceof InputError
        ? error.issue
        : { file, severity: 'error', message: missing ? 'file not found' : `could not read the file: ${(error as Error).message}` },
    );
    return { rows: 0, issues: log.close(), shape: undefined };
  }

  const names = Object.keys(schema.fields);
  const fields = names.map((name) => schema.fields[name]!);
  const values: unknown[] = new Array(names.length);
  const makeRow = rowFactory(names);
  let indexes: (number | undefined)[] | undefined;
  let header: readonly string[] = [];
  let rows = 0;
  const structural: DataIssue[] = [];
  // Made once, not per row: the good rows, the hot path, never call it.
  const cellError = (line: number, index: number, raw: string, message: string, expected: string) =>
    log.add({ file, line, column: header[index]!, columnIndex: index + 1, value: raw, severity: 'error', message, expected });

  await forEachRecord(path, file, shape, structural, (cells, line) => {
    if (indexes === undefined) {
      header = cells;
      const map = mapHeader(cells, schema.fields, file, line, options.unknownColumns ?? 'error', options.columns);
      for (const i of map.issues) log.add(i);
      if (map.issues.some((i) => i.message.startsWith('missing required column'))) return false;
      indexes = names.map((name) => map.indexOf.get(name));
      return true;
    }
    if (cells.length !== header.length) {
      if (cells.every((c) => c.trim() === '')) return true; // spreadsheet exports pad with empty rows
      log.add({
        file,
        line,
        severity: 'error',
        message: `row has ${cells.length} cells but the header has ${header.length}`,
        expected: `${header.length} cells separated by ${JSON.stringify(shape.delimiter)}`,
      });
      return true;
    }
    let ok = true;
    let blank = true;
    for (let f = 0; f < names.length; f++) {
      const index = indexes[f];
      values[f] = null; // an optional column absent from the file, or a missing value
      if (index === undefined) continue;
      const field = fields[f]!;
      const raw = cells[index]!;
      if (field.isMissing(raw)) {
        if (field.required) {
          ok = false;
          if (raw.trim() === '' && cells.every((c) => c.trim() === '')) return true; // a padded empty row
          cellError(line, index, raw, 'missing value', field.expected);
        }
        continue;
      }
      blank = false;
      const value = field.read(raw);
      if (value !== undefined) values[f] = value;
      else {
        ok = false;
        const parsed = field.parse(raw); // the slow way, for the words of the message
        cellError(line, index, raw, 'invalid value', parsed.ok ? field.expected : parsed.expected);
      }
    }
    if (ok && blank && cells.every((c) => c.trim() === '')) return true;
    if (ok && options.maxRows !== undefined && rows >= options.maxRows) {
      log.add({ file, line, severity: 'error', message: tooManyRows(options.maxRows), expected: 'a file split into smaller ones' });
      return false;
    }
    if (ok) {
      rows++;
      onRow(makeRow(values) as RowOf<S>, line, log);
    }
    return true;
  });
  if (indexes === undefined && structural.length === 0 && !log.hasErrors) {
    log.add({ file, severity: 'error', message: 'the file is empty', expected: 'a header row naming the columns' });
  }
  return { rows, issues: log.close(structural), shape };
}

export function tooManyRows(max: number): string {
  return `more than ${max.toLocaleString('en')} rows; ets-brief imports at most that many from one file (ETS_BRIEF_MAX_IMPORT_ROWS raises the limit)`;
}

/**
 * Reads a CSV file into typed rows (see streamTable); rows with errors are left out of `rows`.
 */
export async function readTable<S extends DatasetSchema<Fields>>(path: ByteSource, schema: S, options: ReadTableOptions = {}): Promise<TableRead<RowOf<S>>> {
  const rows: RowOf<S>[] = [];
  const lines: number[] = [];
  const { issues, shape } = await streamTable(path, schema, options, (row, line) => {
    rows.push(row);
    lines.push(line);
  });
  return { rows, lines, issues, shape };
}

/**
 * A function making a row object from its values in field order, as one object literal: every
 * row then has the same hidden class, where filling an empty object field by field made each
 * store a megamorphic lookup (a sixth of a large file's load time). The source holds only the
 * field names, each written with JSON.stringify (a string literal whatever the name), and array
 * indexes; no value from a file is ever part of it.
 */
function rowFactory(names: readonly string[]): (values: readonly unknown[]) => Record<string, unknown> {
  // In a literal, "__proto__": x sets the prototype; a field of that name gets an own property.
  if (names.includes('__proto__')) return (v) => Object.fromEntries(names.map((name, i) => [name, v[i]]));
  const body = `return {${names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')}};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('v', body) as (values: readonly unknown[]) => Record<string, unknown>;
}
