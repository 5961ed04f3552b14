import { sourceCell, sourcesOf } from '../source-ids.js';

/**
 * A sum or mean of floats without the noise of binary addition (55.120000000000005): fifteen
 * significant digits, which a double holds exactly, so the same rows give the same text whatever
 * their order.
 */
export const tidy = (x: number): number => Number(x.toPrecision(15));

/** The ";"-separated list of every source id the rows cite, sorted. */
export function citedSources(rows: Iterable<{ readonly source: string }>): string {
  return sourceCell(sourcesOf(rows).sort());
}

/** Groups items by a text key, keeping each group's items in their order. */
export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Sorted by key, so aggregates come out in one order whatever the input's. */
export const byKey = <T>(groups: Map<string, T>): [string, T][] => [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
