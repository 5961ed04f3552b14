import { parseDate } from '../dates.js';
import type { DataIssue } from '../errors.js';
import { parseNumber } from '../numbers.js';
import { InputError } from '../input.js';
import { tooManyRows } from '../read-table.js';
import { readRecords, sniffFile, sourceName, type ByteSource } from '../records.js';
import { isMissing } from '../../missing.js';

/**
 * A WIND terminal export: metadata rows keyed by their first cell (指标名称, 频率, 单位, 指标ID, 来源,
 * and in single-series files 国家, 时间区间, 更新时间), then one row per date (newest first, empty on
 * non-trading days), then a blank row and a footer (数据来源：Wind). Each column after the first is
 * one series.
 */
export interface WindSeries {
  /** The series name as WIND writes it, e.g. 中国:碳市场碳排放配额(CEA):成交量 */
  readonly name: string;
  readonly unit: string | undefined;
  readonly frequency: string | undefined;
  readonly indicatorId: string | undefined;
  readonly source: string | undefined;
  /** Observations in date order, oldest first; dates with an empty cell are left out. */
  readonly points: readonly { readonly date: string; readonly value: number }[];
}

export interface WindExport {
  readonly file: string;
  /** File-level metadata from single-series exports (国家, 时间区间, 更新时间). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly series: readonly WindSeries[];
  readonly issues: readonly DataIssue[];
}

const SERIES_KEYS: Readonly<Record<string, 'name' | 'frequency' | 'unit' | 'indicatorId' | 'source'>> = {
  指标名称: 'name',
  频率: 'frequency',
  单位: 'unit',
  指标ID: 'indicatorId',
  来源: 'source',
};
const FILE_KEYS = new Set(['国家', '时间区间', '更新时间']);
const FOOTER = /^数据来源/;

/** True when the first records look like a WIND export (used to recognise files by content). */
export function looksLikeWind(firstCells: readonly (readonly string[])[]): boolean {
  return firstCells.slice(0, 10).some((cells) => cells[0]?.trim() === '指标名称');
}

export async function readWindExport(path: ByteSource, displayPath = sourceName(path), maxRows = Infinity): Promise<WindExport> {
  const issues: DataIssue[] = [];
  const metadata: Record<string, string> = {};
  const columns: Record<string, string[]> = { name: [], frequency: [], unit: [], indicatorId: [], source: [] };
  const values: { date: string; line: number; cells: readonly string[] }[] = [];
  let width = 0;
  let footerSeen = false;

  const shape = await sniffFile(path, displayPath).catch((error: NodeJS.ErrnoException) => {
    issues.push(
      error instanceof InputError ? error.issue : { file: displayPath, severity: 'error', message: isMissing(error) ? 'file not found' : error.message },
    );
    return undefined;
  });
  if (!shape) return { file: displayPath, metadata, series: [], issues };

  const tooMany = (line: number) =>
    issues.push({ file: displayPath, line, severity: 'error', message: tooManyRows(maxRows), expected: 'a file split into smaller ones' });
  for await (const { cells, line } of readRecords(path, displayPath, shape, issues, maxRows, tooMany)) {
    const first = (cells[0] ?? '').trim();
    if (cells.every((c) => c.trim() === '')) continue;
    if (FOOTER.test(first)) {
      footerSeen = true;
      continue;
    }
    if (footerSeen) {
      issues.push({ file: displayPath, line, severity: 'error', message: 'data after the footer line', value: first });
      continue;
    }
    const key = SERIES_KEYS[first];
    if (key !== undefined) {
      columns[key] = cells.slice(1).map((c) => c.trim());
      width = Math.max(width, cells.length - 1);
      continue;
    }
    if (FILE_KEYS.has(first)) {
      metadata[first] = (cells[1] ?? '').trim();
      continue;
    }
    const parsed = parseDate(first);
    if (!parsed.ok) {
      issues.push({
        file: displayPath,
        line,
        columnIndex: 1,
        value: first,
        severity: 'error',
        message: 'row is neither WIND metadata nor a dated observation',
        expected: `a date, or one of: ${[...Object.keys(SERIES_KEYS), ...FILE_KEYS].join(', ')}`,
      });
      continue;
    }
    values.push({ date: parsed.value, line, cells });
  }
  if (columns.name!.length === 0) {
    issues.push({ file: displayPath, severity: 'error', message: 'no 指标名称 row: this is not a WIND export' });
    return { file: displayPath, metadata, series: [], issues };
  }
  return { file: displayPath, metadata, series: buildSeries(columns, values, width, displayPath, issues), issues };
}

function buildSeries(
  columns: Record<string, string[]>,
  rows: readonly { date: string; line: number; cells: readonly string[] }[],
  width: number,
  file: string,
  issues: DataIssue[],
): WindSeries[] {
  const series: WindSeries[] = [];
  // WIND repeats a column when the same indicator is added twice; keep the first, check the copies.
  const firstColumnOf = new Map<string, number>();
  const seenDates = new Map<string, number>();
  for (const row of rows) {
    const previous = seenDates.get(row.date);
    if (previous !== undefined) {
      issues.push({ file, line: row.line, columnIndex: 1, value: row.date, severity: 'error', message: `date repeated (first on line ${previous})` });
    } else seenDates.set(row.date, row.line);
  }
  for (let c = 0; c < width; c++) {
    const meta = (key: string) => (columns[key]![c] ?? '') || undefined;
    const identity = meta('indicatorId') ?? meta('name') ?? `column ${c + 2}`;
    const points: { date: string; value: number }[] = [];
    for (const row of rows) {
      const raw = (row.cells[c + 1] ?? '').trim();
      if (raw === '' || raw === '#N/A' || raw === '--') continue;
      const parsed = parseNumber(raw);
      if (!parsed.ok) {
        issues.push({
          file,
          line: row.line,
          columnIndex: c + 2,
          column: meta('name'),
          value: raw,
          severity: 'error',
          message: 'invalid value',
          expected: parsed.expected,
        });
        continue;
      }
      points.push({ date: row.date, value: parsed.value });
    }
    points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const original = firstColumnOf.get(identity);
    if (original !== undefined) {
      const kept = series[original]!;
      if (!samePoints(kept.points, points)) {
        issues.push({
          file,
          columnIndex: c + 2,
          column: meta('name'),
          severity: 'warning',
          message: `duplicated indicator ${identity} differs from its first column; the first is kept`,
        });
      }
      continue;
    }
    firstColumnOf.set(identity, series.length);
    series.push({
      name: meta('name') ?? identity,
      unit: meta('unit'),
      frequency: meta('frequency'),
      indicatorId: meta('indicatorId'),
      source: meta('source'),
      points,
    });
  }
  return series;
}

function samePoints(a: readonly { date: string; value: number }[], b: readonly { date: string; value: number }[]): boolean {
  return a.length === b.length && a.every((p, i) => p.date === b[i]!.date && p.value === b[i]!.value);
}
