import { realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DataIssue } from '../errors.js';
import { hasNoteTable } from '../formats/eea-note.js';
import { classifyAccountTable, type AccountTableKind } from '../formats/eutl.js';
import { looksLikeWorkbook, readWorkbook } from '../formats/spreadsheet.js';
import { readWindExport, looksLikeWind } from '../formats/wind.js';
import { isYearHeader } from '../formats/year-columns.js';
import { isZip, singleZipMember } from '../formats/zip.js';
import { normaliseHeader } from '../header.js';
import { readRegularFile } from '../input.js';
import { forEachRecord, sniffFile } from '../records.js';
import { KNOWN_FILES, type ImportFormat } from './known-files.js';
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
/** How much of a text is searched for a format's phrases (a note states what it is early on). */
const TEXT_PROBE_BYTES = 1 << 20;

/**
 * Recognises a file's publisher format from its content, never its name: the first of the formats
 * it holds (see recogniseAll).
 */
export async function recognise(input: string | ImportInput, formats: readonly ImportFormat[] = KNOWN_FILES): Promise<ImportFormat | undefined> {
  return (await recogniseAll(input, formats))[0];
}

/**
 * Every format a file holds, from its content, never its name: a JSON file by its keys (a
 * Frictionless descriptor by its resources), a text by its phrases, a WIND export by its series
 * names, a table by its headers, and the registry's account tables, which share one header, by
 * their cells. One file may feed several datasets (the registry's verified emissions give yearly
 * totals and per-account rows).
 */
export async function recogniseAll(input: string | ImportInput, formats: readonly ImportFormat[] = KNOWN_FILES): Promise<ImportFormat[]> {
  const read =
    typeof input === 'string'
      ? await readRegularFile(input)
          .then((bytes) => ({ path: input, bytes }))
          .catch(() => undefined)
      : input;
  if (read === undefined) return [];
  let unwrapped: ImportInput;
  try {
    unwrapped = unwrapArchive(read);
  } catch {
    return [];
  }
  const bytes = unwrapped.bytes;
  if (looksLikeWorkbook(bytes)) {
    let sheets: Awaited<ReturnType<typeof readWorkbook>>['sheets'];
    try {
      sheets = (await readWorkbook(bytes, unwrapped.path)).sheets;
    } catch {
      return [];
    }
    return formats.filter((f) => f.reader === 'sheet' && sheetMatches(f, sheets));
  }
  if (bytes[0] === 0x7b) return recogniseJson(bytes, formats);
  const text = utf8(bytes.subarray(0, TEXT_PROBE_BYTES));
  if (text !== undefined) {
    const flat = text.replace(/\s+/g, ' ');
    const byText = formats.filter((f) => {
      const phrases = f.reader === 'note-table' ? f.phrases : f.reader === 'unused' && 'phrases' in f.signature ? f.signature.phrases : undefined;
      if (!phrases?.every((p) => flat.includes(p))) return false;
      return f.reader !== 'note-table' || hasNoteTable(text, f.caption);
    });
    if (byText.length > 0) return byText;
  }
  const records = await probe(bytes);
  if (records.length === 0) return [];
  if (looksLikeWind(records)) {
    const names = new Set((await readWindExport(bytes)).series.map((s) => s.name));
    return formats.filter((f) => f.reader === 'wind' && Object.values(f.series).every((m) => names.has(m!.name)));
  }
  const header = records[0]!.map(normaliseHeader);
  const has = (names: readonly string[]) => names.every((h) => header.includes(normaliseHeader(h)));
  const years = header.some(isYearHeader);
  let kind: AccountTableKind | undefined;
  const content = async () => {
    kind ??= await classifyAccountTable(bytes);
    return kind.content;
  };
  const out: ImportFormat[] = [];
  for (const f of formats) {
    const match =
      f.reader === 'table'
        ? has(f.signature) && (f.rowsHave === undefined || rowsHave(header, records.slice(1), f.rowsHave))
        : f.reader === 'records'
          ? has(f.signature)
          : f.reader === 'wide-fx'
            ? header[0] === normaliseHeader(f.dateColumn) && has(f.quotes)
            : f.reader === 'owid-grapher'
              ? has(['Entity', 'Code', 'Year', f.valueColumn])
              : f.reader === 'owid-energy'
                ? has(['country', 'year', f.completeYearColumn, ...Object.values(f.sources).map((s) => s.column)])
                : f.reader === 'year-columns'
                  ? header[0] === f.idColumn && years && (await content()) === f.content
                  : f.reader === 'account-years'
                    ? has(f.signature) && years && (await content()) === f.content
                    : false;
    if (match) out.push(f);
  }
  return out;
}

