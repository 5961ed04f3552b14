import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';
import { addDays } from '../dates.js';
import type { DataIssue } from '../errors.js';
import { mapHeader } from '../header.js';
import { InputError } from '../input.js';
import { readTable, type ReadTableOptions, type TableRead } from '../read-table.js';
import type { DatasetSchema, Fields, RowOf } from '../schema.js';
import { formatCsv } from '../write-table.js';
import { isZip, zipEntries } from './zip.js';

/**
 * Excel workbooks as publishers write them: legacy binary .xls (BIFF8, EEX's auction reports to
 * 2019) and .xlsx (from 2020; China's pilot-market quotes). Read with SheetJS (@e965/xlsx, the
 * current 0.20 release), then every cell becomes the text a CSV would hold, so the project's one
 * set of rules for headers, numbers, units and missing values applies unchanged: a cell typed as a
 * number is written out in full, a date cell as its ISO date, an error cell (#N/A) as its text.
 */

export interface Sheet {
  readonly name: string;
  /** Cells as text, one array per row from row 1 and column A, so positions are Excel's. */
  readonly rows: readonly (readonly string[])[];
}

export interface Workbook {
  readonly sheets: readonly Sheet[];
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An .xls (OLE compound file) or an .xlsx (a zip with an Office workbook part). */
export function looksLikeWorkbook(bytes: Uint8Array): boolean {
  if (CFB_MAGIC.every((b, i) => bytes[i] === b)) return true;
  if (!isZip(bytes)) return false;
  try {
    return zipEntries(bytes).some((e) => e.name === 'xl/workbook.xml' || e.name === 'xl/workbook.bin');
  } catch {
    return false;
  }
}

// Recognising a file and then reading it parse the same bytes: parse them once.
const parsed = new WeakMap<Uint8Array, Promise<Workbook>>();

/** How long a workbook may take to parse (ETS_BRIEF_WORKBOOK_SECONDS, default 60); the largest real one (1 MB) takes a few seconds. */
export function workbookSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.ETS_BRIEF_WORKBOOK_SECONDS);
  return Number.isFinite(configured) && configured > 0 ? configured : 60;
}

/** Memory the parsing thread may use, in MiB. */
const WORKBOOK_HEAP_MIB = 1024;

/**
 * The workbook's sheets as text cells; a file that cannot be read is an InputError naming it.
 * SheetJS parses on a worker thread with a time and a memory limit: some damaged .xls files make
 * it loop for ever or allocate without end (found by test/data/fuzz-workbooks.test.ts), and a
 * damaged download must be refused, not hang the import or exhaust the machine.
 */
export function readWorkbook(bytes: Uint8Array, display: string): Promise<Workbook> {
  let pending = parsed.get(bytes);
  if (!pending) {
    pending = parseOnWorker(bytes, display).then((raw) => ({
      sheets: raw.sheets.map((s) => ({ name: s.name, rows: s.rows.map((row) => (row ?? []).map((cell) => cellText(cell ?? undefined, raw.date1904))) })),
    }));
    parsed.set(bytes, pending);
  }
  return pending;
}

/** What the parsing thread sends back: each sheet's cells (type, value, number format, text), row by row. */
interface RawWorkbook {
  readonly date1904: boolean;
  readonly sheets: readonly { readonly name: string; readonly rows: readonly (readonly (XLSX.CellObject | null)[] | null)[] }[];
}

