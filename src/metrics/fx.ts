import type { Data } from '../data/datasets/index.js';
import { daysPerYear } from './period.js';
import { sourcesOf, type InputRef, type Window } from './types.js';

export interface Rate {
  readonly rate: number;
  readonly method: string;
  readonly inputs: readonly InputRef[];
  readonly sources: readonly string[];
}

export type RateResult = { ok: true; value: Rate } | { ok: false; missing: string };

type FxRow = Data['fx-rates'][number];
const key = (r: FxRow) => `${r.base}/${r.quote}/${r.year}`;

/**
 * Units of `to` per one `from` over a period: the day-weighted mean of the annual average rates of
 * the years the period covers (a one-year period uses that year's rate). A pair stored the other
 * way round is inverted. The method, years and rows are returned with the rate.
 */
export function rateOver(data: Data, from: string, to: string, period: Window): RateResult {
  if (from === to) return { ok: true, value: { rate: 1, method: 'same currency', inputs: [], sources: [] } };
  const weights = daysPerYear(period);
  const used: FxRow[] = [];
  let weighted = 0;
  let total = 0;
  for (const [year, days] of weights) {
    const direct = data['fx-rates'].find((r) => r.base === from && r.quote === to && r.year === year);
    const inverse = direct ? undefined : data['fx-rates'].find((r) => r.base === to && r.quote === from && r.year === year);
    const row = direct ?? inverse;
    if (!row) return { ok: false, missing: `no ${from}/${to} (or ${to}/${from}) rate for ${year} in fx-rates.csv` };
    used.push(row);
    weighted += (direct ? row.rate : 1 / row.rate) * days;
    total += days;
  }
  const years = [...weights.keys()];
  const span = years.length === 1 ? `${years[0]}` : `${years[0]}–${years.at(-1)}, weighted by days in the period`;
  const methods = [...new Set(used.map((r) => r.method))].join(', ');
  return {
    ok: true,
    value: {
      rate: weighted / total,
      method: `${from}→${to} at the annual average rate ${span} (${methods}${used.some((r) => r.base !== from) ? ', inverted' : ''})`,
      inputs: [{ dataset: 'fx-rates', rows: used.map(key) }],
      sources: sourcesOf(used),
    },
  };
}
