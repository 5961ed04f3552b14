import type { DataIssue } from '../errors.js';
import { date, number } from '../fields.js';
import { readDataPackage } from '../formats/frictionless.js';
import { readWindExport, type WindSeries } from '../formats/wind.js';
import { readYearColumns } from '../formats/year-columns.js';
import { readTable } from '../read-table.js';
import type { Fields } from '../schema.js';
import type { ImportFormat, SeriesMapping } from './formats.js';
import type { ImportInput } from './recognise.js';
import { extractAuctions, extractPilotQuotes } from './sheets.js';
import type { Skip } from './skips.js';
import { SkipLog } from './skips.js';
import { slug } from './slug.js';

export interface Extracted {
  /** Rows in the target dataset's shape, without `source` (the import assigns it). */
  readonly rows: Record<string, unknown>[];
  readonly issues: DataIssue[];
  /** Rows the format says to leave out, counted for the report, and why. */
  readonly skipped: number;
  readonly skippedReason?: string;
  /** The rows left out, by reason, where a format leaves rows out for several. */
  readonly skips?: readonly Skip[];
}

/**
 * Rows (records, for WIND exports) read from one imported file at most, unless
 * ETS_BRIEF_MAX_IMPORT_ROWS says otherwise: every row is held in memory while it is merged and
 * validated (about 2.5 KB each), so a file of millions of rows would exhaust memory before it
 * failed. 500,000 is two thousand years of trading days.
 */
export const DEFAULT_MAX_IMPORT_ROWS = 500_000;

export function maxImportRows(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.ETS_BRIEF_MAX_IMPORT_ROWS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_IMPORT_ROWS;
}

/** Reads a recognised file with its generic reader and maps it onto the target dataset. */
export async function extract(format: ImportFormat, input: ImportInput, display: string): Promise<Extracted> {
  switch (format.reader) {
    case 'wind':
      return extractWind(format, input.bytes, display);
    case 'table':
      return extractTable(format, input.bytes, display);
    case 'wide-fx':
      return extractWideFx(format, input.bytes, display);
    case 'sheet':
      return format.target === 'auctions' ? extractAuctions(format, input, display) : extractPilotQuotes(format, input, display);
    case 'year-columns':
      return extractYearColumns(format, input.bytes, display);
    case 'datapackage':
      return extractPackage(format, input);
  }
}

async function extractWind(format: Extract<ImportFormat, { reader: 'wind' }>, path: Uint8Array, display: string): Promise<Extracted> {
  const wind = await readWindExport(path, display, maxImportRows());
  const issues = [...wind.issues];
  const values = new Map<string, Map<string, number>>(); // field -> date -> value
  for (const [field, mapping] of Object.entries(format.series) as [string, SeriesMapping][]) {
    const series = wind.series.find((s) => s.name === mapping.name)!;
    const factor = unitFactor(series, mapping, display, issues);
    if (factor === undefined) continue;
    values.set(field, new Map(series.points.map((p) => [p.date, roundScaled(p.value * factor)])));
  }
  const key = format.target === 'fx-daily' ? 'rate' : 'close';
  const dates = [...(values.get(key)?.keys() ?? [])].sort();
  const rows = dates.map((d) => {
    const row: Record<string, unknown> = { ...format.constants, date: d };
    for (const [field, byDate] of values) row[field] = byDate.get(d) ?? null;
    return row;
  });
  return { rows, issues, skipped: 0 };
}

/** The multiplier for the unit the export states; an unexpected unit is an error, never a guess. */
function unitFactor(series: WindSeries, mapping: SeriesMapping, file: string, issues: DataIssue[]): number | undefined {
  const unit = series.unit ?? '';
  const factor = mapping.units[unit];
  if (factor === undefined) {
    issues.push({ file, severity: 'error', column: series.name, value: unit, message: 'unexpected unit', expected: Object.keys(mapping.units).map((u) => u || '(none)').join(' or ') });
  }
  return factor;
}

function roundScaled(x: number): number {
  return Number(x.toPrecision(15));
}

async function extractTable(format: Extract<ImportFormat, { reader: 'table' }>, path: Uint8Array, display: string): Promise<Extracted> {
  const fields: Fields = {};
  const value = format.target === 'fx-daily' ? 'rate' : 'close';
  for (const field of Object.keys(format.columns)) {
    fields[field] = field === 'date' ? date({ dayFirst: format.dateOrder === 'day-first' }) : field === value ? number({ minimum: 0 }) : number({ minimum: 0 }).optional();
  }
  const read = await readTable(path, { name: format.id, title: format.title, description: '', fields }, {
    displayPath: display, unknownColumns: 'ignore', columns: format.columns as Record<string, string>, maxRows: maxImportRows(),
  });
  const rows = read.rows.map((r) => ({ ...format.constants, ...r, note: format.note ?? null }));
  return { rows, issues: read.issues, skipped: 0 };
}

/** One fx-daily row per listed quote column and day; a day the file marks N/A is counted, not read. */
async function extractWideFx(format: Extract<ImportFormat, { reader: 'wide-fx' }>, path: Uint8Array, display: string): Promise<Extracted> {
  const fields: Fields = { date: date() };
  for (const quote of format.quotes) fields[quote] = number({ minimum: 0 }).optional();
  const read = await readTable(path, { name: format.id, title: format.title, description: '', fields }, {
    displayPath: display, unknownColumns: 'ignore', columns: { date: format.dateColumn }, maxRows: maxImportRows(),
  });
  const skips = new SkipLog();
  const rows: Record<string, unknown>[] = [];
  read.rows.forEach((r, i) => {
    for (const quote of format.quotes) {
      const rate = r[quote];
      if (typeof rate === 'number') rows.push({ ...format.constants, quote, date: r.date, rate, note: format.note });
      else skips.add(`days without a ${quote} rate (N/A)`, `line ${read.lines[i]}`);
    }
  });
  return { rows, issues: read.issues, ...skips.summary() };
}

async function extractYearColumns(format: Extract<ImportFormat, { reader: 'year-columns' }>, path: Uint8Array, display: string): Promise<Extracted> {
  const read = await readYearColumns(path, display);
  const rows = read.years
    .filter((y) => y.reported > 0)
    .map((y) => {
      const statuses = Object.entries(y.statuses).map(([word, n]) => `${n} ${word}`).join(', ');
      return { ...format.constants, year: y.year, value: y.total, reporting_units: y.reported, note: `${format.note}${statuses ? `; ${statuses}` : ''}.` };
    });
  return { rows, issues: [...read.issues], skipped: read.years.filter((y) => y.reported === 0).length, skippedReason: 'year columns with no verified value yet' };
}

async function extractPackage(format: Extract<ImportFormat, { reader: 'datapackage' }>, input: ImportInput): Promise<Extracted> {
  const pkg = await readDataPackage(input.path, input.bytes, maxImportRows());
  const issues = [...pkg.issues];
  const resource = pkg.resources.find((r) => r.name === format.resource);
  if (!resource) return { rows: [], issues, skipped: 0 };
  let skipped = 0;
  const rows: Record<string, unknown>[] = [];
  for (const r of resource.rows) {
    const value = r[format.columns.value];
    const sector = String(r[format.columns.sector] ?? '').replace(/\s+/g, ' ').trim();
    if (typeof value !== 'number' || (format.zeroMeansMissing && value === 0)) {
      skipped++;
      continue;
    }
    rows.push({ ...format.constants, sector, sector_id: slug(sector), year: r[format.columns.year], value: roundScaled(value * format.scale), note: null });
  }
  return { rows, issues, skipped, skippedReason: 'value 0, which this publisher writes for "not yet reported"' };
}
