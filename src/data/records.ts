import type { FileHandle } from 'node:fs/promises';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { createDecoder, DecodeError, detectEncoding, SNIFF_BYTES, type TextEncoding } from './decode.js';
import type { DataIssue } from './errors.js';
import { InputError, maxFileBytes, openRegularFile, tooLarge } from './input.js';
import { detectDelimiter, type Delimiter } from './sniff.js';
import { isMissing } from '../missing.js';

/**
 * What a reader reads: a path (opened with openRegularFile: regular files of bounded size only),
 * bytes already in memory (an imported file, read once so that what is hashed is what is parsed),
 * or a file already open (data/ read as one consistent snapshot).
 */
export type ByteSource = string | Uint8Array | { readonly handle: FileHandle };

/** A display name for a source that has no path of its own. */
export function sourceName(source: ByteSource, displayPath?: string): string {
  return displayPath ?? (typeof source === 'string' ? source : '(input)');
}

export interface FileShape {
  readonly encoding: TextEncoding;
  readonly bomLength: number;
  readonly delimiter: Delimiter;
  /** Line endings records may end with: CRLF and LF always, a lone CR only if the sample has one. */
  readonly lineEndings?: readonly string[];
}

/** Reads just the first bytes of a file to decide its encoding and delimiter. */
export async function sniffFile(source: ByteSource, displayPath?: string): Promise<FileShape> {
  if (source instanceof Uint8Array) return shapeOf(source.subarray(0, SNIFF_BYTES));
  const handle = typeof source === 'string' ? await openRegularFile(source, sourceName(source, displayPath)) : source.handle;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return shapeOf(buffer.subarray(0, bytesRead));
  } finally {
    if (typeof source === 'string') await handle.close();
  }
}

function shapeOf(sample: Uint8Array): FileShape {
  const { encoding, bomLength } = detectEncoding(sample);
  const text = new TextDecoder(encoding).decode(sample.subarray(bomLength));
  // Old Mac files end lines with a lone CR. Each extra line ending slows csv-parse a little, so
  // it is looked for only where the sample shows one (a CR at the sample's very end may be the
  // first half of a CRLF). A lone CR later in a CRLF/LF file would join two lines into one
  // record, which the cell count then reports.
  const loneCr = /\r(?!\n)/.exec(text);
  const lineEndings = loneCr && loneCr.index < text.length - 1 ? ['\r\n', '\n', '\r'] : ['\r\n', '\n'];
  return { encoding, bomLength, delimiter: detectDelimiter(text), lineEndings };
}

export interface CsvRecord {
  readonly cells: readonly string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

/** Largest single field accepted; a bigger one is almost certainly a broken quote swallowing the file. */
export const MAX_FIELD_BYTES = 8 * 1024 * 1024;

/** Control characters refused in any cell: C0 but tab, LF and CR; DEL; C1. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** The same in UTF-8 bytes seen as latin1 (C1 is encoded as C2 80–C2 9F). */
const CONTROL_UTF8 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\u00c2[\u0080-\u009f]/;
/** Control-character issues reported per file before the reading stops. */
const MAX_CONTROL_ISSUES = 100;

/**
 * Calls `onRecord` for each record of a delimited text file, whatever its encoding and delimiter,
 * without holding the file in memory; `onRecord` returns false to stop early. Structural failures
 * (a file that is not a regular file or is too large, an invalid byte, an unclosed quote) end the
 * reading with one located issue pushed to `issues`; they are not thrown. Empty lines are skipped
 * (and counted, so line numbers stay true). A record with a control character in a cell is
 * reported at that cell and not passed on: a NUL is never data.
 */
export async function forEachRecord(
  source: ByteSource,
  displayPath: string,
  shape: FileShape,
  issues: DataIssue[],
  onRecord: (cells: string[], line: number) => boolean | undefined,
): Promise<void> {
  let opened: FileHandle | undefined;
  let bytes: Readable;
  if (source instanceof Uint8Array) bytes = Readable.from(chunksOf(source));
  else {
    if (typeof source === 'string') {
      try {
        opened = await openRegularFile(source, displayPath);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        issues.push(error.issue);
        return;
      }
    }
    bytes = (opened ?? (source as { handle: FileHandle }).handle).createReadStream({ start: 0, highWaterMark: 1 << 20, autoClose: false });
  }
  try {
    // A path is bounded in size like every file read for import; bytes in memory already are, and
    // an open data/ file is streamed with memory flat whatever its size.
    await parseRecords(opened ? [bytes, sizeLimit(displayPath)] : [bytes], displayPath, shape, issues, onRecord);
  } finally {
    await opened?.close();
  }
}

function parseRecords(
  bytes: readonly [Readable, ...Transform[]],
  displayPath: string,
  shape: FileShape,
  issues: DataIssue[],
  onRecord: (cells: string[], line: number) => boolean | undefined,
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
  let controlIssues = 0;
  // Cells are searched for control characters only once the text has shown one (most never do).
  const scanner = controlScanner();
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      if (error !== undefined) issues.push(toIssue(error, displayPath, lastLine, shape.encoding));
      resolve();
    };
    const stream = parser;
    pipeline([...bytes, createDecoder(shape.encoding, shape.bomLength), scanner.stream, parser], (error) => finish(error ?? undefined));
    parser.on('data', (cells: string[]) => {
      if (done) return;
      const line = nextLine;
      lastLine = line;
      if (cells.length === 1 && cells[0] === '') {
        nextLine++;
        return;
      }
      nextLine = line + 1 + countLineBreaksIn(cells);
      if (scanner.seen && hasControl(cells, line, displayPath, issues)) {
        if (++controlIssues < MAX_CONTROL_ISSUES) return;
        issues.push({
          file: displayPath,
          line,
          severity: 'error',
          message: `reading stopped after ${MAX_CONTROL_ISSUES} rows with control characters: this does not look like a text table`,
        });
        finish();
        stream.destroy();
        return;
      }
      if (onRecord(cells, line) === false) {
        finish();
        stream.destroy();
      }
    });
  });
}

