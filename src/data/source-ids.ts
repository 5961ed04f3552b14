/**
 * A row's `source` cell cites one or more ids of sources.csv, ";"-separated ("eex-2023; ecb").
 * Every stage that reads or writes those lists goes through here, so spaces around an id and an
 * empty part (a trailing ";") are treated the same everywhere.
 */

/** The ids one `source` cell cites, trimmed, in their order; empty parts dropped. */
export function sourceIds(cell: string): string[] {
  return cell
    .split(';')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** Every id the rows cite, each once, in the order first cited. */
export function sourcesOf(rows: Iterable<{ readonly source: string }>): string[] {
  const ids = new Set<string>();
  for (const row of rows) for (const id of sourceIds(row.source)) ids.add(id);
  return [...ids];
}

/** A `source` cell citing the ids, each once, in their order. */
export function sourceCell(ids: Iterable<string>): string {
  return [...new Set(ids)].join(';');
}
