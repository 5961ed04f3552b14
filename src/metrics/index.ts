import type { Data } from '../data/datasets/index.js';
import { coverage, type Coverage } from './coverage.js';
import { dataReach, type SeriesReach } from './reach.js';
import { asCovered } from './emissions.js';
import { dailyStats, latestWindow, type DailyStats } from './daily.js';
import { emissionsChange, emissionsChangePerYear } from './emissions.js';
import { auctionRevenueGrowth } from './growth.js';
import { phaseMetrics, type PhaseMetrics } from './phases.js';
import { powerMix, type PowerMix } from './power-mix.js';
import { impliedAveragePrice, priceBand, priceRatio, type ImpliedPrice, type PriceBand } from './price.js';
import { COMPARISON_RULE, reconcile, type Finding } from './reconcile.js';
import type { Metric, Window } from './types.js';
import { compareTradedVolume, type VolumeComparison } from './volume.js';

export interface MetricsOptions {
  /** The market the brief is about (the paper: China's national ETS). */
  readonly subject: string;
  /** The market it is compared with (the paper: the EU ETS). */
  readonly reference: string;
  /** The comparison window; by default the subject's launch to the end of its stated cumulative volume. */
  readonly window?: Window | undefined;
}

/** The paper's comparison. A brief about another pair of markets passes its own. */
export const DEFAULT_COMPARISON: MetricsOptions = { subject: 'cn-ets', reference: 'eu-ets' };

export interface Metrics {
  readonly comparison: { readonly subject: string; readonly reference: string; readonly window: Window | null };
  readonly volume: VolumeComparison;
  /** Daily trading statistics over the comparison window, per market with daily data. */
  readonly daily: Readonly<Record<string, DailyStats>>;
  /** The subject from its launch to the latest day of its daily data, when that is later. */
  readonly latest: DailyStats | null;
  readonly prices: {
    readonly bands: Readonly<Record<string, PriceBand>>;
    /** Reference price ÷ subject price in the reference's currency. */
    readonly ratio: Metric;
    readonly subjectImplied: ImpliedPrice | null;
  };
  readonly coverage: Readonly<Record<string, Coverage>>;
  readonly phases: Readonly<Record<string, readonly PhaseMetrics[]>>;
  readonly auctionRevenueGrowth: Readonly<Record<string, Metric>>;
  /**
   * The same growth on one definition throughout (revenue to member states, stated every year),
   * over the same years, where data/ has it: a check the two-figure growth cannot give.
   */
  readonly memberStateRevenueGrowth: Readonly<Record<string, Metric>>;
  /** Compound annual change of verified emissions over each market's whole series. */
  readonly emissionsTrend: Readonly<Record<string, Metric>>;
  /** Total change of verified emissions from the first to the last year of each market's series. */
  readonly emissionsChange: Readonly<Record<string, Metric>>;
  readonly powerMix: Readonly<Record<string, PowerMix>>;
  /** Electricity generation totals by region and year (to compare a table's region with another's). */
  readonly generationTotals: Readonly<Record<string, Readonly<Record<number, number>>>>;
  readonly reconciliation: { readonly rule: string; readonly findings: readonly Finding[] };
  /** Each series' first and last observation: what the brief's "as of" is made of. */
  readonly reach: readonly SeriesReach[];
}

