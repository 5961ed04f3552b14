import { DATASETS } from '../datasets/index.js';
import type { DataIssue } from '../errors.js';
import { date, integer, number, text, type Field } from '../fields.js';
import { countryCode } from '../formats/country-names.js';
import { readNoteTable } from '../formats/eea-note.js';
import { COMPLIANCE_CODE, readAllocationCell } from '../formats/eutl.js';
import { readDataPackage } from '../formats/frictionless.js';
import { readWindExport, type WindSeries } from '../formats/wind.js';
import { forEachYearRow, invalidYearCell, readYearColumns, readYearValue, type YearCell } from '../formats/year-columns.js';
import { IssueLog, readTable, streamTable, tooManyRows } from '../read-table.js';
import type { DatasetSchema, Fields } from '../schema.js';
import type { AccountYearsFormat, ImportFormat, NoteTableFormat, OwidEnergyFormat, OwidGrapherFormat, RecordsFormat, SeriesMapping } from './known-files.js';
import type { ImportInput } from './recognise.js';
import { accountTotals, comparableYear, estimatesByYear } from './scope-estimates.js';
import { extractAuctions, extractPilotQuotes } from './sheets.js';
import type { Skip } from './skips.js';
import { SkipLog } from './skips.js';
import { slug } from './slug.js';
import { sourceCell, sourceIds } from '../source-ids.js';

type Row = Record<string, unknown>;
/** data/ as the import holds it while merging: earlier files of the same command included. */
export type Tables = Readonly<Record<string, readonly Row[]>>;

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

/**
 * Reads a recognised file with its generic reader and maps it onto the target dataset. `tables`
 * is data/ for formats that look rows up in it; `resource` is the CSV a package is imported
 * through when that CSV was the file named.
 */
export async function extract(
  format: Exclude<ImportFormat, { reader: 'unused' }>,
  input: ImportInput,
  display: string,
  tables: Tables,
  resource?: ImportInput,
): Promise<Extracted> {
  const extracted = await extractRows(format, input, display, tables, resource);
  const max = maxImportRows();
  if (extracted.rows.length <= max) return extracted;
  return {
    ...extracted,
    rows: [],
    issues: [
      ...extracted.issues,
      { file: display, severity: 'error', message: `the file gives ${extracted.rows.length.toLocaleString('en')} rows: ${tooManyRows(max)}` },
    ],
  };
}

function extractRows(
  format: Exclude<ImportFormat, { reader: 'unused' }>,
  input: ImportInput,
  display: string,
  tables: Tables,
  resource?: ImportInput,
): Promise<Extracted> {
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
      return extractPackage(format, input, resource);
    case 'account-years':
      return extractAccountYears(format, input.bytes, display, tables);
    case 'records':
      return extractRecords(format, input.bytes, display);
    case 'owid-grapher':
      return extractOwidGrapher(format, input.bytes, display);
    case 'owid-energy':
      return extractOwidEnergy(format, input.bytes, display);
    case 'note-table':
      return Promise.resolve(extractNoteTable(format, input.bytes, display, tables));
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
    issues.push({
      file,
      severity: 'error',
      column: series.name,
      value: unit,
      message: 'unexpected unit',
      expected: Object.keys(mapping.units)
        .map((u) => u || '(none)')
        .join(' or '),
    });
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
    fields[field] =
      field === 'date' ? date({ dayFirst: format.dateOrder === 'day-first' }) : field === value ? number({ minimum: 0 }) : number({ minimum: 0 }).optional();
  }
  const read = await readTable(
    path,
    { name: format.id, title: format.title, description: '', fields },
    {
      displayPath: display,
      unknownColumns: 'ignore',
      columns: format.columns as Record<string, string>,
      maxRows: maxImportRows(),
    },
  );
  const rows = read.rows.map((r) => ({ ...format.constants, ...r, note: format.note ?? null }));
  return { rows, issues: read.issues, skipped: 0 };
}

/** One fx-daily row per listed quote column and day; a day the file marks N/A is counted, not read. */
async function extractWideFx(format: Extract<ImportFormat, { reader: 'wide-fx' }>, path: Uint8Array, display: string): Promise<Extracted> {
  const fields: Fields = { date: date() };
  for (const quote of format.quotes) fields[quote] = number({ minimum: 0 }).optional();
  const read = await readTable(
    path,
    { name: format.id, title: format.title, description: '', fields },
    {
      displayPath: display,
      unknownColumns: 'ignore',
      columns: { date: format.dateColumn },
      maxRows: maxImportRows(),
    },
  );
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
      const statuses = Object.entries(y.statuses)
        .map(([word, n]) => `${n} ${word}`)
        .join(', ');
      return { ...format.constants, year: y.year, value: y.total, reporting_units: y.reported, note: `${format.note}${statuses ? `; ${statuses}` : ''}.` };
    });
  return {
    rows,
    issues: [...read.issues],
    skipped: read.years.filter((y) => y.reported === 0).length,
    skippedReason: 'year columns with no verified value yet',
  };
}