/** A file held in memory, fed to the parser in slices (one huge chunk would be one huge string). */
function* chunksOf(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
}

/** Fails the reading once more than the size limit has come through (a file growing as it is read). */
function sizeLimit(displayPath: string): Transform {
  const limit = maxFileBytes();
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      total += chunk.length;
      if (total > limit) {
        try {
          tooLarge(displayPath, undefined, limit);
        } catch (error) {
          return callback(error as Error);
        }
      }
      callback(null, chunk);
    },
  });
}

/** Passes the decoded text on, noting whether any control character has gone through. */
function controlScanner(): { stream: Transform; readonly seen: boolean } {
  const state = { seen: false, stream: undefined as unknown as Transform };
  state.stream = new Transform({
    objectMode: true,
    transform(chunk: Buffer | string, _enc, callback: TransformCallback) {
      if (!state.seen) state.seen = typeof chunk === 'string' ? CONTROL.test(chunk) : CONTROL_UTF8.test(chunk.toString('latin1'));
      callback(null, chunk);
    },
  });
  return state;
}

/** Reports the first control character of a record, at its line and column; true if there was one. */
function hasControl(cells: readonly string[], line: number, file: string, issues: DataIssue[]): boolean {
  let at = line;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    const found = CONTROL.exec(cell);
    if (found) {
      const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      issues.push({
        file,
        line: at + countLineBreaks(cell.slice(0, found.index)),
        columnIndex: c + 1,
        value: cell,
        severity: 'error',
        message: `control character U+${code} in a cell`,
        expected: 'text (tab and line breaks are the only control characters allowed)',
      });
      return true;
    }
    at += countLineBreaks(cell);
  }
  return false;
}

/**
 * The records of a small file, one at a time (for readers that decide as they go). `onMore`, when
 * given with `maxRecords`, is called for the record past the limit, and the reading stops there.
 */
export async function* readRecords(
  source: ByteSource,
  displayPath: string,
  shape: FileShape,
  issues: DataIssue[],
  maxRecords = Infinity,
  onMore?: (line: number) => void,
): AsyncGenerator<CsvRecord> {
  const records: CsvRecord[] = [];
  await forEachRecord(source, displayPath, shape, issues, (cells, line) => {
    if (records.length >= maxRecords) {
      onMore?.(line);
      return false;
    }
    records.push({ cells, line });
    return true;
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
  if (error instanceof InputError) return error.issue;
  if (error instanceof DecodeError) {
    return {
      file,
      severity: 'error',
      line: lastLine,
      message: `the file is not valid ${encoding} text near byte ${error.byteOffset}`,
      expected: 'UTF-8 (with or without BOM) or GB18030 text',
    };
  }
  if (error instanceof CsvError) {
    const line = typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : lastLine;
    return { file, line, severity: 'error', message: `malformed CSV: ${error.message.replace(/^Invalid Record Length: |^.*?: /, '')}` };
  }
  if (isMissing(error)) {
    return { file, severity: 'error', message: 'file not found' };
  }
  return { file, line: lastLine, severity: 'error', message: `could not read the file: ${(error as Error).message ?? String(error)}` };
}
