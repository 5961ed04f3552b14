import type { Data } from '../data/datasets/index.js';
import type { SeriesMonths } from './daily.js';

type Phase = Data['phases'][number];

/**
 * A market's phases (phases.csv) in which none of the given series has a month with a price,
 * up to the last month any series reaches: what a price chart through the phases cannot show.
 */
export function phasesWithoutPrices(data: Data, market: string, series: readonly SeriesMonths[]): Phase[] {
  const years = new Set(series.flatMap((s) => s.months.filter((m) => m.trading_days > 0).map((m) => +m.month.slice(0, 4))));
  const last = Math.max(...years);
  return data.phases
    .filter((p) => p.market === market && p.start_year <= last)
    .filter((p) => ![...years].some((y) => y >= p.start_year && y <= (p.end_year ?? Infinity)))
    .sort((a, b) => a.phase - b.phase);
}