async function extractPackage(format: Extract<ImportFormat, { reader: 'datapackage' }>, input: ImportInput, through?: ImportInput): Promise<Extracted> {
  const pkg = await readDataPackage(input.path, input.bytes, maxImportRows(), through);
  const issues = [...pkg.issues];
  const resource = pkg.resources.find((r) => r.name === format.resource);
  if (!resource) return { rows: [], issues, skipped: 0 };
  let skipped = 0;
  const rows: Record<string, unknown>[] = [];
  for (const r of resource.rows) {
    const value = r[format.columns.value];
    const sector = String(r[format.columns.sector] ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    if (typeof value !== 'number' || (format.zeroMeansMissing && value === 0)) {
      skipped++;
      continue;
    }
    rows.push({ ...format.constants, sector, sector_id: slug(sector), year: r[format.columns.year], value: roundScaled(value * format.scale), note: null });
  }
  return { rows, issues, skipped, skippedReason: 'value 0, which this publisher writes for "not yet reported"' };
}

/**
 * The registry's wide tables, one row per account (or installation) and year with a value: the
 * cell read as the table's content says (verified emissions, allocation with its parts, or a
 * compliance code). Status words are kept in their own column, never read as zero.
 */
async function extractAccountYears(format: AccountYearsFormat, bytes: Uint8Array, display: string, tables: Tables): Promise<Extracted> {
  const log = new IssueLog(display);
  const rows: Row[] = [];
  let skipped = 0;
  const { key, constants } = format;
  const byInstallation = 'account' in key ? undefined : installationAccounts(tables.installations ?? [], constants.market);
  if (byInstallation?.size === 0) {
    const issue = {
      file: display,
      severity: 'error' as const,
      message: "its rows name installations, not accounts: import the registry's installations (installations.csv or owners.csv) first, or in the same command",
    };
    return { rows, issues: [issue], skipped };
  }
  const read = await forEachYearRow(
    bytes,
    display,
    (row) => {
      let account: number | undefined;
      if ('account' in key) {
        const raw = row.get(key.account) ?? '';
        account = /^\d+$/.test(raw) ? Number(raw) : undefined;
        if (account === undefined)
          log.add({
            file: display,
            line: row.line,
            column: key.account,
            value: raw,
            severity: 'error',
            message: 'invalid account id',
            expected: 'a whole number',
          });
      } else {
        const name = row.get(key.country) ?? '';
        const country = countryCode(name);
        if (country === undefined) log.add(unknownCountry(display, row.line, key.country, name));
        account = byInstallation!.get(`${country}/${Number(row.get(key.installation))}`);
        if (country !== undefined && account === undefined) skipped++;
      }
      if (account === undefined) return;
      for (const cell of row.years) {
        const fields = cellFields(format, cell, (expected, message) => log.add(invalidYearCell(display, row.line, cell, expected, message)));
        if (fields) rows.push({ ...constants, account, year: cell.year, ...fields });
      }
    },
    maxImportRows(),
  );
  return { rows, issues: [...read.issues, ...log.close()], skipped, skippedReason: 'installations with no account in installations.csv' };
}

/** The account-years columns one registry cell gives, or undefined for a cell with none. */
function cellFields(format: AccountYearsFormat, cell: YearCell, invalid: (expected: string, message?: string) => void): Row | undefined {
  if (format.content === 'compliance-codes') {
    if (cell.raw === '-') return undefined; // no code for that year
    if (COMPLIANCE_CODE.test(cell.raw)) return { compliance: cell.raw };
    invalid('a compliance code such as A, A* or B, or -');
    return undefined;
  }
  const value = readYearValue(cell.raw);
  if (value.kind === 'status') return format.content === 'allocation' ? { allocated_status: value.word } : { verified_status: value.word };
  if (format.content === 'verified-emissions') {
    if (value.kind === 'number' && value.value >= 0) return { verified: value.value };
    invalid(value.kind === 'invalid' ? value.expected : 'a number of at least 0');
    return undefined;
  }
  const allocation = readAllocationCell(cell.raw, format.markers ?? {});
  if (!allocation.ok) {
    invalid(allocation.expected, allocation.message);
    return undefined;
  }
  return { allocated: allocation.value.total, ...allocation.value.parts };
}

function unknownCountry(file: string, line: number, column: string | undefined, value: string): DataIssue {
  return {
    file,
    line,
    column,
    value,
    severity: 'error',
    message: 'unknown registry country',
    expected: 'a registry name such as Germany, Czech Republic or Northern Ireland',
  };
}

/** Installation accounts of a market by "country/national installation id". */
function installationAccounts(installations: readonly Row[], market: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of installations) {
    if (r.market === market && r.country !== null && r.installation_id !== null)
      out.set(`${String(r.country)}/${Number(r.installation_id)}`, r.account as number);
  }
  return out;
}

