import type { DatasetSchema } from './schema.js';

/** A dataset's rows as CSV in its schema's column order, as data/ keeps them (UTF-8, LF). */
export function formatTable(schema: DatasetSchema, rows: readonly Record<string, unknown>[]): string {
  const fields = Object.keys(schema.fields);
  const lines = [fields.join(','), ...rows.map((row) => fields.map((f) => cell(row[f])).join(','))];
  return `${lines.join('\n')}\n`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
