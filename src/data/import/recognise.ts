import type { DataIssue } from '../errors.js';
import { looksLikeWorkbook, readWorkbook } from '../formats/spreadsheet.js';
import { readWindExport, looksLikeWind } from '../formats/wind.js';
import { isZip, singleZipMember } from '../formats/zip.js';
import { normaliseHeader } from '../header.js';
import { readRegularFile } from '../input.js';
import { forEachRecord, sniffFile } from '../records.js';
import { FORMATS, type ImportFormat } from './formats.js';
import { sheetMatches } from './sheets.js';

/** A file to import, read once: what is recognised, parsed and hashed are the same bytes. */
export interface ImportInput {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** For a file read out of a zip archive: the archive's own bytes (what the source records) and the member's name. */
  readonly archive?: { readonly bytes: Uint8Array; readonly member: string };
}

/**
 * A zip archive that is not a workbook (the ECB ships eurofxref-hist.zip) is read as the one
 * data file it holds; anything else is itself. An archive of several files is an InputError.
 */
export function unwrapArchive(input: ImportInput): ImportInput {
  if (!isZip(input.bytes) || looksLikeWorkbook(input.bytes)) return input;
  const member = singleZipMember(input.bytes, input.path);
  return { path: input.path, bytes: member.bytes, archive: { bytes: input.bytes, member: member.name } };
}

/** How many leading records are enough to recognise a delimited file. */
const PROBE_RECORDS = 12;

/**
 * Recognises a file's publisher format from its content, never its name: a Frictionless
 * descriptor by its resources, a WIND export by its series names, a table by its headers, a wide
 * year table by its id column.
 */
export async function recognise(input: string | ImportInput, formats: readonly ImportFormat[] = FORMATS): Promise<ImportFormat | undefined> {
  const read = typeof input === 'string' ? await readRegularFile(input).then((bytes) => ({ path: input, bytes })).catch(() => undefined) : input;
  if (read === undefined) return undefined;
  let unwrapped: ImportInput;
  try {
    unwrapped = unwrapArchive(read);
  } catch {
    return undefined;
  }
  const bytes = unwrapped.bytes;
  if (looksLikeWorkbook(bytes)) {
    let sheets;
    try {
      sheets = (await readWorkbook(bytes, unwrapped.path)).sheets;
    } catch {
      return undefined;
    }
    return formats.find((f) => f.reader === 'sheet' && sheetMatches(f, sheets));
  }
  if (bytes[0] === 0x7b) {
    let json: { resources?: { name?: string; schema?: { fields?: { name?: string }[] } }[] } | undefined;
    try {
      json = JSON.parse(Buffer.from(bytes).toString('utf8')) as typeof json;
    } catch {
      return undefined;
    }
    return formats.find((f) =>
      f.reader === 'datapackage' &&
      json?.resources?.some((r) => r.name === f.resource && f.fields.every((field) => r.schema?.fields?.some((x) => x.name === field))),
    );
  }
  const records = await probe(bytes);
  if (records.length === 0) return undefined;
  if (looksLikeWind(records)) {
    const names = new Set((await readWindExport(bytes)).series.map((s) => s.name));
    return formats.find((f) => f.reader === 'wind' && Object.values(f.series).every((m) => names.has(m!.name)));
  }
  const header = records[0]!.map(normaliseHeader);
  const has = (h: string) => header.includes(normaliseHeader(h));
  return formats.find((f) => {
    if (f.reader === 'table') return f.signature.every(has) && (f.rowsHave === undefined || rowsHave(header, records.slice(1), f.rowsHave));
    if (f.reader === 'wide-fx') return header[0] === normaliseHeader(f.dateColumn) && f.quotes.every(has);
    if (f.reader === 'year-columns') return header[0] === f.idColumn && header.slice(1).some((h) => /^(19|20)\d\d$/.test(h));
    return false;
  });
}

/** Whether the leading rows leave a column empty in every row (empty) or fill it in one at least. */
function rowsHave(header: readonly string[], rows: readonly string[][], test: { column: string; empty: boolean }): boolean {
  const index = header.indexOf(normaliseHeader(test.column));
  const filled = rows.some((cells) => (cells[index] ?? '').trim() !== '');
  return rows.length > 0 && filled !== test.empty;
}

async function probe(bytes: Uint8Array): Promise<string[][]> {
  const issues: DataIssue[] = [];
  const out: string[][] = [];
  try {
    const shape = await sniffFile(bytes);
    await forEachRecord(bytes, '(probe)', shape, issues, (cells) => {
      out.push([...cells]);
      return out.length < PROBE_RECORDS;
    });
  } catch {
    return [];
  }
  return out;
}

/** The formats recognise() knows, for the message shown when a file matches none. */
export function describeFormats(formats: readonly ImportFormat[] = FORMATS): string {
  return formats.map((f) => `  ${f.id.padEnd(32)} ${f.title}`).join('\n');
}
