import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { buildDescriptor, serialiseDescriptor } from '../datapackage.js';
import { DATASETS, type Data, type DatasetName } from '../datasets/index.js';
import { DataError, hasErrors } from '../errors.js';
import { looksLikeWorkbook, readWorkbook } from '../formats/spreadsheet.js';
import { InputError, readRegularFile } from '../input.js';
import { loadData } from '../load.js';
import type { DatasetSchema } from '../schema.js';
import { DataTransaction } from '../transaction.js';
import { formatTableChunks } from '../write-table.js';
import { assignCoverage } from './coverage.js';
import { extract } from './extract.js';
import type { ImportFormat } from './known-files.js';
import { checkFxAgainstAnnual } from './fx-check.js';
import { keyFunction, mergeRows, type Change } from './merge.js';
import { recogniseAll, throughPackage, unrecognisedAccountTable, unwrapArchive, type ImportInput } from './recognise.js';
import type { Skip } from './skips.js';

export interface FileReport {
  readonly file: string;
  readonly format: string;
  /** The dataset written; null for a file recognised as holding nothing the brief uses. */
  readonly dataset: DatasetName | null;
  /** Why nothing was imported from a recognised file (see UnusedFormat). */
  readonly unused: string | null;
  /** The datapackage.json a CSV given alone was read through. */
  readonly via: string | null;
  readonly source: string;
  readonly read: number;
  readonly added: number;
  readonly unchanged: number;
  /** Rows in data/ whose empty cells the file filled. */
  readonly filled: number;
  readonly changed: readonly Change[];
  readonly replaced: number;
  readonly skipped: number;
  readonly skippedReason: string | null;
  /** Rows left out, by reason, with the first few of each (formats that leave rows out for several reasons). */
  readonly skips: readonly Skip[];
  readonly marketsAdded: readonly string[];
  /** Date or year range of the dataset's rows for the file's market, before and after. */
  readonly rangeBefore: readonly [string, string] | null;
  readonly rangeAfter: readonly [string, string] | null;
}

export class UnrecognisedFileError extends Error {
  constructor(
    readonly file: string,
    readonly why?: string,
  ) {
    super(`${file}: not a format ets-brief knows${why ? ` (${why})` : ''}`);
  }
}

export interface ImportOptions {
  readonly dataDir: string;
  readonly dryRun?: boolean;
  /** Apply values that differ from data/ (otherwise they are only reported). */
  readonly replace?: boolean;
  /** The import date recorded on new source rows (ISO); today by default. */
  readonly today?: string;
  readonly version: string;
  /** How long to wait for another process writing data/ before giving up (default 10 s). */
  readonly lockWaitMs?: number;
}

/**
 * Imports publisher files into data/: recognise, extract, merge, then validate the merged data as
 * a whole and only then replace data/'s files, all together (see DataTransaction). A file that
 * fails, merged data that does not validate, or an interrupt before the commit leaves data/ as it
 * was. One writer at a time: the data/ lock is held from before data/ is read until it is written.
 */
export async function importFiles(files: readonly string[], options: ImportOptions): Promise<FileReport[]> {
  // The lock is taken before data/ is read: what is merged into is what will be replaced.
  const txn = options.dryRun
    ? undefined
    : await DataTransaction.begin(options.dataDir, options.lockWaitMs === undefined ? {} : { lockWaitMs: options.lockWaitMs });
  try {
    return await importInto(files, options, txn);
  } finally {
    await txn?.rollback(); // nothing left to undo once committed
  }
}

/** One format of one file to import: files are read and recognised before any is imported. */
interface Job {
  readonly file: string;
  readonly input: ImportInput;
  readonly format: ImportFormat;
  /** The descriptor a CSV given alone is read through. */
  readonly through?: ImportInput;
}

