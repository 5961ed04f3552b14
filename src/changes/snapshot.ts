import { parse } from 'csv-parse/sync';
import type { LedgerDocument } from '../render/ledger.js';

/** A chart's CSV as read: its header and rows, every cell as text. */
export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** What one language folder of a build states: its ledger (numbers.json) and its charts' CSVs. */
export interface BriefSnapshot {
  readonly ledger: LedgerDocument;
  /** By chart id (the CSV's name without `.csv`). */
  readonly charts: Readonly<Record<string, ChartTable>>;
  /** Parts of numbers.json an older ets-brief did not write: they cannot be compared. */
  readonly unrecorded: readonly ('sentences' | 'outline' | 'unused')[];
}

/** numbers.json is not a ledger this version can read. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/**
 * A snapshot from the text of numbers.json and of each chart CSV (by file name). Pure: the build
 * compares what it is about to write through the same parser as what it finds on disk.
 */
export function parseSnapshot(numbersJson: string, csvFiles: Readonly<Record<string, string>>): BriefSnapshot {
  let raw: Partial<LedgerDocument>;
  try {
    raw = JSON.parse(numbersJson) as Partial<LedgerDocument>;
  } catch (error) {
    throw new SnapshotError(`numbers.json is not JSON (${(error as Error).message})`);
  }
  if (raw?.generator !== 'ets-brief' || !Array.isArray(raw.numbers) || typeof raw.lang !== 'string')
    throw new SnapshotError('numbers.json is not an ets-brief ledger');
  const unrecorded: BriefSnapshot['unrecorded'][number][] = [];
  if (!Array.isArray(raw.sentences)) unrecorded.push('sentences');
  if (!Array.isArray(raw.sections) || !Array.isArray(raw.figures)) unrecorded.push('outline');
  if (!Array.isArray(raw.unused)) unrecorded.push('unused');
  const ledger: LedgerDocument = {
    generator: 'ets-brief',
    lang: raw.lang,
    asOf: typeof raw.asOf === 'string' ? raw.asOf : '',
    reach: Array.isArray(raw.reach) ? raw.reach : [],
    numbers: raw.numbers,
    sentences: raw.sentences ?? [],
    sections: raw.sections ?? [],
    figures: raw.figures ?? [],
    unused: raw.unused ?? [],
  };
  const charts: Record<string, ChartTable> = {};
  for (const [file, text] of Object.entries(csvFiles)) {
    const [columns = [], ...rows] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    charts[file.replace(/\.csv$/, '')] = { columns, rows };
  }
  return { ledger, charts, unrecorded };
}
