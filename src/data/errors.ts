/**
 * Data problems are values with a location until the CLI prints them: a loader never throws for
 * bad data, it returns issues, so a file with ten broken cells reports all ten.
 */
export interface DataIssue {
  file: string;
  /** 1-based physical line in the file; undefined for file-level problems. */
  line?: number | undefined;
  /** Column header as written in the file, when the problem is in one cell. */
  column?: string | undefined;
  /** 1-based column position, when known. */
  columnIndex?: number | undefined;
  /** The offending raw text, when there is one. */
  value?: string | undefined;
  /** What the field accepts, in words a data editor understands. */
  expected?: string | undefined;
  message: string;
  severity: 'error' | 'warning';
}

/** Thrown only at the edges (CLI, library API) to carry every issue found, never a single one. */
export class DataError extends Error {
  readonly issues: readonly DataIssue[];
  constructor(issues: readonly DataIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(`${errors.length} data error${errors.length === 1 ? '' : 's'}:\n${errors.map(formatIssue).join('\n')}`);
    this.name = 'DataError';
    this.issues = issues;
  }
}

/** `file:line:column: message (got "x"; expected y)`, the form editors and terminals link to. */
export function formatIssue(issue: DataIssue): string {
  let where = issue.file;
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.columnIndex !== undefined) where += `:${issue.columnIndex}`;
  const column = issue.column !== undefined ? ` [${issue.column}]` : '';
  const got = issue.value !== undefined ? ` got ${JSON.stringify(truncate(issue.value, 80))}` : '';
  const expected = issue.expected !== undefined ? `${got ? ';' : ''} expected ${issue.expected}` : '';
  const detail = got || expected ? ` (${(got + expected).trim()})` : '';
  return `${where}: ${issue.severity}${column}: ${issue.message}${detail}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function hasErrors(issues: readonly DataIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
