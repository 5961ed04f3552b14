import { stringify } from 'csv-stringify/sync';
import type { DatasetSchema } from './schema.js';

/**
 * The one CSV writer: data/ files and the chart downloads both go through formatCsv (csv-stringify,
 * the writer of the csv-parse project the loaders read with). RFC 4180 quoting; a cell with a
 * quote, comma or line break, or with leading or trailing space, is quoted.
 */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Line ending: data/ keeps LF; downloads use CRLF, as spreadsheets write it. */
  readonly newline: '\n' | '\r\n';
  /** Neutralise cells a spreadsheet would run as formulas (see neutraliseFormula): for files people open. */
  readonly formulas: 'keep' | 'neutralise';
}

export function formatCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions): string {
  const neutralise = options.formulas === 'neutralise';
  return stringify(rows as CsvCell[][], {
    record_delimiter: options.newline === '\n' ? 'unix' : 'windows',
    eof: true,
    quoted_match: /[\r\n]|^\s|\s$/,
    cast: {
      boolean: (value) => (value ? 'true' : 'false'),
      number: (value) => String(value),
      string: (value) => (neutralise ? neutraliseFormula(value) : value),
    },
  });
}

/** A dataset's rows as CSV in its schema's column order, as data/ keeps them (UTF-8, LF). */
export function formatTable(schema: DatasetSchema, rows: readonly Record<string, unknown>[]): string {
  return [...formatTableChunks(schema, rows)].join('');
}

/** Rows per chunk of formatTableChunks. */
const CHUNK_ROWS = 10_000;

/**
 * The same CSV in chunks of lines, to be written one after another: a dataset of millions of rows
 * is more text than one JavaScript string may hold ("Invalid string length").
 */
export function* formatTableChunks(schema: DatasetSchema, rows: readonly Record<string, unknown>[]): Generator<string> {
  const fields = Object.keys(schema.fields);
  const cell = (value: unknown): CsvCell =>
    value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  yield formatCsv([fields], { newline: '\n', formulas: 'keep' });
  // The one CSV writer, a chunk of lines at a time.
  for (let at = 0; at < rows.length; at += CHUNK_ROWS) {
    yield formatCsv(
      rows.slice(at, at + CHUNK_ROWS).map((row) => fields.map((f) => cell(row[f]))),
      { newline: '\n', formulas: 'keep' },
    );
  }
}

/** Characters that start a formula in Excel, LibreOffice or Google Sheets, full-width forms included. */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
/** A plain number (`-3.5`, `+2`, `1e-3`): a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Separators after which a spreadsheet may start a new cell: `;` (Excel in many locales), `,`, `|`, tab and line breaks. */
const SEPARATED_PART = /([;,|\t\r\n])([^;,|\t\r\n]*)/g;

const startsFormula = (part: string) => FORMULA_START.test(part) && !PLAIN_NUMBER.test(part.trim());

/**
 * OWASP's CSV-injection rule, for text cells (numbers are written as numbers and left alone):
 * a cell starting with = + - @ (or ＝ ＋ － ＠), after any leading whitespace, or with a tab, CR or
 * LF, gets a leading `'`; so does every part after a separator inside the cell (`a;=cmd()` opened
 * by Excel where `;` separates fields becomes `a;'=cmd()`). Text that is a plain number (`-3.5`)
 * is a number to a spreadsheet, not a formula, and stays as it is.
 */
export function neutraliseFormula(text: string): string {
  const inner = text.replace(SEPARATED_PART, (whole, separator: string, part: string) => (startsFormula(part) ? `${separator}'${part}` : whole));
  return startsFormula(text) || /^[\t\r\n]/.test(text) ? `'${inner}` : inner;
}
