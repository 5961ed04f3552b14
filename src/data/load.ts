import { join } from 'node:path';
import { DATASETS, type Data, type DatasetName } from './datasets/index.js';
import { hasErrors, type DataIssue } from './errors.js';
import { DailySeriesBuilder, type DailySeries } from './daily-series.js';
import { streamTable } from './read-table.js';
import { RowChecks } from './row-checks.js';
import type { DatasetSchema } from './schema.js';
import { openSnapshot, type SnapshotFile } from './transaction.js';

export interface DatasetSummary {
  readonly name: DatasetName;
  readonly file: string;
  readonly rows: number;
  readonly encoding: string | undefined;
  /** Earliest and latest date or year in the dataset's date/year columns, when it has any. */
  readonly range: readonly [string, string] | undefined;
}

export interface LoadResult {
  /** Present only when there are no errors: callers never compute from half-valid data. */
  readonly data: Data | undefined;
  readonly issues: readonly DataIssue[];
  readonly summary: readonly DatasetSummary[];
  /** market-daily reduced for charts (see DailySeries), built as the file streams in. */
  readonly daily: readonly DailySeries[];
}

export interface LoadOptions {
  /**
   * false: market-daily is validated and reduced to `daily` as it streams, and its rows are not
   * kept (data['market-daily'] is empty), so memory stays flat however long the file is. Metrics
   * that need daily rows then fall back to the annual data. Default true.
   */
  readonly keepDailyRows?: boolean;
  /** Buckets per daily series (see DailySeriesBuilder). */
  readonly dailyBuckets?: number;
  /** File name in `dir` -> path to read instead (an import validates its staged files so). */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * Loads and validates every dataset in `dir`, each file streamed once: cells, then rules within a
 * row, primary keys and references to datasets loaded before it (datasets are read in reference
 * order: sources, markets, then the rest). All issues are collected; `data` is returned only if
 * none is an error. The files are one version of data/, even while an import replaces it (see
 * openSnapshot); a path that is not a regular file is an issue, never opened.
 */
export async function loadData(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const names = loadOrder();
  const snapshot = await openSnapshot(
    dir,
    names.map((n) => `${n}.csv`),
    options.files,
  );
  try {
    return await loadSnapshot(dir, names, snapshot.files, options);
  } finally {
    await snapshot.close();
  }
}

async function loadSnapshot(dir: string, names: readonly DatasetName[], files: Map<string, SnapshotFile>, options: LoadOptions): Promise<LoadResult> {
  const referenced = referencedColumns();
  const known = new Map<string, Map<string, ReadonlySet<string>>>();
  const tables = new Map<DatasetName, unknown[]>();
  const issues: DataIssue[] = [];
  const summary = new Map<DatasetName, DatasetSummary>();
  const daily = new DailySeriesBuilder(options.dailyBuckets);
  for (const name of names) {
    const schema = DATASETS[name] as DatasetSchema;
    const file = join(dir, `${name}.csv`);
    const rows: unknown[] = [];
    tables.set(name, rows);
    const range = new RangeTracker(schema);
    const opened = files.get(`${name}.csv`)!;
    if (!('handle' in opened)) {
      // An optional dataset (a series `import` writes) may simply not be there yet.
      if ('issue' in opened) issues.push(opened.issue);
      else if (!schema.optional) issues.push({ file, severity: 'error', message: 'file not found' });
      summary.set(name, { name, file, rows: 0, encoding: undefined, range: undefined });
      continue;
    }
    const checks = new RowChecks(schema, file, known, referenced.get(name));
    const isDaily = name === 'market-daily';
    const keep = !isDaily || options.keepDailyRows !== false;
    const read = await streamTable(opened, schema, { displayPath: file }, (row, line, log) => {
      checks.check(row, line, (issue) => log.add(issue));
      range.add(row);
      if (keep) rows.push(row);
      if (isDaily) daily.add(row as Data['market-daily'][number]);
    });
    issues.push(...read.issues);
    known.set(name, checks.collected);
    summary.set(name, { name, file, rows: read.rows, encoding: read.shape?.encoding, range: range.result() });
  }
  const all = Object.keys(DATASETS) as DatasetName[];
  const data = hasErrors(issues) ? undefined : (Object.fromEntries(all.map((n) => [n, tables.get(n)!])) as unknown as Data);
  return { data, issues, summary: all.map((n) => summary.get(n)!), daily: data ? daily.build() : [] };
}

/** Datasets ordered so that every one comes after those it refers to. */
function loadOrder(): DatasetName[] {
  const order: DatasetName[] = [];
  const visit = (name: DatasetName, path: readonly DatasetName[]) => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`datasets refer to each other in a cycle: ${[...path, name].join(' -> ')}`);
    for (const ref of (DATASETS[name] as DatasetSchema).references ?? []) visit(ref.resource as DatasetName, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(DATASETS) as DatasetName[]) visit(name, []);
  return order;
}

/** For each dataset, its columns that other datasets refer to (markets.id, sources.id). */
function referencedColumns(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const schema of Object.values(DATASETS) as DatasetSchema[]) {
    for (const ref of schema.references ?? []) {
      const list = out.get(ref.resource) ?? [];
      if (!list.includes(ref.resourceField)) list.push(ref.resourceField);
      out.set(ref.resource, list);
    }
  }
  return out;
}

/** Coverage in the finest unit the dataset has: its dates if any, else its years. */
class RangeTracker {
  private readonly fields: string[];
  private lo: string | undefined;
  private hi: string | undefined;

  constructor(schema: DatasetSchema) {
    const entries = Object.entries(schema.fields);
    const dates = entries.filter(([field, f]) => f.type === 'date' && field !== 'retrieved').map(([field]) => field);
    const years = entries.filter(([field, f]) => f.type === 'integer' && /year/.test(field)).map(([field]) => field);
    this.fields = dates.length > 0 ? dates : years;
  }

  add(row: Readonly<Record<string, unknown>>): void {
    for (const field of this.fields) {
      const v = row[field];
      if (v === null || v === undefined) continue;
      const s = String(v);
      if (this.lo === undefined || s < this.lo) this.lo = s;
      if (this.hi === undefined || s > this.hi) this.hi = s;
    }
  }

  result(): readonly [string, string] | undefined {
    return this.lo !== undefined && this.hi !== undefined ? [this.lo, this.hi] : undefined;
  }
}