/**
 * A table with one record a row, its columns read by the target dataset's own fields (every one
 * optional but the key, so an empty cell says nothing), country names made ISO codes.
 */
async function extractRecords(format: RecordsFormat, bytes: Uint8Array, display: string): Promise<Extracted> {
  const target = DATASETS[format.target] as DatasetSchema;
  const names = new Set(format.countryNames ?? []);
  const key = new Set(target.primaryKey ?? []);
  const fields: Fields = Object.fromEntries(
    Object.keys(format.columns).map((f) => {
      const field: Field<unknown> = names.has(f) ? text() : target.fields[f]!;
      return [f, key.has(f) ? field : field.optional()];
    }),
  );
  const rows: Row[] = [];
  const read = await streamTable(
    bytes,
    { name: format.id, title: format.title, description: '', fields },
    {
      displayPath: display,
      unknownColumns: 'ignore',
      columns: format.columns,
      maxRows: maxImportRows(),
    },
    (row, line, log) => {
      const out: Row = { ...format.constants };
      for (const [f, v] of Object.entries(row)) {
        if (v === null) continue; // an empty cell gives nothing
        if (!names.has(f)) {
          out[f] = v;
          continue;
        }
        const code = countryCode(String(v));
        if (code === undefined) log.add(unknownCountry(display, line, format.columns[f], String(v)));
        else out[f] = code;
      }
      rows.push(out);
    },
  );
  return { rows, issues: read.issues, skipped: 0 };
}

/** OWID's grapher exports: a region id from the ISO alpha-3 code, or the name for groups. */
async function extractOwidGrapher(format: OwidGrapherFormat, bytes: Uint8Array, display: string): Promise<Extracted> {
  const fields: Fields = { entity: text(), code: text().optional(), year: integer({ minimum: 1900, maximum: 2100 }), value: number({ minimum: 0 }).optional() };
  const read = await readTable(
    bytes,
    { name: format.id, title: format.title, description: '', fields },
    {
      displayPath: display,
      unknownColumns: 'ignore',
      columns: { entity: 'Entity', code: 'Code', year: 'Year', value: format.valueColumn },
      maxRows: maxImportRows(),
    },
  );
  let skipped = 0;
  const rows: Row[] = [];
  for (const r of read.rows) {
    if (r.value === null) {
      skipped++;
      continue;
    }
    const entity = String(r.entity);
    const code = typeof r.code === 'string' && /^[A-Z]{3}$/.test(r.code) ? r.code.toLowerCase() : undefined;
    const region = code ?? (Object.hasOwn(format.regions, entity) ? format.regions[entity]! : slug(entity));
    rows.push({ ...format.constants, region, entity, year: r.year, value: r.value, note: null });
  }
  return { rows, issues: read.issues, skipped, skippedReason: 'rows without a value' };
}

/**
 * OWID's energy dataset: the regions the format names, GWh by source. A year after the last one
 * with the annual statistics column filled is marked partial: OWID adds the current year's
 * electricity figures before the year is over.
 */
async function extractOwidEnergy(format: OwidEnergyFormat, bytes: Uint8Array, display: string): Promise<Extracted> {
  const columns = [format.completeYearColumn, ...Object.values(format.sources).map((s) => s.column)];
  const fields: Fields = {
    country: text(),
    year: integer({ minimum: 1900, maximum: 2100 }),
    ...Object.fromEntries(columns.map((c) => [c, number({ minimum: 0 }).optional()])),
  };
  const read = await readTable(
    bytes,
    { name: format.id, title: format.title, description: '', fields },
    { displayPath: display, unknownColumns: 'ignore', maxRows: maxImportRows() },
  );
  const wanted = read.rows.filter((r) => Object.hasOwn(format.regions, String(r.country)));
  const lastComplete = new Map<string, number>();
  for (const r of wanted)
    if (r[format.completeYearColumn] !== null)
      lastComplete.set(String(r.country), Math.max(lastComplete.get(String(r.country)) ?? -Infinity, r.year as number));
  const rows: Row[] = [];
  for (const r of wanted) {
    const region = format.regions[String(r.country)]!;
    const year = r.year as number;
    const partial = year > (lastComplete.get(String(r.country)) ?? -Infinity);
    for (const [type, source] of Object.entries(format.sources)) {
      const twh = r[source.column];
      if (typeof twh !== 'number') continue;
      rows.push({
        region: region.id,
        year,
        source_type: type,
        label_zh: `${source.label_zh}（${region.name_zh}）`,
        gwh: roundScaled(twh * format.scale),
        ...(partial ? { partial: true } : {}),
        note: `${source.column} ${twh} TWh${partial ? `; provisional: the file has no ${format.completeYearColumn} for ${year} yet, so the year may be incomplete` : ''}.`,
      });
    }
  }
  return {
    rows,
    issues: read.issues,
    skipped: read.rows.length - wanted.length,
    skippedReason: `rows of other countries and regions (the format imports ${Object.keys(format.regions).join(', ')})`,
  };
}

