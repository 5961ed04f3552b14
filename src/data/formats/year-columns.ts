import type { DataIssue } from '../errors.js';
import { parseNumber } from '../numbers.js';
import { InputError } from '../input.js';
import { tooManyRows } from '../read-table.js';
import { forEachRecord, sniffFile, sourceName, type ByteSource } from '../records.js';
import { isMissing } from '../../missing.js';

/**
 * Wide tables with one column per year, such as the EU Transaction Log's verified emissions per
 * account (account_id,2005,...,2030). Cells may be numbers, blank (not yet reported), or status
 * words ("Not Reported", "Excluded"), which are counted, never read as zero.
 */
export interface YearTotals {
  readonly year: number;
  readonly total: number;
  /** Rows with a number for the year. */
  readonly reported: number;
  /** Rows with a status word instead of a number, by word. */
  readonly statuses: Readonly<Record<string, number>>;
}

export interface YearColumnsRead {
  readonly file: string;
  readonly idColumn: string;
  readonly rows: number;
  readonly years: readonly YearTotals[];
  readonly issues: readonly DataIssue[];
}

export const STATUS_WORDS: readonly string[] = ['Not Reported', 'Excluded'];

/** A non-blank cell under a year column. */
export interface YearCell {
  readonly year: number;
  readonly raw: string;
  readonly column: string;
  /** 1-based. */
  readonly columnIndex: number;
}

/** One row of a wide year table: its other cells by header, and its non-blank year cells. */
export interface YearRow {
  readonly line: number;
  /** The cell under a non-year header (trimmed), or undefined when the header is absent. */
  readonly get: (header: string) => string | undefined;
  readonly years: readonly YearCell[];
}

export interface YearRowsRead {
  readonly header: readonly string[] | undefined;
  readonly rows: number;
  readonly issues: DataIssue[];
}

const YEAR_HEADER = /^\s*(19|20)\d\d\s*$/;

/** True for a header that names a year column (2005, 2030). */
export const isYearHeader = (header: string): boolean => YEAR_HEADER.test(header);

/**
 * Streams a wide year table row by row (memory stays flat): each row's non-blank year cells and
 * its other cells by header. At most `maxRows` rows; the one past it is an error with its line.
 */
export async function forEachYearRow(path: ByteSource, displayPath: string, onRow: (row: YearRow) => void, maxRows = Infinity): Promise<YearRowsRead> {
  const issues: DataIssue[] = [];
  const shape = await sniffFile(path, displayPath).catch((error: NodeJS.ErrnoException) => {
    issues.push(
      error instanceof InputError ? error.issue : { file: displayPath, severity: 'error', message: isMissing(error) ? 'file not found' : error.message },
    );
    return undefined;
  });
  let header: readonly string[] | undefined;
  let yearIndex: { year: number; index: number }[] = [];
  let columnOf = new Map<string, number>();
  let rows = 0;
  if (!shape) return { header, rows, issues };
  await forEachRecord(path, displayPath, shape, issues, (cells, line) => {
    if (!header) {
      header = cells.map((h) => h.replace(/^\ufeff/, '').trim());
      yearIndex = header.flatMap((h, index) => (isYearHeader(h) ? [{ year: Number(h), index }] : []));
      columnOf = new Map(header.map((h, i) => [h, i]));
      if (yearIndex.length === 0) {
        issues.push({ file: displayPath, line, severity: 'error', message: 'no year columns in the header', expected: 'columns named like 2005, 2006, …' });
        return false;
      }
      return true;
    }
    if (cells.every((c) => c.trim() === '')) return true;
    if (++rows > maxRows) {
      issues.push({ file: displayPath, line, severity: 'error', message: tooManyRows(maxRows), expected: 'a file split into smaller ones' });
      return false;
    }
    const years: YearCell[] = [];
    for (const { year, index } of yearIndex) {
      const raw = (cells[index] ?? '').trim();
      if (raw !== '') years.push({ year, raw, column: header[index]!, columnIndex: index + 1 });
    }
    const get = (name: string) => {
      const i = columnOf.get(name);
      return i === undefined ? undefined : (cells[i] ?? '').trim();
    };
    onRow({ line, get, years });
    return true;
  });
  return { header, rows: Math.min(rows, maxRows), issues };
}

/** A year cell read as a number or a status word. */
export type YearValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'status'; readonly word: string }
  | { readonly kind: 'invalid'; readonly expected: string };

export function readYearValue(raw: string, statusWords: readonly string[] = STATUS_WORDS): YearValue {
  if (statusWords.includes(raw)) return { kind: 'status', word: raw };
  const parsed = parseNumber(raw);
  return parsed.ok ? { kind: 'number', value: parsed.value } : { kind: 'invalid', expected: `${parsed.expected}, empty, or one of: ${statusWords.join(', ')}` };
}

/** The located issue for a year cell a reader cannot read. */
export function invalidYearCell(file: string, line: number, cell: YearCell, expected: string, message = 'invalid value'): DataIssue {
  return { file, line, column: cell.column, columnIndex: cell.columnIndex, value: cell.raw, severity: 'error', message, expected };
}

/** Streams the file and totals each year column; memory stays flat whatever the number of rows. */
export async function readYearColumns(path: ByteSource, displayPath = sourceName(path), statusWords = STATUS_WORDS): Promise<YearColumnsRead> {
  const totals = new Map<number, { total: number; reported: number; statuses: Record<string, number> }>();
  const cellIssues: DataIssue[] = [];
  const read = await forEachYearRow(path, displayPath, (row) => {
    for (const cell of row.years) {
      const t = totals.get(cell.year) ?? { total: 0, reported: 0, statuses: {} };
      totals.set(cell.year, t);
      const v = readYearValue(cell.raw, statusWords);
      if (v.kind === 'status') t.statuses[v.word] = (t.statuses[v.word] ?? 0) + 1;
      else if (v.kind === 'number') {
        t.total += v.value;
        t.reported++;
      } else cellIssues.push(invalidYearCell(displayPath, row.line, cell, v.expected));
    }
  });
  const years = (read.header ?? []).filter(isYearHeader).map(Number);
  return {
    file: displayPath,
    idColumn: read.header?.[0] ?? '',
    rows: read.rows,
    years: years.map((year) => ({ year, ...(totals.get(year) ?? { total: 0, reported: 0, statuses: {} }) })),
    issues: [...read.issues, ...cellIssues],
  };
}
