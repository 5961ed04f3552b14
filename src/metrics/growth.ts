import type { Data } from '../data/datasets/index.js';
import { rateOver } from './fx.js';
import { yearPeriod } from './period.js';
import { factsFor } from './select.js';
import { metric, sourcesOf, unavailable, type Metric } from './types.js';

/** Compound annual growth rate in percent between two positive values `years` apart. */
export function cagr(first: number, last: number, years: number): number {
  return (Math.pow(last / first, 1 / years) - 1) * 100;
}

type EmissionRow = Data['emissions'][number];

function emissionsSeries(data: Data, market: string, scope: EmissionRow['scope'] = 'verified-ets'): EmissionRow[] {
  return data.emissions.filter((r) => r.market === market && r.scope === scope).sort((a, b) => a.year - b.year);
}

const emissionsKey = (r: EmissionRow) => `${r.market}/${r.year}/${r.scope}`;

/**
 * Average annual change of verified emissions between two years, compounded: the paper's "fell by
 * x% a year". Uses the first and last available years inside [from, to].
 */
export function emissionsChangePerYear(data: Data, market: string, from: number, to: number): Metric {
  const rows = emissionsSeries(data, market).filter((r) => r.year >= from && r.year <= to);
  const period = { start: `${from}-01-01`, end: to >= 9999 ? undefined : `${to}-12-31` };
  if (rows.length < 2) return unavailable('%/yr', 'compound annual change of verified emissions', `needs verified emissions for at least two years in ${from}–${to >= 9999 ? '' : to}`, period);
  const first = rows[0]!;
  const last = rows.at(-1)!;
  return metric({
    value: cagr(first.value, last.value, last.year - first.year), unit: '%/yr',
    period: { start: `${first.year}-01-01`, end: `${last.year}-12-31` },
    method: `compound annual change of verified emissions from ${first.year} to ${last.year}`,
    inputs: [{ dataset: 'emissions', rows: [first, last].map(emissionsKey) }], sources: sourcesOf([first, last]),
  });
}

/** Total change of verified emissions between two years, in percent. */
export function emissionsChange(data: Data, market: string, from: number, to: number): Metric {
  const series = emissionsSeries(data, market);
  const first = series.find((r) => r.year === from);
  const last = series.find((r) => r.year === to);
  const period = { start: `${from}-01-01`, end: `${to}-12-31` };
  if (!first || !last) return unavailable('%', 'change of verified emissions', `needs verified emissions for ${from} and ${to}`, period);
  return metric({
    value: (last.value / first.value - 1) * 100, unit: '%', period,
    method: `verified emissions ${to} ÷ ${from} − 1`,
    inputs: [{ dataset: 'emissions', rows: [first, last].map(emissionsKey) }], sources: sourcesOf([first, last]),
  });
}

/**
 * Growth of auction revenue between the earliest and latest years data/ states it. When the two
 * are in different currencies, the earlier is converted into the later one's at its own year's rate.
 */
export function auctionRevenueGrowth(data: Data, market: string): Metric {
  const rows = factsFor(data, market, 'auction-revenue')
    .filter((f) => f.value !== null && f.period_start !== null && f.period_end !== null && f.period_start.slice(0, 4) === f.period_end.slice(0, 4))
    .sort((a, b) => a.period_start!.localeCompare(b.period_start!));
  if (rows.length < 2) return unavailable('%/yr', 'compound annual growth of auction revenue', `needs auction-revenue facts for ${market} in two years`);
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const y0 = +first.period_start!.slice(0, 4);
  const y1 = +last.period_start!.slice(0, 4);
  const period = { start: first.period_start!, end: last.period_end! };
  let start = first.value!;
  let method = `compound annual growth of auction revenue ${y0}–${y1}`;
  const inputs = [{ dataset: 'facts' as const, rows: [first.id, last.id] }];
  const sources = sourcesOf([first, last]);
  if (first.unit !== last.unit) {
    const rate = rateOver(data, first.unit, last.unit, yearPeriod(y0));
    if (!rate.ok) return unavailable('%/yr', method, rate.missing, period);
    start *= rate.value.rate;
    method += `; ${y0} revenue converted: ${rate.value.method}`;
    inputs.push(...(rate.value.inputs as typeof inputs));
    sources.push(...rate.value.sources);
  }
  return metric({ value: cagr(start, last.value!, y1 - y0), unit: '%/yr', period, method, inputs, sources });
}