/**
 * The note's table of estimates, made into the emissions rows of a comparable series: for each of
 * the table's years, the verified emissions of every registry account in the scope's countries
 * (account-years.csv, countries from installations.csv) plus the estimates of those countries.
 * The accounts must be all of them: their count and sum are checked against the registry's
 * yearly totals in emissions.csv.
 */
function extractNoteTable(format: NoteTableFormat, bytes: Uint8Array, display: string, tables: Tables): Extracted {
  const fail = (message: string): Extracted => ({ rows: [], issues: [{ file: display, severity: 'error', message }], skipped: 0 });
  const { table, issues } = readNoteTable(new TextDecoder().decode(bytes), format.caption, display);
  if (!table || issues.length > 0) return { rows: [], issues, skipped: 0 };
  const scope = (tables.scopes ?? []).find((s) => s.id === format.coverage);
  if (!scope) return fail(`scopes.csv has no scope ${format.coverage}, the scope these estimates complete: add it first`);
  const countries = new Set(
    String(scope.countries)
      .split(';')
      .map((c) => c.trim()),
  );
  const estimates = estimatesByYear(table, countries, display);
  if (estimates.issues.length > 0) return { rows: [], issues: estimates.issues, skipped: 0 };
  const market = format.constants.market;
  const countryOf = new Map<number, string>();
  for (const r of tables.installations ?? []) if (r.market === market && typeof r.country === 'string') countryOf.set(r.account as number, r.country);
  const verified = (tables['account-years'] ?? []).filter((r) => r.market === market && typeof r.verified === 'number');
  const years = new Set(table.years);
  const used = verified.filter((r) => years.has(r.year as number));
  if (used.length === 0)
    return fail(
      `${format.caption} adds to the registry's verified emissions by account, and data/ has none for ${table.years[0]}-${table.years.at(-1)}: import the registry's verified emissions and installations files first, or in the same command`,
    );
  const noCountry = [...new Set(used.filter((r) => !countryOf.has(r.account as number)).map((r) => r.account as number))];
  if (noCountry.length > 0)
    return fail(
      `${noCountry.length} accounts with verified emissions have no country in installations.csv (${noCountry.slice(0, 5).join(', ')}…): import the registry's installations file first`,
    );
  const values = used.map((r) => ({ account: r.account as number, year: r.year as number, value: r.verified as number }));
  const all = accountTotals(values, countryOf, () => true);
  const inScope = accountTotals(values, countryOf, (c) => c !== undefined && countries.has(c));
  const rows: Row[] = [];
  const checkIssues: DataIssue[] = [];
  for (const year of table.years) {
    const registry = (tables.emissions ?? []).find(
      (r) => r.market === market && r.year === year && r.scope === 'verified-ets' && typeof r.reporting_units === 'number',
    );
    const mine = all.get(year);
    if (!mine || year < Number(scope.valid_from) || (scope.valid_to !== null && year > Number(scope.valid_to))) continue;
    if (!registry || registry.reporting_units !== mine.accounts || registry.value !== mine.total) {
      checkIssues.push({
        file: display,
        severity: 'error',
        message: `for ${year}, account-years.csv holds ${mine.accounts} accounts (${mine.total} t), ${registry ? `the registry total in emissions.csv ${String(registry.reporting_units)} accounts (${String(registry.value)} t)` : 'and emissions.csv has no registry total to check them against'}: the comparable series needs every account (import the registry's whole verified emissions file)`,
      });
      continue;
    }
    const y = comparableYear(inScope.get(year)?.total ?? 0, estimates.byYear.get(year), `in the countries of ${scope.id}`);
    rows.push({ ...format.constants, year, coverage: scope.id, value: y.value, estimated: y.estimated || null, note: y.note });
  }
  if (checkIssues.length > 0) return { rows: [], issues: checkIssues, skipped: 0 };
  // Each row cites what it sums: the accounts' and installations' sources besides the note.
  const cited = sourceCell([...used, ...(tables.installations ?? []).filter((r) => r.market === market)].flatMap((r) => sourceIds(String(r.source))).sort());
  return { rows: rows.map((r) => ({ ...r, source: cited })), issues: [], skipped: 0 };
}