// The thread's code, run as CommonJS: it loads SheetJS by the path this module resolves, so it
// works from the compiled package and from the TypeScript sources alike. Values and number
// formats only: no formulas, styles, macros or HTML are read. SheetJS's console notes about
// records it does not know are silenced (they are not the user's business).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
for (const k of ['log', 'warn', 'error', 'info', 'debug']) console[k] = () => {};
const XLSX = require(workerData.xlsx);
let out;
try {
  const book = XLSX.read(workerData.bytes, { type: 'array', dense: true, cellNF: true, cellFormula: false, cellHTML: false, cellStyles: false, bookVBA: false, sheetStubs: false });
  let cells = 0;
  const sheets = book.SheetNames.map((name) => ({ name, rows: Array.from(book.Sheets[name]['!data'] || [], (row) => {
    if (!row) return null;
    cells += row.length;
    if (cells > workerData.maxCells) throw new Error('more than ' + workerData.maxCells + ' cells');
    return Array.from(row, (c) => (c ? { t: c.t, v: c.v, z: c.z, w: c.w } : null));
  }) }));
  out = { sheets, date1904: !!(book.Workbook && book.Workbook.WBProps && book.Workbook.WBProps.date1904) };
} catch (error) {
  out = { error: String(error && error.message || error) };
}
parentPort.postMessage(out);
`;

const XLSX_PATH = createRequire(import.meta.url).resolve('@e965/xlsx');
/** Cells read from one workbook at most: 25 million is far beyond any export, and bounds memory. */
const MAX_CELLS = 25_000_000;

function parseOnWorker(bytes: Uint8Array, display: string): Promise<RawWorkbook> {
  const refuse = (message: string) => new InputError({ file: display, severity: 'error', message, expected: 'an intact .xls or .xlsx file' });
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bytes, xlsx: XLSX_PATH, maxCells: MAX_CELLS },
      resourceLimits: { maxOldGenerationSizeMb: WORKBOOK_HEAP_MIB },
      stdout: true,
      stderr: true,
    });
    const seconds = workbookSeconds();
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(refuse(`not a readable workbook: parsing did not finish within ${seconds} s (a damaged file?)`));
    }, seconds * 1000);
    const settle = () => clearTimeout(timer);
    worker.once('message', (reply: RawWorkbook | { error: string }) => {
      settle();
      void worker.terminate();
      if ('error' in reply) reject(refuse(`not a readable workbook: ${reply.error}`));
      else resolve(reply);
    });
    worker.once('error', (error) => {
      settle();
      reject(refuse(`not a readable workbook: ${error.message}`));
    });
    worker.once('exit', () => {
      settle();
      reject(refuse('not a readable workbook: the reader stopped without an answer'));
    });
  });
}

const isDateFormat = XLSX.SSF.is_date as (format: string) => boolean;

/** The text a CSV export of the cell would hold. */
export function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'n': {
      const value = cell.v as number;
      if (typeof cell.z === 'string' && isDateFormat(cell.z)) return excelDate(value, date1904) ?? String(value);
      return String(value);
    }
    case 'b':
      return cell.v ? 'true' : 'false';
    case 'e':
      return cell.w ?? '#N/A';
    case 'd':
      return (cell.v as Date).toISOString().slice(0, 10);
    default:
      return String(cell.v);
  }
}

/**
 * The calendar day of an Excel serial date (its time of day dropped). Serials count days from
 * 1899-12-30 (Excel's 1900 system, which counts a 29 February 1900 that never was, so serials
 * before 61 are not converted) or from 1904-01-01 in workbooks that say so.
 */
export function excelDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 61) || serial >= 2_958_466) return undefined;
  return addDays(date1904 ? '1904-01-01' : '1899-12-30', Math.floor(serial));
}

/** Rows searched for the header: publishers put titles and notes above it. */
const HEADER_WITHIN = 30;

export interface SheetTable<R> extends TableRead<R> {
  /** The sheet as named in messages: the file and the sheet. */
  readonly display: string;
  /** 1-based row of the header; undefined when none was found. */
  readonly headerLine: number | undefined;
}

/**
 * The first row (within the first rows) that names every required field of `schema` (every field,
 * when none is required: a title row must not pass for a header), 0-based.
 */
export function findHeader(sheet: Sheet, schema: DatasetSchema, chosen: Readonly<Record<string, string>> = {}): number | undefined {
  const fields = Object.values(schema.fields);
  const needed = fields.some((f) => f.required) ? fields.filter((f) => f.required).length : fields.length;
  for (let r = 0; r < Math.min(sheet.rows.length, HEADER_WITHIN); r++) {
    const map = mapHeader(sheet.rows[r]!, schema.fields, '', r + 1, 'ignore', chosen);
    const named = [...map.indexOf.keys()].filter((name) => needed === fields.length || schema.fields[name]!.required).length;
    if (named >= needed && !map.issues.some((i) => i.message.startsWith('missing required column'))) return r;
  }
  return undefined;
}

/**
 * Reads one sheet as a table of `schema`: the header is found by content (the first row naming
 * every required field, by name or alias), columns are matched by name, and every cell is checked
 * exactly as a CSV cell is (readTable). Issues name the file and sheet, and Excel's row numbers.
 */
export async function readSheetTable<S extends DatasetSchema<Fields>>(
  sheet: Sheet,
  schema: S,
  display: string,
  options: ReadTableOptions = {},
): Promise<SheetTable<RowOf<S>>> {
  const where = `${display} [sheet ${sheet.name}]`;
  const header = findHeader(sheet, schema, options.columns);
  if (header === undefined) {
    const required = Object.entries(schema.fields)
      .filter(([, f]) => f.required)
      .map(([n]) => n);
    const issues: DataIssue[] = [
      { file: where, severity: 'error', message: `no header row in the first ${HEADER_WITHIN} rows`, expected: `a row naming ${required.join(', ')}` },
    ];
    return { rows: [], lines: [], issues, shape: undefined, display: where, headerLine: undefined };
  }
  // One CSV line per sheet row (line breaks inside cells become spaces), so line n of the CSV is
  // sheet row header + n; empty rows stay as rows of empty cells, which readTable passes over.
  const width = sheet.rows[header]!.length;
  const records = sheet.rows.slice(header).map((row) => Array.from({ length: width }, (_, c) => (row[c] ?? '').replace(/\r\n?|\n/g, ' ')));
  const csv = Buffer.from(formatCsv(records, { newline: '\n', formulas: 'keep' }), 'utf8');
  const read = await readTable(csv, schema, { ...options, displayPath: where, unknownColumns: 'ignore' });
  const toSheetLine = (line: number) => line + header;
  return {
    ...read,
    lines: read.lines.map(toSheetLine),
    issues: read.issues.map((i) => (i.line === undefined ? i : { ...i, line: toSheetLine(i.line) })),
    display: where,
    headerLine: header + 1,
  };
}
