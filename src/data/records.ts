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
    return { encoding, bomLength, delimiter: detectDelimiter(text) };
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
 * Streams a delimited text file as records, whatever its encoding and delimiter. Structural
 * failures (an invalid byte, an unclosed quote) end the stream with one located issue pushed to
 * `issues`; they are not thrown.
 */
export async function* readRecords(
  path: string,
  displayPath: string,
  shape: FileShape,
  issues: DataIssue[],
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter: shape.delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    bom: false,
    max_record_size: MAX_FIELD_BYTES,
  });
  const stream = pipeline(createReadStream(path), createDecoder(shape.encoding, shape.bomLength), parser, () => {});
  let lastLine = 1;
  try {
    for await (const item of stream as AsyncIterable<{ record: string[]; info: { lines: number; comment_lines?: number } }>) {
      const cells = item.record;
      // csv-parse reports the line a record ends on; count its embedded newlines back to its start.
      const embedded = cells.reduce((n, c) => n + countNewlines(c), 0);
      lastLine = item.info.lines;
      yield { cells, line: item.info.lines - embedded };
    }
  } catch (error) {
    issues.push(toIssue(error, displayPath, lastLine, shape.encoding));
  } finally {
    stream.destroy();
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
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
