import type { DatasetSchema } from './schema.js';

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
  yield `${fields.join(',')}\n`;
  for (let at = 0; at < rows.length; at += CHUNK_ROWS) {
    let text = '';
    for (const row of rows.slice(at, at + CHUNK_ROWS)) text += `${fields.map((f) => cell(row[f])).join(',')}\n`;
    yield text;
  }
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