/**
 * Why a table in the registry's account layout was not recognised, when its cells do not say
 * which of the three tables it is; undefined for any other file.
 */
export async function unrecognisedAccountTable(input: ImportInput, formats: readonly ImportFormat[] = KNOWN_FILES): Promise<string | undefined> {
  const records = await probe(input.bytes);
  const header = (records[0] ?? []).map(normaliseHeader);
  const layout = formats.some(
    (f) =>
      (f.reader === 'year-columns' && header[0] === f.idColumn) ||
      (f.reader === 'account-years' && f.signature.every((h) => header.includes(normaliseHeader(h)))),
  );
  if (!layout || !header.some(isYearHeader)) return undefined;
  const kind = await classifyAccountTable(input.bytes);
  return kind.content === undefined
    ? `a registry table with one column a year, but its cells do not say whether it holds verified emissions, allocations or compliance codes (${kind.evidence})`
    : undefined;
}

/** A JSON object as the descriptor shape recognition reads, or undefined for anything else. */
function jsonObject(
  bytes: Uint8Array,
): ({ resources?: { name?: unknown; path?: unknown; schema?: { fields?: { name?: unknown }[] } }[] } & Record<string, unknown>) | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function recogniseJson(bytes: Uint8Array, formats: readonly ImportFormat[]): ImportFormat[] {
  const json = jsonObject(bytes);
  if (json === undefined) return [];
  return formats.filter((f) =>
    f.reader === 'datapackage'
      ? json.resources?.some((r) => r.name === f.resource && f.fields.every((field) => r.schema?.fields?.some((x) => x.name === field))) === true
      : f.reader === 'unused' && 'jsonKeys' in f.signature
        ? f.signature.jsonKeys.every((k) => Object.hasOwn(json, k) && typeof json[k] === 'object')
        : false,
  );
}

/**
 * A CSV given alone whose Frictionless descriptor (datapackage.json) sits beside it and lists it
 * as a resource with the CSV's own columns: it is imported through the package, as that resource.
 */
export async function throughPackage(
  input: ImportInput,
  formats: readonly ImportFormat[] = KNOWN_FILES,
): Promise<{ readonly descriptor: ImportInput; readonly formats: ImportFormat[] } | undefined> {
  const path = join(dirname(input.path), 'datapackage.json');
  const bytes = await readRegularFile(path).catch(() => undefined);
  if (bytes === undefined) return undefined;
  const json = jsonObject(bytes);
  const real = await realpath(input.path).catch(() => undefined);
  const header = ((await probe(input.bytes))[0] ?? []).map(normaliseHeader);
  if (real === undefined || !Array.isArray(json?.resources)) return undefined;
  for (const resource of json.resources) {
    const paths = (Array.isArray(resource.path) ? resource.path : [resource.path]).filter((p): p is string => typeof p === 'string');
    // Where readDataPackage looks: the path, or (a package copied without its folders) beside.
    const places = await Promise.all(
      paths.flatMap((p) => [join(dirname(path), p), join(dirname(path), basename(p))]).map((p) => realpath(p).catch(() => undefined)),
    );
    if (!places.includes(real)) continue;
    const fields = (resource.schema?.fields ?? []).map((f) => normaliseHeader(String(f.name)));
    if (fields.length === 0 || fields.length !== header.length || !fields.every((f) => header.includes(f))) return undefined;
    const descriptor = { path, bytes };
    const found = recogniseJson(bytes, formats).filter((f) => f.reader === 'datapackage' && f.resource === resource.name);
    return found.length > 0 ? { descriptor, formats: found } : undefined;
  }
  return undefined;
}

/** The bytes as UTF-8 text (a BOM dropped; a character cut at the end of a probe ignored), or undefined when they are not. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes, { stream: true });
  } catch {
    return undefined;
  }
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
export function describeFormats(formats: readonly ImportFormat[] = KNOWN_FILES): string {
  return formats.map((f) => `  ${f.id.padEnd(32)} ${f.title}`).join('\n');
}
