import type { DataIssue } from '../errors.js';
import { parseNumber } from '../numbers.js';
import { InputError } from '../input.js';
import { readRecords, sniffFile, sourceName, type ByteSource } from '../records.js';

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

/** Streams the file and totals each year column; memory stays flat whatever the number of rows. */
export async function readYearColumns(path: ByteSource, displayPath = sourceName(path), statusWords = STATUS_WORDS): Promise<YearColumnsRead> {
  const issues: DataIssue[] = [];
  const shape = await sniffFile(path, displayPath).catch((error: NodeJS.ErrnoException) => {
    issues.push(error instanceof InputError ? error.issue : { file: displayPath, severity: 'error', message: error.code === 'ENOENT' ? 'file not found' : error.message });
    return undefined;
  });
  let header: readonly string[] | undefined;
  let yearIndex: { year: number; index: number }[] = [];
  const totals = new Map<number, { total: number; reported: number; statuses: Record<string, number> }>();
  let rows = 0;
  if (shape) {
    for await (const { cells, line } of readRecords(path, displayPath, shape, issues)) {
      if (!header) {
        header = cells;
        yearIndex = cells.flatMap((h, index) => (/^\s*(19|20)\d\d\s*$/.test(h) ? [{ year: Number(h), index }] : []));
        if (yearIndex.length === 0) {
          issues.push({ file: displayPath, line, severity: 'error', message: 'no year columns in the header', expected: 'columns named like 2005, 2006, …' });
          break;
        }
        for (const { year } of yearIndex) totals.set(year, { total: 0, reported: 0, statuses: {} });
        continue;
      }
      rows++;
      for (const { year, index } of yearIndex) {
        const raw = (cells[index] ?? '').trim();
        if (raw === '') continue;
        const t = totals.get(year)!;
        if (statusWords.includes(raw)) {
          t.statuses[raw] = (t.statuses[raw] ?? 0) + 1;
          continue;
        }
        const parsed = parseNumber(raw);
        if (!parsed.ok) {
          issues.push({ file: displayPath, line, column: header[index], columnIndex: index + 1, value: raw, severity: 'error', message: 'invalid value', expected: `${parsed.expected}, empty, or one of: ${statusWords.join(', ')}` });
          continue;
        }
        t.total += parsed.value;
        t.reported++;
      }
    }
  }
  return {
    file: displayPath,
    idColumn: header?.[0] ?? '',
    rows,
    years: [...totals.entries()].map(([year, t]) => ({ year, ...t })),
    issues,
  };
}
