import type { Data } from '../data/datasets/index.js';
import { asCovered } from './emissions.js';
import { combine, statedPrecision } from './precision.js';
import { latestFact } from './select.js';
import { metric, sourcesOf, unavailable, type Metric, type Window } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

export interface Coverage {
  readonly entities: Metric;
  readonly sectors: { readonly zh: string | null; readonly en: string | null };
  readonly gases: string | null;
  /** Annual covered emissions: verified emissions for the latest year, else a stated figure. */
  readonly coveredEmissions: Metric;
  readonly shareOfJurisdictionEmissions: Metric;
  /** Traded volume per year ÷ covered emissions per year: how often each allowance changes hands. */
  readonly turnoverRatio: Metric;
}

const fromFact = (data: Data, market: string, indicator: string, unit: string, describe: string): Metric => {
  const f = latestFact(data, market, indicator);
  return f
    ? metric({
        value: f.value,
        unit: f.unit,
        period: { start: f.period_start ?? undefined, end: f.period_end ?? undefined },
        method: describe,
        inputs: [{ dataset: 'facts', rows: [f.id] }],
        sources: sourcesOf([f]),
        precision: statedPrecision(f.value, f.qualifier),
      })
    : unavailable(unit, describe, `no ${indicator} fact for ${market}`);
};

export function coverage(data: Data, market: string, volumePerYear: Metric, window: Window | null): Coverage {
  const phase = data.phases.filter((p) => p.market === market).sort((a, b) => a.phase - b.phase);
  // The phase in force at the window's end, else the latest.
  const endYear = window ? +window.end.slice(0, 4) : undefined;
  const current = phase.find((p) => endYear !== undefined && p.start_year <= endYear && endYear <= (p.end_year ?? Number.POSITIVE_INFINITY)) ?? phase.at(-1);
  const covered = coveredEmissions(data, market, endYear);
  const turnoverRatio =
    volumePerYear.value !== null && covered.value !== null && covered.value > 0
      ? metric({
          value: volumePerYear.value / covered.value,
          unit: 'ratio',
          period: volumePerYear.period,
          method: `traded volume per year ÷ covered emissions per year (${covered.method})`,
          inputs: [...volumePerYear.inputs, ...covered.inputs],
          sources: [...volumePerYear.sources, ...covered.sources],
          precision: combine(volumePerYear.precision, covered.precision),
        })
      : unavailable('ratio', 'traded volume per year ÷ covered emissions per year', volumePerYear.missing ?? covered.missing ?? 'zero covered emissions');
  return {
    entities: fromFact(data, market, 'entities', 'count', 'covered entities (installations or companies) stated'),
    sectors: { zh: current?.sectors_zh ?? null, en: current?.sectors_en ?? null },
    gases: current?.gases ?? null,
    coveredEmissions: covered,
    shareOfJurisdictionEmissions: fromFact(data, market, 'share-of-jurisdiction-emissions', '%', "share of the jurisdiction's emissions covered, stated"),
    turnoverRatio,
  };
}

/** Verified emissions of the latest year up to `atOrBefore`, else the latest stated annual figure. */
function coveredEmissions(data: Data, market: string, atOrBefore: number | undefined): Metric {
  const verified = asCovered(data, market)
    .filter((r) => atOrBefore === undefined || r.year <= atOrBefore)
    .sort((a, b) => a.year - b.year)
    .at(-1);
  if (verified) {
    return metric({
      value: verified.value,
      unit: 't/yr',
      period: { start: yearStart(verified.year), end: yearEnd(verified.year) },
      method: `verified emissions in ${verified.year}`,
      inputs: [{ dataset: 'emissions', rows: [`${verified.market}/${verified.year}/${verified.scope}/${verified.coverage}`] }],
      sources: sourcesOf([verified]),
      scope: verified.coverage,
    });
  }
  const stated = latestFact(data, market, 'covered-emissions');
  if (stated && stated.value !== null) {
    return metric({
      value: stated.value,
      unit: 't/yr',
      period: { start: stated.period_start ?? undefined, end: stated.period_end ?? undefined },
      method: 'covered emissions per year, stated',
      inputs: [{ dataset: 'facts', rows: [stated.id] }],
      sources: sourcesOf([stated]),
      precision: statedPrecision(stated.value, stated.qualifier),
    });
  }
  return unavailable('t/yr', 'covered emissions per year', `no verified emissions or covered-emissions fact for ${market}`);
}
