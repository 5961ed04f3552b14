import type { DataIssue } from './errors.js';
import type { Fields } from './schema.js';

/** How header texts are compared: case, width (full-width ＡＢ), spacing and a stray BOM ignored. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/\ufeff/g, '')
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export interface ColumnMap {
  /** field name -> 0-based column index, for the fields present in the file. */
  readonly indexOf: ReadonlyMap<string, number>;
  readonly issues: DataIssue[];
}

/**
 * Matches a header row to a dataset's fields by name or alias. Unknown columns are errors in
 * data/ (a typo must not silently drop a column) and ignored when reading foreign files.
 */
export function mapHeader(
  header: readonly string[],
  fields: Fields,
  file: string,
  line: number,
  unknownColumns: 'error' | 'ignore',
  /** field -> the header to read it from, when a file has several candidates (settle and close). */
  chosen: Readonly<Record<string, string>> = {},
): ColumnMap {
  const lookup = new Map<string, string>();
  for (const [name, field] of Object.entries(fields)) {
    if (Object.hasOwn(chosen, name)) continue; // not `chosen[name]`: a field may be called "constructor"
    lookup.set(normaliseHeader(name), name);
    for (const alias of field.aliases) lookup.set(normaliseHeader(alias), name);
  }
  // A chosen header wins; the field's other names then count as unknown columns.
  for (const [name, headerText] of Object.entries(chosen)) {
    for (const [key, value] of [...lookup]) if (value === name) lookup.delete(key);
    lookup.set(normaliseHeader(headerText), name);
  }
  const indexOf = new Map<string, number>();
  const issues: DataIssue[] = [];
  header.forEach((cell, index) => {
    const name = lookup.get(normaliseHeader(cell));
    if (name === undefined) {
      if (unknownColumns === 'error' && cell.trim() !== '') {
        issues.push({
          file,
          line,
          column: cell,
          columnIndex: index + 1,
          severity: 'error',
          message: 'unknown column',
          expected: `one of: ${Object.keys(fields).join(', ')}`,
        });
      }
      return;
    }
    const previous = indexOf.get(name);
    if (previous !== undefined) {
      issues.push({
        file,
        line,
        column: cell,
        columnIndex: index + 1,
        severity: 'error',
        message: `duplicate column: "${header[previous]}" (column ${previous + 1}) already provides field "${name}"`,
      });
      return;
    }
    indexOf.set(name, index);
  });
  for (const [name, field] of Object.entries(fields)) {
    if (field.required && !indexOf.has(name)) {
      const names = [name, ...field.aliases].map((n) => `"${n}"`).join(', ');
      issues.push({ file, line, severity: 'error', message: `missing required column "${name}"`, expected: `a column named ${names}` });
    }
  }
  return { indexOf, issues };
}