async function importInto(files: readonly string[], options: ImportOptions, txn: DataTransaction | undefined): Promise<FileReport[]> {
  const jobs: Job[] = [];
  for (const file of files) {
    // Read once: recognised, parsed and hashed from the same bytes, whatever happens to the file.
    const input = await readInput(file);
    const formats = await recogniseAll(input);
    const pkg = formats.length === 0 ? await throughPackage(input) : undefined;
    if (formats.length === 0 && !pkg) throw new UnrecognisedFileError(file, await unrecognisedAccountTable(input));
    for (const format of pkg?.formats ?? formats) jobs.push({ file, input, format, ...(pkg ? { through: pkg.descriptor } : {}) });
  }
  // Formats that look rows up in data/ come after the others, so one command can bring both.
  const ordered = [...jobs.filter((j) => !needsData(j.format)), ...jobs.filter((j) => needsData(j.format))];

  const loaded = await loadData(options.dataDir);
  if (!loaded.data) throw new DataError(loaded.issues);
  const tables: Record<string, Record<string, unknown>[]> = Object.fromEntries(
    Object.entries(loaded.data).map(([name, rows]) => [name, (rows as readonly Record<string, unknown>[]).map((r) => ({ ...r }))]),
  );
  const touched = new Set<DatasetName>();
  const reports: FileReport[] = [];
  const today = options.today ?? new Date().toISOString().slice(0, 10);

  for (const { file, input, format, through } of ordered) {
    // The source is the file as given: for an archive, the archive's bytes.
    const hash = createHash('sha256')
      .update(input.archive?.bytes ?? input.bytes)
      .digest('hex');
    const sourceId = `${format.id}-${hash.slice(0, 8)}`;
    const display = input.archive ? `${file} (${input.archive.member})` : file;
    const via = through?.path ?? null;
    if (format.reader === 'unused') {
      reports.push({ ...NOTHING, file, format: format.id, dataset: null, unused: format.reason, via, source: sourceId });
      continue;
    }
    const raw = await extract(format, through ?? input, display, tables, through ? input : undefined);
    if (hasErrors(raw.issues)) throw new DataError(raw.issues);
    // Emissions take the scope their market had in their year (scopes.csv).
    const covered =
      format.target === 'emissions'
        ? assignCoverage(raw.rows, tables.scopes!, display)
        : format.target === 'fx-daily'
          ? { rows: raw.rows, issues: checkFxAgainstAnnual(raw.rows, tables['fx-rates']!, display) }
          : { rows: raw.rows, issues: [] };
    if (hasErrors(covered.issues)) throw new DataError(covered.issues);
    const extracted = { ...raw, rows: covered.rows };
    const dataset = format.target;
    const schema = DATASETS[dataset] as DatasetSchema;
    const markets = marketsOf(extracted.rows);
    // A key repeated within the file (the same day twice) is an error, not something to merge.
    const keyOf = keyFunction(schema);
    const seen = new Set<string>();
    const repeated = extracted.rows.map(keyOf).filter((k) => {
      if (seen.has(k)) return true;
      seen.add(k);
      return false;
    });
    if (repeated.length > 0) {
      throw new DataError(
        repeated.slice(0, 10).map((k) => ({ file, severity: 'error' as const, message: `the file has two rows for ${k.replace(/\u0000/g, ' ')}` })),
      );
    }
    const before = range(tables[dataset]!, markets);
    const merged = mergeRows(schema, tables[dataset]!, extracted.rows, sourceId, options.replace === true);
    const marketsAdded: string[] = [];
    if (merged.added + merged.filled + merged.replaced > 0) {
      tables[dataset] = merged.rows;
      touched.add(dataset);
      if (!tables.sources!.some((s) => s.id === sourceId)) {
        tables.sources!.push(sourceRow(format, file, hash, sourceId, today, via));
        touched.add('sources');
      }
      const formatMarkets = [...('market' in format && format.market ? [format.market] : []), ...('markets' in format ? (format.markets ?? []) : [])];
      for (const market of formatMarkets) {
        if (!markets?.has(market.id) || tables.markets!.some((m) => m.id === market.id)) continue;
        tables.markets!.push({ ...market, source: sourceId });
        marketsAdded.push(market.id);
        touched.add('markets');
      }
    }
    reports.push({
      file,
      format: format.id,
      dataset,
      unused: null,
      via,
      source: sourceId,
      read: extracted.rows.length,
      added: merged.added,
      unchanged: merged.unchanged,
      filled: merged.filled,
      changed: merged.changed,
      replaced: merged.replaced,
      skipped: extracted.skipped,
      skippedReason: extracted.skippedReason ?? null,
      skips: extracted.skips ?? [],
      marketsAdded,
      rangeBefore: before,
      rangeAfter: range(tables[dataset]!, markets),
    });
  }
  if (touched.size > 0 && txn) await writeValidated(txn, tables, touched, options.version);
  return reports;
}

