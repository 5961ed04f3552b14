import type { Data } from '../data/datasets/index.js';
import type { Period } from './types.js';
import { samePeriod, within } from './period.js';

export type Fact = Data['facts'][number];

export function periodOf(f: Fact): Period {
  return { start: f.period_start ?? undefined, end: f.period_end ?? undefined };
}

/** Facts about one market and indicator, optionally restricted to a period. */
export function factsFor(data: Data, market: string, indicator: string, inside?: Period): Fact[] {
  return data.facts.filter(
    (f) => f.market === market && f.indicator === indicator && f.subject === null && (inside === undefined || within(periodOf(f), inside)),
  );
}

/** The one fact for a market and indicator over exactly this period, if data/ has it. */
export function factOver(data: Data, market: string, indicator: string, period: Period): Fact | undefined {
  return factsFor(data, market, indicator).find((f) => samePeriod(periodOf(f), period));
}

/** The latest fact (by period end) for a market and indicator. */
export function latestFact(data: Data, market: string, indicator: string): Fact | undefined {
  return factsFor(data, market, indicator)
    .filter((f) => f.value !== null)
    .sort((a, b) => (a.period_end ?? '').localeCompare(b.period_end ?? ''))
    .at(-1);
}
