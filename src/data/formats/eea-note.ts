import type { DataIssue } from '../errors.js';

/**
 * A table in the text extracted from one of the EEA's PDF notes: a caption line ("Table 13-1 …"),
 * a line of years, an optional unit line, then one line per row: a name and one number per year,
 * in columns aligned with spaces. The table ends at the first blank line after its rows.
 */
export interface NoteTable {
  readonly caption: string;
  readonly years: readonly number[];
  readonly unit: string | undefined;
  readonly rows: readonly { readonly name: string; readonly line: number; readonly values: readonly number[] }[];
}

const YEARS_LINE = /^\s*(?:(?:19|20)\d\d\s+)*(?:19|20)\d\d\s*$/;
const ROW_LINE = /^\s*(\p{L}[\p{L} .'()-]*?)\s+(-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)*)\s*$/u;
/** How far below its caption a table's line of years may be (captions wrap, headers have a line of periods). */
const HEADER_REACH = 8;

/** True when `text` holds a caption starting with `caption` followed by a line of years. */
export function hasNoteTable(text: string, caption: string): boolean {
  return findHeader(text.split(/\r\n|\n|\r/), caption) !== undefined;
}

/** Reads the table captioned `caption` (e.g. "Table 13-1"); a row that does not fit is an error with its line. */
export function readNoteTable(text: string, caption: string, file: string): { table: NoteTable | undefined; issues: DataIssue[] } {
  const lines = text.split(/\r\n|\n|\r/);
  const issues: DataIssue[] = [];
  const header = findHeader(lines, caption);
  if (header === undefined) {
    issues.push({
      file,
      severity: 'error',
      message: `no ${caption} followed by a line of years`,
      expected: `a line starting with "${caption}", then years such as 2005 2006 …`,
    });
    return { table: undefined, issues };
  }
  const years = lines[header.years]!.trim().split(/\s+/).map(Number);
  const rows: { name: string; line: number; values: number[] }[] = [];
  let unit: string | undefined;
  for (let i = header.years + 1; i < lines.length; i++) {
    const line = clean(lines[i]!);
    if (line.trim() === '') {
      if (rows.length > 0) break;
      continue;
    }
    const m = ROW_LINE.exec(line);
    if (!m) {
      if (rows.length > 0) break;
      unit = line.trim(); // the line between the years and the first row: the table's unit
      continue;
    }
    const values = m[2]!.trim().split(/\s+/).map(Number);
    if (values.length !== years.length) {
      issues.push({
        file,
        line: i + 1,
        severity: 'error',
        value: line.trim(),
        message: `${caption}: a row with ${values.length} values under ${years.length} years`,
      });
      continue;
    }
    rows.push({ name: m[1]!.trim(), line: i + 1, values });
  }
  if (rows.length === 0) issues.push({ file, line: header.years + 1, severity: 'error', message: `${caption}: no rows under its years` });
  return { table: { caption: clean(lines[header.caption]!).trim(), years, unit, rows }, issues };
}

function findHeader(lines: readonly string[], caption: string): { caption: number; years: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    if (!clean(lines[i]!).trimStart().startsWith(caption)) continue;
    for (let j = i + 1; j <= i + HEADER_REACH && j < lines.length; j++) if (YEARS_LINE.test(lines[j]!)) return { caption: i, years: j };
  }
  return undefined;
}

/** Page breaks (form feeds) left by the PDF extraction start some lines. */
function clean(line: string): string {
  return line.replace(/\f/g, '');
}
