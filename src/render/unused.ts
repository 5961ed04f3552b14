import { DATASETS, type Data, type DatasetName } from '../data/datasets/index.js';
import { sourceIds } from '../data/source-ids.js';
import type { UnusedRows } from './ledger.js';

/**
 * Rows of data/ that nothing in the brief uses: no number, chart or sentence cites their source.
 * Counted by source because that is what the ledger and the charts cite: exact for imported
 * files (each gets a source of its own), generous for a row added by hand that cites a source the
 * brief already cites. Grouped by dataset and source, in data/'s order.
 */
export function unusedRows(data: Data, cited: ReadonlySet<string>): UnusedRows[] {
  const out: UnusedRows[] = [];
  for (const dataset of Object.keys(DATASETS) as DatasetName[]) {
    if (dataset === 'sources') continue; // the list of sources, not data
    const groups = new Map<string, { rows: number; first?: string; last?: string }>();
    for (const row of data[dataset] as readonly Row[]) {
      if (sourceIds(row.source).some((id) => cited.has(id))) continue;
      const group = groups.get(row.source) ?? { rows: 0 };
      group.rows++;
      const when = whenOf(row);
      if (when !== undefined) {
        if (group.first === undefined || when < group.first) group.first = when;
        if (group.last === undefined || when > group.last) group.last = when;
      }
      groups.set(row.source, group);
    }
    for (const [source, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      out.push({ dataset, source, rows: g.rows, ...(g.first !== undefined ? { first: g.first, last: g.last } : {}) });
    }
  }
  return out;
}

type Row = { readonly source: string; readonly date?: unknown; readonly year?: unknown; readonly period_end?: unknown };

/** The day or year a row is about, as text that sorts (ISO dates; years are four digits). */
function whenOf(row: Row): string | undefined {
  if (typeof row.date === 'string') return row.date;
  if (typeof row.year === 'number') return String(row.year);
  if (typeof row.period_end === 'string') return row.period_end;
  return undefined;
}