/** The counts of a file that changed nothing. */
const NOTHING = {
  read: 0,
  added: 0,
  unchanged: 0,
  filled: 0,
  changed: [],
  replaced: 0,
  skipped: 0,
  skippedReason: null,
  skips: [],
  marketsAdded: [],
  rangeBefore: null,
  rangeAfter: null,
} as const;

function needsData(format: ImportFormat): boolean {
  return 'needs' in format && (format.needs?.length ?? 0) > 0;
}

/**
 * A file to import as bytes (a zip archive's one data file, read out of it); what is not a
 * readable regular file, or an archive of several files, is a located error.
 */
async function readInput(file: string): Promise<ImportInput> {
  try {
    const input = unwrapArchive({ path: file, bytes: await readRegularFile(file) });
    // A workbook that cannot be parsed (damaged, or too slow to) says why, not "unknown format".
    if (looksLikeWorkbook(input.bytes)) await readWorkbook(input.bytes, file);
    return input;
  } catch (error) {
    if (error instanceof InputError) throw new DataError([error.issue]);
    throw error;
  }
}

/** The markets a file's rows belong to; undefined for datasets without markets (exchange rates). */
function marketsOf(rows: readonly Record<string, unknown>[]): Set<string> | undefined {
  const markets = new Set(rows.flatMap((r) => (typeof r.market === 'string' ? [r.market] : [])));
  return markets.size > 0 ? markets : undefined;
}

function range(rows: readonly Record<string, unknown>[], markets: ReadonlySet<string> | undefined): [string, string] | null {
  // One pass, no sort: a dataset can hold hundreds of thousands of rows (account-years).
  let lo: string | undefined;
  let hi: string | undefined;
  for (const r of rows) {
    if (markets !== undefined && r.market !== undefined && !markets.has(String(r.market))) continue;
    const v = String(r.date ?? r.year ?? '');
    if (v === '') continue;
    if (lo === undefined || v < lo) lo = v;
    if (hi === undefined || v > hi) hi = v;
  }
  return lo !== undefined && hi !== undefined ? [lo, hi] : null;
}

function sourceRow(format: ImportFormat, file: string, hash: string, id: string, today: string, via: string | null): Record<string, unknown> {
  const through = via ? ` (read through the ${basename(via)} beside it)` : '';
  return {
    id,
    title: `${format.title}: ${basename(file)}`,
    publisher: format.publisher,
    url: null,
    original_url: null,
    published: null,
    retrieved: today,
    licence: null,
    note: `Imported with ets-brief import (format ${format.id}) from ${basename(file)}${through}, sha256 ${hash}.`,
  };
}

/**
 * Stages the touched datasets beside their files in data/, validates data/ as it will be, stages
 * datapackage.json, and commits: every file is replaced, or (on an error or an interrupt before
 * the commit) none is.
 */
async function writeValidated(
  txn: DataTransaction,
  tables: Record<string, Record<string, unknown>[]>,
  touched: Set<DatasetName>,
  version: string,
): Promise<void> {
  for (const name of touched) await txn.stage(`${name}.csv`, formatTableChunks(DATASETS[name] as DatasetSchema, tables[name]!));
  const check = await loadData(txn.dir, { files: txn.stagedFiles() });
  if (!check.data) throw new DataError(check.issues);
  await txn.stage('datapackage.json', [serialiseDescriptor(buildDescriptor(check.data as Data, version))]);
  await txn.commit();
}
