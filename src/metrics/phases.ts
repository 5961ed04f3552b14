import type { Data } from '../data/datasets/index.js';
import { emissionsChangePerYear } from './emissions.js';
import { ruleAt } from './policy-rules.js';
import { factsFor, periodOf, type Fact } from './select.js';
import { metric, sourcesOf, unavailable, type Metric, type Period } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

export interface PhaseMetrics {
  readonly phase: number;
  /** Open-ended (no `end`) while a phase's last year is not set. */
  readonly period: Period;
  /** Highest and lowest prices sources state for dates in the phase. */
  readonly statedHigh: Metric;
  readonly statedLow: Metric;
  /** Highest and lowest daily prices in the price series for the phase's years, where data/ has them. */
  readonly observedMax: Metric;
  readonly observedMin: Metric;
  /** Traded volumes stated for periods inside the phase, oldest first. */
  readonly volumes: readonly Metric[];
  /** Linear reduction factor of the cap in force in the phase's first year (policy-rules.csv). */
  readonly capReductionPerYear: Metric;
  readonly emissionsChangePerYear: Metric;
}

export function phaseMetrics(data: Data, market: string): PhaseMetrics[] {
  return data.phases
    .filter((p) => p.market === market)
    .sort((a, b) => a.phase - b.phase)
    .map((p) => {
      const lastYear = p.end_year ?? Number.POSITIVE_INFINITY;
      const period: Period = { start: yearStart(p.start_year), end: p.end_year === null ? undefined : yearEnd(p.end_year) };
      const extreme = (indicator: string, pick: 'max' | 'min'): Metric => {
        const facts = factsFor(data, market, indicator, period).filter((f) => f.value !== null);
        if (facts.length === 0)
          return unavailable(
            `${currencyOf(data, market)}/t`,
            `${pick === 'max' ? 'highest' : 'lowest'} stated price`,
            `no ${indicator} facts within phase ${p.phase}`,
            period,
          );
        const best = facts.reduce((a, b) => ((pick === 'max' ? b.value! > a.value! : b.value! < a.value!) ? b : a));
        return fromFact(best, `${pick === 'max' ? 'highest' : 'lowest'} price stated for a date in phase ${p.phase} (${best.qualifier})`);
      };
      const series = data['price-annual'].filter((r) => r.market === market && r.year >= p.start_year && r.year <= lastYear);
      const observed = (pick: 'max' | 'min'): Metric => {
        if (series.length === 0)
          return unavailable(`${currencyOf(data, market)}/t`, `${pick} daily price`, `no price series for phase ${p.phase} years`, period);
        const value = pick === 'max' ? Math.max(...series.map((r) => r.max)) : Math.min(...series.map((r) => r.min));
        const years = series.map((r) => r.year);
        const partial = years.length < lastYear - p.start_year + 1 ? ` (series covers ${years[0]}–${years.at(-1)} only)` : '';
        return metric({
          value,
          unit: `${series[0]!.currency}/t`,
          period,
          method: `${pick === 'max' ? 'highest' : 'lowest'} daily ${series[0]!.instrument} price${partial}`,
          inputs: [{ dataset: 'price-annual', rows: series.map((r) => `${r.market}/${r.year}/${r.instrument}`) }],
          sources: sourcesOf(series),
        });
      };
      const volumes = [...factsFor(data, market, 'traded-volume', period), ...factsFor(data, market, 'traded-volume-per-year', period)]
        .filter((f) => f.value !== null)
        .sort((a, b) => (a.period_start ?? '').localeCompare(b.period_start ?? ''))
        .map((f) => fromFact(f, `traded volume stated (${f.qualifier})`));
      return {
        phase: p.phase,
        period,
        statedHigh: extreme('price-high', 'max'),
        statedLow: extreme('price-low', 'min'),
        observedMax: observed('max'),
        observedMin: observed('min'),
        volumes,
        capReductionPerYear: ruleAt(data, market, 'cap-reduction-factor', p.start_year),
        emissionsChangePerYear: emissionsChangePerYear(data, market, p.start_year, p.end_year ?? 9999),
      };
    });
}

function currencyOf(data: Data, market: string): string {
  return data.markets.find((m) => m.id === market)?.currency ?? '?';
}

function fromFact(f: Fact, method: string): Metric {
  return metric({ value: f.value, unit: f.unit, period: periodOf(f), method, inputs: [{ dataset: 'facts', rows: [f.id] }], sources: sourcesOf([f]) });
}

/**
 * The average annual change of emissions a source states for (part of) a phase: the paper's phase
 * trends, whose years may be fewer than the phase's (its Figure 7 ends in 2019).
 */
export function statedTrendIn(data: Data, market: string, period: Period): Fact | undefined {
  return data.facts.find(
    (f) =>
      f.market === market &&
      f.subject === null &&
      f.indicator === 'covered-emissions-change-per-year' &&
      f.value !== null &&
      f.period_start !== null &&
      f.period_end !== null &&
      f.period_start >= period.start! &&
      (period.end === undefined || f.period_end <= period.end),
  );
}