/** Every metric a brief states, computed from the loaded data. Pure: same data, same result. */
export function computeMetrics(data: Data, options: MetricsOptions = DEFAULT_COMPARISON): Metrics {
  const { subject, reference } = options;
  const volume = compareTradedVolume(data, subject, reference, options.window);
  const window = volume.window;
  const compared = [subject, reference];
  const bands: Record<string, PriceBand> = {};
  const currencies = compared.map((id) => data.markets.find((m) => m.id === id)?.currency).filter((c): c is string => !!c);
  if (window) for (const market of compared) bands[market] = priceBand(data, market, window, currencies);
  const subjectBand = bands[subject] ?? null;
  const subjectImplied = window && subjectBand ? impliedAveragePrice(data, subject, window, subjectBand) : null;
  const ratio = window && bands[reference] && subjectBand ? priceRatio(bands[reference]!, subjectBand, window) : volume.ratio;

  const daily: Record<string, DailyStats> = {};
  if (window) {
    for (const market of data.markets.map((m) => m.id)) {
      const stats = dailyStats(data, market, window);
      if (stats) daily[market] = stats;
    }
  }
  const latestSpan = latestWindow(data, subject);
  const latest = latestSpan && (!window || latestSpan.end > window.end) ? dailyStats(data, subject, latestSpan) : null;

  const coverageByMarket: Record<string, Coverage> = {};
  coverageByMarket[subject] = coverage(data, subject, volume.subject.perYear, window);
  coverageByMarket[reference] = coverage(data, reference, volume.reference.perYear, window);

  const marketsWith = (has: (id: string) => boolean) => data.markets.map((m) => m.id).filter(has);
  const phases = Object.fromEntries(marketsWith((id) => data.phases.some((p) => p.market === id)).map((id) => [id, phaseMetrics(data, id)]));
  const auction = Object.fromEntries(
    marketsWith((id) => data.facts.some((f) => f.market === id && f.indicator === 'auction-revenue')).map((id) => [id, auctionRevenueGrowth(data, id)]),
  );
  const emitting = marketsWith((id) => asCovered(data, id).length > 0);
  const span = (id: string) => {
    const years = asCovered(data, id).map((r) => r.year);
    return [Math.min(...years), Math.max(...years)] as const;
  };
  const emissionsTrend = Object.fromEntries(emitting.map((id) => [id, emissionsChangePerYear(data, id, ...span(id))]));
  const emissionsTotal = Object.fromEntries(emitting.map((id) => [id, emissionsChange(data, id, ...span(id))]));
  const regions = [...new Set(data['power-generation'].map((r) => r.region))];
  const mixes = regions.map((r) => powerMix(data, r)).filter((m): m is PowerMix => m !== null);

  return {
    comparison: { subject, reference, window },
    volume,
    daily,
    latest,
    prices: { bands, ratio, subjectImplied },
    coverage: coverageByMarket,
    phases,
    auctionRevenueGrowth: auction,
    memberStateRevenueGrowth: Object.fromEntries(
      Object.entries(auction).flatMap(([id, g]) => {
        if (g.value === null || !g.period?.start || !g.period.end) return [];
        const m = auctionRevenueGrowth(data, id, 'auction-revenue-member-states', { from: +g.period.start.slice(0, 4), to: +g.period.end.slice(0, 4) });
        return m.value === null ? [] : [[id, m]];
      }),
    ),
    emissionsTrend,
    emissionsChange: emissionsTotal,
    powerMix: Object.fromEntries(mixes.map((m) => [m.region, m])),
    generationTotals: Object.fromEntries(
      regions.map((r) => [
        r,
        Object.fromEntries(data['power-generation'].filter((x) => x.region === r && x.source_type === 'total').map((x) => [x.year, x.gwh])),
      ]),
    ),
    reconciliation: { rule: COMPARISON_RULE, findings: reconcile(data, { volume, subjectBand, impliedPrice: subjectImplied, powerMixes: mixes, daily }) },
    reach: dataReach(data),
  };
}

export type { Coverage, DailyStats, Finding, ImpliedPrice, Metric, PhaseMetrics, PowerMix, PriceBand, VolumeComparison, Window };
export { msrAdjustment, type MsrDecision, type MsrResult } from './msr.js';
export { companySurplus, matchCompany, type AccountMatch, type CompanySurplus, type CompanyYear } from './company.js';
export { statedTrendIn } from './phases.js';
export { agreesWithPrinted, precisionOf } from './compare.js';
export { cagr } from './growth.js';
export { currencyMismatches, type CurrencyMismatch } from './units.js';
export { VERDICTS, type Because, type RuleChangeRow, type Verdict } from './reconcile.js';
export type { InputRef, Period } from './types.js';
export { auctionYears } from './auctions.js';
export { seriesMonths, type SeriesMonths } from './daily.js';
export { dataReach, latestObservation, type SeriesReach } from './reach.js';
export { combine, decimalsFor, EXACT, roundSignificant, type Precision } from './precision.js';
export { asCovered, comparableSeries, scopeChanges, scopeLabel } from './emissions.js';
export { ruleAt, ruleChanges, ruleHistory, type RuleChange } from './policy-rules.js';
