import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASETS, type Data, type DatasetName } from './datasets/index.js';
import { hasErrors, type DataIssue } from './errors.js';
import { DEFAULT_MAX_ISSUES, readTable, type TableRead } from './read-table.js';
import type { DatasetSchema } from './schema.js';

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
}

/**
 * Loads and validates every dataset in `dir`: cells, then rules within a row, then primary keys
 * and references across datasets. All issues are collected; `data` is returned only if none is an
 * error.
 */
export async function loadData(dir: string): Promise<LoadResult> {
  const names = Object.keys(DATASETS) as DatasetName[];
  const reads = await Promise.all(
    names.map(async (name) => {
      const schema = DATASETS[name] as DatasetSchema;
      const file = join(dir, `${name}.csv`);
      // An optional dataset (a series `import` writes) may simply not be there yet.
      if (schema.optional && !(await exists(file))) return { rows: [], lines: [], issues: [], shape: undefined };
      return readTable(file, schema, { displayPath: file });
    }),
  );
  const tables = new Map(names.map((name, i) => [name, reads[i]!] as const));
  const issues: DataIssue[] = reads.flatMap((r) => r.issues);
  for (const name of names) {
    const schema = DATASETS[name] as DatasetSchema;
    const table = tables.get(name)!;
    const file = join(dir, `${name}.csv`);
    issues.push(...capped(file, [...checkRowRules(schema, table, file), ...checkPrimaryKey(schema, table, file), ...checkReferences(schema, table, file, tables)]));
  }
  const summary = names.map((name) => summarise(name, DATASETS[name] as DatasetSchema, tables.get(name)!, join(dir, `${name}.csv`)));
  const data = hasErrors(issues) ? undefined : (Object.fromEntries(names.map((n) => [n, tables.get(n)!.rows])) as unknown as Data);
  return { data, issues, summary };
}

type AnyTable = TableRead<Record<string, unknown>>;

/** At most DEFAULT_MAX_ISSUES listed per file, the rest counted, as for cell errors. */
function capped(file: string, issues: DataIssue[]): DataIssue[] {
  if (issues.length <= DEFAULT_MAX_ISSUES) return issues;
  const rest = issues.length - DEFAULT_MAX_ISSUES;
  return [...issues.slice(0, DEFAULT_MAX_ISSUES), { file, severity: 'error', message: `…and ${rest} more issues in this file (only the first ${DEFAULT_MAX_ISSUES} are listed)` }];
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

function checkRowRules(schema: DatasetSchema, table: AnyTable, file: string): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const rule of schema.rowRules ?? []) {
    table.rows.forEach((row, i) => {
      const message = rule.check(row);
      if (message !== undefined) issues.push({ file, line: table.lines[i]!, column: rule.field, severity: 'error', message });
    });
  }
  return issues;
}

function checkPrimaryKey(schema: DatasetSchema, table: AnyTable, file: string): DataIssue[] {
  const key = schema.primaryKey;
  if (!key || key.length === 0) return [];
  const seen = new Map<string, number>();
  const issues: DataIssue[] = [];
  table.rows.forEach((row, i) => {
    const value = JSON.stringify(key.map((k) => row[k]));
    const line = table.lines[i]!;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, line);
    else {
      const shown = key.map((k) => `${k}=${String(row[k])}`).join(', ');
      issues.push({ file, line, severity: 'error', message: `duplicate row: ${shown} already appears on line ${first}` });
    }
  });
  return issues;
}

function checkReferences(schema: DatasetSchema, table: AnyTable, file: string, tables: Map<DatasetName, AnyTable>): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const ref of schema.references ?? []) {
    const target = tables.get(ref.resource as DatasetName);
    if (!target) continue;
    const known = new Set(target.rows.map((r) => String(r[ref.resourceField])));
    table.rows.forEach((row, i) => {
      const raw = row[ref.field];
      if (raw === null || raw === undefined) return;
      const values = ref.list ? String(raw).split(';').map((s) => s.trim()) : [String(raw)];
      for (const value of values) {
        if (!known.has(value)) {
          issues.push({
            file, line: table.lines[i]!, column: ref.field, value, severity: 'error',
            message: `unknown ${ref.resourceField} in ${ref.resource}.csv`,
            expected: `one of: ${[...known].sort().join(', ')}`,
          });
        }
      }
    });
  }
  return issues;
}

function summarise(name: DatasetName, schema: DatasetSchema, table: AnyTable, file: string): DatasetSummary {
  // Coverage in the finest unit the dataset has: its dates if any, else its years.
  const entries = Object.entries(schema.fields);
  const dates = entries.filter(([field, f]) => f.type === 'date' && field !== 'retrieved').map(([field]) => field);
  const years = entries.filter(([field, f]) => f.type === 'integer' && /year/.test(field)).map(([field]) => field);
  const temporal = dates.length > 0 ? dates : years;
  let lo: string | undefined;
  let hi: string | undefined;
  for (const row of table.rows) {
    for (const field of temporal) {
      const v = row[field];
      if (v === null || v === undefined) continue;
      const s = String(v);
      if (lo === undefined || s < lo) lo = s;
      if (hi === undefined || s > hi) hi = s;
    }
  }
  return {
    name, file, rows: table.rows.length, encoding: table.shape?.encoding,
    range: lo !== undefined && hi !== undefined ? [lo, hi] : undefined,
  };
}
