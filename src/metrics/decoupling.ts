import type { Data } from '../data/datasets/index.js';
import { comparableSeries } from './emissions.js';
import { metric, sourcesOf, unavailable, type Metric } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

type GdpRow = Data['gdp'][number];

/** The value of an index in its base year. */
export const INDEX_BASE = 100;

/** One year of emissions and real GDP, each as an index (base year = 100) and as its value. */
export interface IndexedYear {
  readonly year: number;
  readonly emissions: number;
  readonly gdp: number;
  readonly emissionsIndex: number;
  readonly gdpIndex: number;
}

/** Verified emissions on one scope against a region's real GDP, indexed to a common base year. */
export interface EmissionsAndGdp {
  readonly market: string;
  /** The comparable (constant-scope) emissions series used (scopes.csv id). */
  readonly scope: string;
  readonly region: string;
  readonly currency: string;
  readonly priceYear: number;
  /** The first year both series have: index 100. */
  readonly baseYear: number;
  readonly years: readonly IndexedYear[];
  readonly sources: readonly string[];
}

/**
 * The GDP region a market's emissions are compared with: the region (facts.csv `subject`) of the
 * paper's claim about the market's real GDP (indicator `real-gdp-change`), so no region is typed here.
 */
export function gdpRegionOf(data: Data, market: string): string | undefined {
  return data.facts.find((f) => f.market === market && f.indicator === 'real-gdp-change' && f.subject !== null)?.subject ?? undefined;
}

/** One GDP series per region: the most recent price year, then currency in alphabetical order. */
function gdpSeries(data: Data, region: string): GdpRow[] {
  const rows = data.gdp.filter((r) => r.region === region);
  const first = [...rows].sort((a, b) => b.price_year - a.price_year || a.currency.localeCompare(b.currency))[0];
  return first ? rows.filter((r) => r.currency === first.currency && r.price_year === first.price_year).sort((a, b) => a.year - b.year) : [];
}

/**
 * Emissions of the market's comparable series and the region's real GDP over the years both
 * have, as indices of the first such year. Null when data/ lacks either, or they share no year.
 */
export function emissionsAndGdp(data: Data, market: string, region: string): EmissionsAndGdp | null {
  const [entry] = [...comparableSeries(data, market).entries()];
  const gdp = gdpSeries(data, region);
  if (!entry || gdp.length === 0) return null;
  const [scope, emissions] = entry;
  const byYear = new Map(gdp.map((r) => [r.year, r]));
  const pairs = emissions.flatMap((e) => (byYear.has(e.year) ? [[e, byYear.get(e.year)!] as const] : []));
  if (pairs.length < 2) return null;
  const [e0, g0] = pairs[0]!;
  return {
    market,
    scope,
    region,
    currency: g0.currency,
    priceYear: g0.price_year,
    baseYear: e0.year,
    years: pairs.map(([e, g]) => ({
      year: e.year,
      emissions: e.value,
      gdp: g.value,
      emissionsIndex: (e.value / e0.value) * INDEX_BASE,
      gdpIndex: (g.value / g0.value) * INDEX_BASE,
    })),
    sources: [...new Set([...sourcesOf(pairs.map(([e]) => e)), ...sourcesOf(pairs.map(([, g]) => g))])].sort(),
  };
}

/** Change of a region's real GDP between two years, in percent (its one series; see gdpSeries). */
export function gdpChange(data: Data, region: string, from: number, to: number): Metric {
  const period = { start: yearStart(from), end: yearEnd(to) };
  const method = `real GDP of ${region} ${to} ÷ ${from} − 1`;
  const series = gdpSeries(data, region);
  const a = series.find((r) => r.year === from);
  const b = series.find((r) => r.year === to);
  if (!a || !b) return unavailable('%', method, `gdp.csv has no ${region} row for ${!a ? from : to}`, period);
  return metric({
    value: (b.value / a.value - 1) * 100,
    unit: '%',
    period,
    method: `${method} (constant ${a.price_year} ${a.currency})`,
    inputs: [{ dataset: 'gdp', rows: [a, b].map((r) => `${r.region}/${r.year}/${r.currency}/${r.price_year}`) }],
    sources: sourcesOf([a, b]),
  });
}

/** Whether emissions fell while GDP grew over the years: null when either change is unknown. */
export function decoupled(emissions: Metric, gdp: Metric): boolean | null {
  return emissions.value === null || gdp.value === null ? null : emissions.value < 0 && gdp.value > 0;
}
