import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { createDecoder, DecodeError, detectEncoding, SNIFF_BYTES, type TextEncoding } from './decode.js';
import type { DataIssue } from './errors.js';
import { detectDelimiter, type Delimiter } from './sniff.js';

export interface FileShape {
  readonly encoding: TextEncoding;
  readonly bomLength: number;
  readonly delimiter: Delimiter;
  /** Line endings records may end with: CRLF and LF always, a lone CR only if the sample has one. */
  readonly lineEndings?: readonly string[];
}

/** Reads just the first bytes of a file to decide its encoding and delimiter. */
export async function sniffFile(path: string): Promise<FileShape> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const sample = buffer.subarray(0, bytesRead);
    const { encoding, bomLength } = detectEncoding(sample);
    const text = new TextDecoder(encoding).decode(sample.subarray(bomLength));
    // Old Mac files end lines with a lone CR. Each extra line ending slows csv-parse a little, so
    // it is looked for only where the sample shows one (a CR at the sample's very end may be the
    // first half of a CRLF). A lone CR later in a CRLF/LF file would join two lines into one
    // record, which the cell count then reports.
    const loneCr = /\r(?!\n)/.exec(text);
    const lineEndings = loneCr && loneCr.index < text.length - 1 ? ['\r\n', '\n', '\r'] : ['\r\n', '\n'];
    return { encoding, bomLength, delimiter: detectDelimiter(text), lineEndings };
  } finally {
    await handle.close();
  }
}

export interface CsvRecord {
  readonly cells: readonly string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

/** Largest single field accepted; a bigger one is almost certainly a broken quote swallowing the file. */
export const MAX_FIELD_BYTES = 8 * 1024 * 1024;

/**
 * Calls `onRecord` for each record of a delimited text file, whatever its encoding and delimiter,
 * without holding the file in memory; `onRecord` returns false to stop early. Structural failures
 * (an invalid byte, an unclosed quote) end the reading with one located issue pushed to `issues`;
 * they are not thrown. Empty lines are skipped (and counted, so line numbers stay true).
 */
export function forEachRecord(
  path: string,
  displayPath: string,
  shape: FileShape,
  issues: DataIssue[],
  onRecord: (cells: string[], line: number) => boolean | void,
): Promise<void> {
  const parser = parse({
    delimiter: shape.delimiter,
    relax_column_count: true,
    // Both CRLF and LF, so a file mixing them (edited on two systems) is not folded into one field.
    record_delimiter: [...(shape.lineEndings ?? ['\r\n', '\n', '\r'])],
    bom: false,
    max_record_size: MAX_FIELD_BYTES,
    // No `info` and no skip_empty_lines: both made csv-parse about 1.5x slower; lines are counted
    // here instead, and an empty line arrives as [''] and is skipped below.
  });
  // csv-parse counts a CRLF inside a quoted field as two lines, so lines are counted here: a
  // record starts on the line after the previous record's last line.
  let nextLine = 1;
  let lastLine = 1;
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      if (error !== undefined) issues.push(toIssue(error, displayPath, lastLine, shape.encoding));
      resolve();
    };
    const stream = pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), createDecoder(shape.encoding, shape.bomLength), parser, (error) => finish(error ?? undefined));
    parser.on('data', (cells: string[]) => {
      if (done) return;
      const line = nextLine;
      lastLine = line;
      if (cells.length === 1 && cells[0] === '') {
        nextLine++;
        return;
      }
      nextLine = line + 1 + countLineBreaksIn(cells);
      if (onRecord(cells, line) === false) {
        finish();
        stream.destroy();
      }
    });
  });
}

/** The records of a small file, one at a time (for readers that decide as they go). */
export async function* readRecords(path: string, displayPath: string, shape: FileShape, issues: DataIssue[]): AsyncGenerator<CsvRecord> {
  const records: CsvRecord[] = [];
  await forEachRecord(path, displayPath, shape, issues, (cells, line) => {
    records.push({ cells, line });
  });
  yield* records;
}

function countLineBreaksIn(cells: readonly string[]): number {
  let n = 0;
  for (const c of cells) n += countLineBreaks(c);
  return n;
}

function countLineBreaks(text: string): number {
  if (!text.includes('\n') && !text.includes('\r')) return 0;
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function toIssue(error: unknown, file: string, lastLine: number, encoding: TextEncoding): DataIssue {
  if (error instanceof DecodeError) {
    return {
      file, severity: 'error', line: lastLine,
      message: `the file is not valid ${encoding} text near byte ${error.byteOffset}`,
      expected: 'UTF-8 (with or without BOM) or GB18030 text',
    };
  }
  if (error instanceof CsvError) {
    const line = typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : lastLine;
    return { file, line, severity: 'error', message: `malformed CSV: ${error.message.replace(/^Invalid Record Length: |^.*?: /, '')}` };
  }
  if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
    return { file, severity: 'error', message: 'file not found' };
  }
  return { file, line: lastLine, severity: 'error', message: `could not read the file: ${(error as Error).message ?? String(error)}` };
}
