import type { DataIssue } from './errors.js';
import { mapHeader } from './header.js';
import { readRecords, sniffFile, type FileShape } from './records.js';
import type { DatasetSchema, Fields, RowOf } from './schema.js';

export interface ReadTableOptions {
  /** Path shown in messages (e.g. relative to the data directory). Defaults to the path read. */
  displayPath?: string;
  /** Columns not in the schema: an error in data/, ignored in files from elsewhere. */
  unknownColumns?: 'error' | 'ignore';
  /** Issues reported per file before the rest are only counted. */
  maxIssues?: number;
  /** field -> header to read it from, overriding names and aliases (e.g. { close: 'settle' }). */
  columns?: Readonly<Record<string, string>>;
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
 * Reads a CSV file into typed rows. Every bad cell is reported with file, line, column, value and
 * what was expected, up to `maxIssues`; rows with errors are left out of `rows`.
 */
export async function readTable<S extends DatasetSchema<Fields>>(
  path: string,
  schema: S,
  options: ReadTableOptions = {},
): Promise<TableRead<RowOf<S>>> {
  const file = options.displayPath ?? path;
  const maxIssues = options.maxIssues ?? DEFAULT_MAX_ISSUES;
  const issues: DataIssue[] = [];
  const rows: RowOf<S>[] = [];
  const lines: number[] = [];
  let shape: FileShape;
  try {
    shape = await sniffFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    issues.push({ file, severity: 'error', message: missing ? 'file not found' : `could not read the file: ${(error as Error).message}` });
    return { rows, lines, issues, shape: undefined };
  }

  const fieldEntries = Object.entries(schema.fields);
  let columns: { name: string; index: number | undefined }[] | undefined;
  let header: readonly string[] = [];
  let suppressed = 0;
  const report = (issue: DataIssue) => {
    if (issues.length < maxIssues) issues.push(issue);
    else suppressed++;
  };

  for await (const { cells, line } of readRecords(path, file, shape, issues)) {
    if (columns === undefined) {
      header = cells;
      const map = mapHeader(cells, schema.fields, file, line, options.unknownColumns ?? 'error', options.columns);
      map.issues.forEach(report);
      if (map.issues.some((i) => i.message.startsWith('missing required column'))) break;
      columns = fieldEntries.map(([name]) => ({ name, index: map.indexOf.get(name) }));
      continue;
    }
    if (cells.every((c) => c.trim() === '')) continue; // spreadsheet exports pad with empty rows
    if (cells.length !== header.length) {
      report({
        file, line, severity: 'error',
        message: `row has ${cells.length} cells but the header has ${header.length}`,
        expected: `${header.length} cells separated by ${JSON.stringify(shape.delimiter)}`,
      });
      continue;
    }
    const row: Record<string, unknown> = {};
    let ok = true;
    for (let f = 0; f < columns.length; f++) {
      const { name, index } = columns[f]!;
      const field = schema.fields[name]!;
      if (index === undefined) {
        row[name] = null; // optional column absent from the file
        continue;
      }
      const raw = cells[index] ?? '';
      if (field.missing.includes(raw.trim())) {
        if (field.required) {
          ok = false;
          report({ file, line, column: header[index]!, columnIndex: index + 1, value: raw, severity: 'error', message: 'missing value', expected: field.expected });
        } else row[name] = null;
        continue;
      }
      const parsed = field.parse(raw);
      if (parsed.ok) row[name] = parsed.value;
      else {
        ok = false;
        report({ file, line, column: header[index]!, columnIndex: index + 1, value: raw, severity: 'error', message: 'invalid value', expected: parsed.expected });
      }
    }
    if (ok) {
      rows.push(row as RowOf<S>);
      lines.push(line);
    }
  }
  if (columns === undefined && !issues.some((i) => i.severity === 'error')) {
    issues.push({ file, severity: 'error', message: 'the file is empty', expected: 'a header row naming the columns' });
  }
  if (suppressed > 0) {
    issues.push({ file, severity: 'error', message: `…and ${suppressed} more issue${suppressed === 1 ? '' : 's'} in this file (only the first ${maxIssues} are listed)` });
  }
  return { rows, lines, issues, shape };
}
