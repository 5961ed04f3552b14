import type { Data } from '../data/datasets/index.js';
import { metric, sourcesOf, type Metric } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

type Row = Data['power-generation'][number];

export interface PowerSourceMix {
  readonly sourceType: string;
  readonly label: string;
  readonly gwh: { readonly from: number; readonly to: number };
  /** Share of the stated total in each year, recomputed from GWh. */
  readonly shareFrom: Metric;
  readonly shareTo: Metric;
  /** Growth of generation between the two years, recomputed. */
  readonly growth: Metric;
}

export interface PowerMix {
  readonly region: string;
  readonly years: { readonly from: number; readonly to: number };
  readonly sources: readonly PowerSourceMix[];
  /** Stated total minus the sum of the listed sources, per year (0 when the table adds up). */
  readonly unlistedGwh: { readonly from: Metric; readonly to: Metric };
}

/** Recomputes a generation table's shares and growth from its GWh (the paper's Table 1). */
export function powerMix(data: Data, region: string): PowerMix | null {
  const rows = data['power-generation'].filter((r) => r.region === region);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  if (years.length < 2) return null;
  const from = years[0]!;
  const to = years.at(-1)!;
  const at = (year: number, type: string) => rows.find((r) => r.year === year && r.source_type === type);
  const totalFrom = at(from, 'total');
  const totalTo = at(to, 'total');
  if (!totalFrom || !totalTo) return null;
  const key = (r: Row) => `${r.region}/${r.year}/${r.source_type}`;
  const m = (value: number, unit: string, used: Row[], method: string, year?: number): Metric =>
    metric({
      value,
      unit,
      method,
      inputs: [{ dataset: 'power-generation', rows: used.map(key) }],
      sources: sourcesOf(used),
      period: year !== undefined ? { start: yearStart(year), end: yearEnd(year) } : { start: yearStart(from), end: yearEnd(to) },
    });
  const types = [...new Set(rows.filter((r) => r.source_type !== 'total').map((r) => r.source_type))];
  // A region with totals only (kept to compare regions) has no mix.
  if (types.length === 0) return null;
  const mix: PowerSourceMix[] = [];
  for (const type of [...types, 'total']) {
    const a = at(from, type);
    const b = at(to, type);
    if (!a || !b) continue;
    mix.push({
      sourceType: type,
      label: a.label_zh,
      gwh: { from: a.gwh, to: b.gwh },
      shareFrom: m((a.gwh / totalFrom.gwh) * 100, '%', [a, totalFrom], `${from} GWh ÷ stated ${from} total × 100`, from),
      shareTo: m((b.gwh / totalTo.gwh) * 100, '%', [b, totalTo], `${to} GWh ÷ stated ${to} total × 100`, to),
      growth: m((b.gwh / a.gwh - 1) * 100, '%', [a, b], `${to} GWh ÷ ${from} GWh − 1, × 100`),
    });
  }
  const listed = (year: number) => rows.filter((r) => r.year === year && r.source_type !== 'total');
  const gap = (year: number, total: Row) =>
    m(total.gwh - listed(year).reduce((s, r) => s + r.gwh, 0), 'GWh', [total, ...listed(year)], `stated ${year} total − sum of the listed sources`, year);
  return { region, years: { from, to }, sources: mix, unlistedGwh: { from: gap(from, totalFrom), to: gap(to, totalTo) } };
}
