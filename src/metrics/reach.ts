import type { Data } from '../data/datasets/index.js';
import { asCovered } from './emissions.js';
import { yearStart, yearEnd } from '../data/dates.js';

/**
 * How far one series reaches: its first and last observation. A brief is "as of" its data, series
 * by series, not the day its files were read.
 */
export interface SeriesReach {
  /** A market id, or a region id for series about a region (electricity generation). */
  readonly subject: string;
  readonly measure: 'prices' | 'volumes' | 'emissions' | 'auction-revenue' | 'electricity';
  readonly first: string;
  readonly last: string;
  /** Daily rows, annual aggregates or stated figures. */
  readonly basis: 'daily' | 'annual' | 'stated';
}

export function dataReach(data: Data): SeriesReach[] {
  const out: SeriesReach[] = [];
  const push = (r: SeriesReach | null) => r && out.push(r);
  const span = (dates: readonly string[]) =>
    dates.length === 0 ? null : { first: dates.reduce((a, b) => (a < b ? a : b)), last: dates.reduce((a, b) => (a > b ? a : b)) };
  for (const market of data.markets.map((m) => m.id)) {
    const daily = data['market-daily'].filter((r) => r.market === market);
    // Shipped months are daily data aggregated: their first and last days are daily observations.
    const monthly = data['market-monthly'].filter((m) => m.market === market);
    const annual = data['price-annual'].filter((r) => r.market === market);
    const dailySpan = span([...daily.map((r) => r.date), ...monthly.flatMap((m) => [m.first_date, m.last_date])]);
    const annualSpan = span([...annual.map((r) => r.first_date), ...annual.map((r) => r.last_date)]);
    const stated = (indicators: readonly string[]) =>
      span(
        data.facts
          .filter((f) => f.market === market && f.subject === null && f.value !== null && indicators.includes(f.indicator))
          .flatMap((f) => [f.period_start ?? f.period_end, f.period_end].filter((d): d is string => d !== null)),
      );
    // Each basis is listed: a series (daily or annual) and the figures sources state can reach
    // different dates, and a reader needs both (EU prices: a series to April 2021, a stated price
    // for 30 December 2022).
    const each = (measure: SeriesReach['measure'], candidates: readonly ({ first: string; last: string; basis: SeriesReach['basis'] } | null)[]) => {
      for (const c of candidates) if (c) push({ subject: market, measure, ...c });
    };
    const statedPrices = stated(['price-band-low', 'price-band-high', 'price-high', 'price-low', 'price-close', 'price-settle']);
    each('prices', [
      dailySpan && { ...dailySpan, basis: 'daily' },
      annualSpan && { ...annualSpan, basis: 'annual' },
      statedPrices && { ...statedPrices, basis: 'stated' },
    ]);
    const dailyVolumes = span([
      ...daily.filter((r) => r.volume !== null).map((r) => r.date),
      ...monthly.filter((m) => m.volume !== null).flatMap((m) => [m.first_date, m.last_date]),
    ]);
    const statedVolumes = stated(['traded-volume', 'traded-volume-per-year']);
    each('volumes', [dailyVolumes && { ...dailyVolumes, basis: 'daily' }, statedVolumes && { ...statedVolumes, basis: 'stated' }]);
    const years = asCovered(data, market).map((r) => r.year);
    if (years.length > 0)
      push({ subject: market, measure: 'emissions', first: yearStart(Math.min(...years)), last: yearEnd(Math.max(...years)), basis: 'annual' });
    const revenue = stated(['auction-revenue', 'auction-revenue-member-states']);
    if (revenue) push({ subject: market, measure: 'auction-revenue', ...revenue, basis: 'stated' });
  }
  for (const region of [...new Set(data['power-generation'].map((r) => r.region))]) {
    const rows = data['power-generation'].filter((r) => r.region === region);
    const years = rows.map((r) => r.year);
    // A provisional year (partial) does not reach its year's end: the series reaches the last complete one.
    const complete = rows.filter((r) => r.partial !== true).map((r) => r.year);
    const last = complete.length > 0 ? Math.max(...complete) : Math.max(...years);
    push({ subject: region, measure: 'electricity', first: yearStart(Math.min(...years)), last: yearEnd(last), basis: 'annual' });
  }
  return out;
}

/** The latest observation of any series: what "data as of" means for the brief as a whole. */
export function latestObservation(reach: readonly SeriesReach[]): string | null {
  return (
    reach
      .map((r) => r.last)
      .sort()
      .at(-1) ?? null
  );
}
