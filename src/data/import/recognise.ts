import type { DataIssue } from '../errors.js';
import { readWindExport, looksLikeWind } from '../formats/wind.js';
import { readRegularFile } from '../input.js';
import { forEachRecord, sniffFile } from '../records.js';
import { FORMATS, type ImportFormat } from './formats.js';

/** A file to import, read once: what is recognised, parsed and hashed are the same bytes. */
export interface ImportInput {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** How many leading records are enough to recognise a delimited file. */
const PROBE_RECORDS = 12;

/**
 * Recognises a file's publisher format from its content, never its name: a Frictionless
 * descriptor by its resources, a WIND export by its series names, a table by its headers, a wide
 * year table by its id column.
 */
export async function recognise(input: string | ImportInput, formats: readonly ImportFormat[] = FORMATS): Promise<ImportFormat | undefined> {
  const bytes = typeof input === 'string' ? await readRegularFile(input).catch(() => undefined) : input.bytes;
  if (bytes === undefined) return undefined;
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
  const header = records[0]!.map((h) => h.trim().toLowerCase());
  return formats.find((f) => {
    if (f.reader === 'table') return f.signature.every((h) => header.includes(h.toLowerCase()));
    if (f.reader === 'year-columns') return header[0] === f.idColumn && header.slice(1).some((h) => /^(19|20)\d\d$/.test(h));
    return false;
  });
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
