import type { Data } from '../data/datasets/index.js';

type Row = Data['power-generation'][number];

/** One generation source in a table and in another region's series, for the same two years. */
export interface ComparedSource {
  readonly sourceType: string;
  /** GWh per year in the table's region and in the other region; null where one does not list the source. */
  readonly table: Readonly<Record<number, number | null>>;
  readonly other: Readonly<Record<number, number | null>>;
  /** The other region's GWh over the table's, per year (null where either is missing). */
  readonly ratio: Readonly<Record<number, number | null>>;
}

export interface PowerCompared {
  readonly region: string;
  readonly otherRegion: string;
  readonly years: readonly number[];
  /** The table's sources in its order, then those only the other region lists; the total last. */
  readonly sources: readonly ComparedSource[];
  readonly rows: readonly Row[];
}

/**
 * A generation table (the paper's Table 1) beside another region's generation by source for the
 * same years: the first other region in power-generation.csv with a by-source row in each of
 * them. Sources are matched by source_type only; one listed by a single side stays alone, its
 * other cells null, so differing definitions are shown rather than forced together. Null when
 * no other region has those years by source.
 */
export function powerCompared(data: Data, region: string): PowerCompared | null {
  const all = data['power-generation'];
  const mine = all.filter((r) => r.region === region);
  const years = [...new Set(mine.map((r) => r.year))].sort((a, b) => a - b);
  if (years.length === 0) return null;
  const bySource = (r: string) => years.every((y) => all.some((x) => x.region === r && x.year === y && x.source_type !== 'total'));
  const otherRegion = [...new Set(all.map((r) => r.region))]
    .filter((r) => r !== region)
    .sort()
    .find(bySource);
  if (!otherRegion) return null;
  const theirs = all.filter((r) => r.region === otherRegion && years.includes(r.year));
  const gwh = (rows: readonly Row[], type: string) =>
    Object.fromEntries(years.map((y) => [y, rows.find((r) => r.year === y && r.source_type === type)?.gwh ?? null]));
  const order = (rows: readonly Row[]) => [...new Set(rows.filter((r) => r.source_type !== 'total').map((r) => r.source_type))];
  const types = [...order(mine), ...order(theirs).filter((t) => !order(mine).includes(t)), 'total'];
  return {
    region,
    otherRegion,
    years,
    rows: [...mine, ...theirs],
    sources: types.map((sourceType) => {
      const table = gwh(mine, sourceType);
      const other = gwh(theirs, sourceType);
      return { sourceType, table, other, ratio: Object.fromEntries(years.map((y) => [y, table[y] && other[y] !== null ? other[y]! / table[y]! : null])) };
    }),
  };
}
