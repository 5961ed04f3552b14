import type { Data } from '../data/datasets/index.js';
import { rateOver } from './fx.js';
import { yearPeriod } from './period.js';
import { factsFor } from './select.js';
import { ratePrecision, statedPrecision } from './precision.js';
import { metric, sourcesOf, unavailable, type Metric } from './types.js';

/** Compound annual growth rate in percent between two positive values `years` apart. */
export function cagr(first: number, last: number, years: number): number {
  return ((last / first) ** (1 / years) - 1) * 100;
}

/**
 * Growth of auction revenue between the earliest and latest years data/ states it, in one currency.
 * When the recorded values are in different currencies (the paper labels both of its endpoints USD;
 * the EEA gives the later one in EUR) the growth is computed from the values as printed when those
 * share a currency, since a currency label's slip does not change a rate; otherwise the earlier
 * value is converted explicitly at its year's rate.
 */
export function auctionRevenueGrowth(data: Data, market: string, indicator = 'auction-revenue', years?: { from: number; to: number }): Metric {
  const rows = factsFor(data, market, indicator)
    .filter((f) => f.value !== null && f.period_start !== null && f.period_end !== null && f.period_start.slice(0, 4) === f.period_end.slice(0, 4))
    .filter((f) => years === undefined || +f.period_start!.slice(0, 4) === years.from || +f.period_start!.slice(0, 4) === years.to)
    .sort((a, b) => a.period_start!.localeCompare(b.period_start!));
  if (rows.length < 2) return unavailable('%/yr', 'compound annual growth of auction revenue', `needs ${indicator} facts for ${market} in two years`);
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const y0 = +first.period_start!.slice(0, 4);
  const y1 = +last.period_start!.slice(0, 4);
  const period = { start: first.period_start!, end: last.period_end! };
  const printed = (f: typeof first) => ({ value: f.paper_value ?? f.value!, unit: f.paper_unit ?? f.unit });
  const inputs = [{ dataset: 'facts' as const, rows: [first.id, last.id] }];
  const sources = sourcesOf([first, last]);
  const precisionOf = (f: typeof first, value: number) => ({ value, precision: statedPrecision(value, f.qualifier) });
  const result = (a: number, b: number, method: string, extraInputs: typeof inputs = [], extraSources: string[] = []) => {
    const value = cagr(a, b, y1 - y0);
    return metric({
      value,
      unit: '%/yr',
      period,
      method,
      inputs: [...inputs, ...extraInputs],
      sources: [...sources, ...extraSources],
      precision: ratePrecision(precisionOf(first, a), precisionOf(last, b), y1 - y0, value),
    });
  };
  let method = `compound annual growth of auction revenue ${y0}–${y1}`;
  if (first.unit === last.unit) return result(first.value!, last.value!, `${method}, both in ${last.unit}`);
  const [p0, p1] = [printed(first), printed(last)];
  if (p0.unit === p1.unit)
    return result(
      p0.value,
      p1.value,
      `${method} from the values as printed, both labelled ${p1.unit} (the recorded currencies differ: ${first.unit}, ${last.unit})`,
    );
  const rate = rateOver(data, first.unit, last.unit, yearPeriod(y0));
  if (!rate.ok) return unavailable('%/yr', method, rate.missing, period);
  method += `; ${y0} revenue converted explicitly: ${rate.value.method}`;
  return result(first.value! * rate.value.rate, last.value!, method, rate.value.inputs as typeof inputs, [...rate.value.sources]);
}
