import type { Data } from '../data/datasets/index.js';
import { rateOver } from './fx.js';
import { dailyStats } from './daily.js';
import { factOver } from './select.js';
import { currencyOfUnit } from '../data/datasets/common.js';
import { combine, EXACT, statedPrecision } from './precision.js';
import { metric, sourcesOf, unavailable, type Metric, type Window } from './types.js';

/** Currencies every band is also shown in, besides those of the markets compared. */
export const COMMON_CURRENCIES = ['USD'] as const;

export interface PriceBand {
  readonly market: string;
  readonly currency: string | null;
  /** The band a source states for the period (e.g. "40–60 CNY/t"). */
  readonly stated: { readonly low: Metric; readonly high: Metric };
  /** From price series in data/ that lie within the period. */
  readonly observed: { readonly min: Metric; readonly max: Metric; readonly mean: Metric; readonly median: Metric };
  /**
   * The stated band and the observed prices in the compared markets' currencies and USD, at the
   * period's exchange rates, converted from each value's own unit (never assumed in the market's).
   */
  readonly converted: Readonly<Record<string, ConvertedPrices>>;
}

export interface ConvertedPrices {
  readonly low: Metric;
  readonly high: Metric;
  readonly min: Metric;
  readonly max: Metric;
  readonly mean: Metric;
  readonly median: Metric;
}

export function priceBand(data: Data, market: string, period: Window, currencies: readonly string[] = []): PriceBand {
  const currency = data.markets.find((m) => m.id === market)?.currency ?? null;
  const unit = `${currency ?? '?'}/t`;
  const stated = (indicator: 'price-band-low' | 'price-band-high'): Metric => {
    const f = factOver(data, market, indicator, period);
    return f && f.value !== null
      ? metric({
          value: f.value,
          unit: f.unit,
          period,
          method: `${indicator.replace('price-band-', '')} end of the band stated for the period`,
          inputs: [{ dataset: 'facts', rows: [f.id] }],
          sources: sourcesOf([f]),
          precision: statedPrecision(f.value, f.qualifier),
        })
      : unavailable(unit, `stated price band (${indicator})`, `no ${indicator} fact for ${market} over ${period.start} – ${period.end}`, period);
  };
  const low = stated('price-band-low');
  const high = stated('price-band-high');
  const observed = observedPrices(data, market, period, unit);
  const targets = [...new Set([...(currency ? [currency] : []), ...currencies, ...COMMON_CURRENCIES])];
  const converted = Object.fromEntries(
    targets.map((to) => {
      const c = (m: Metric) => convert(data, m, to, period);
      return [to, { low: c(low), high: c(high), min: c(observed.min), max: c(observed.max), mean: c(observed.mean), median: c(observed.median) }];
    }),
  );
  return { market, currency, stated: { low, high }, observed, converted };
}

/**
 * Observed prices over the period: from daily rows where data/ has them (median included), else
 * from annual aggregates wholly inside the period (mean weighted by days with a price).
 */
function observedPrices(data: Data, market: string, period: Window, unit: string): PriceBand['observed'] {
  const daily = dailyStats(data, market, period);
  if (daily) return { min: daily.low, max: daily.high, mean: daily.mean, median: daily.median };
  const rows = data['price-annual'].filter((r) => r.market === market && r.first_date >= period.start && r.last_date <= period.end);
  const median = unavailable(unit, 'median of daily prices', 'needs daily prices in data/ (see `ets-brief import`)', period);
  if (rows.length === 0) {
    const why = `no price series for ${market} within ${period.start} – ${period.end}`;
    return {
      min: unavailable(unit, 'lowest daily price', why, period),
      max: unavailable(unit, 'highest daily price', why, period),
      mean: unavailable(unit, 'mean daily price', why, period),
      median,
    };
  }
  const inputs = [{ dataset: 'price-annual' as const, rows: rows.map((r) => `${r.market}/${r.year}/${r.instrument}`) }];
  const sources = sourcesOf(rows);
  const days = rows.reduce((n, r) => n + r.days, 0);
  const first = rows.map((r) => r.first_date).sort()[0]!;
  const last = rows
    .map((r) => r.last_date)
    .sort()
    .at(-1)!;
  const complete = first <= period.start && last >= period.end;
  const make = (value: number, method: string) =>
    metric({ value, unit: `${rows[0]!.currency}/t`, period, method, inputs, sources, coverage: { first, last, complete } });
  return {
    min: make(Math.min(...rows.map((r) => r.min)), `lowest daily ${rows[0]!.instrument} price in the period`),
    max: make(Math.max(...rows.map((r) => r.max)), `highest daily ${rows[0]!.instrument} price in the period`),
    mean: make(rows.reduce((s, r) => s + r.mean * r.days, 0) / days, `mean of annual means weighted by trading days (${days} days)`),
    median,
  };
}

/**
 * A money metric in another currency, converted from the currency its own unit names (a band
 * stored in EUR/t is converted from EUR whatever its market trades in); the rate's method is
 * appended to the metric's.
 */
export function convert(data: Data, m: Metric, to: string, period: Window): Metric {
  const from = currencyOfUnit(m.unit);
  const unit = from === null ? m.unit : `${to}${m.unit.slice(from.length)}`;
  if (m.value === null) return { ...m, unit };
  if (from === null) return unavailable(unit, m.method, `${m.unit} is not an amount of money`, period);
  const rate = rateOver(data, from, to, period);
  if (!rate.ok) return unavailable(unit, m.method, rate.missing, period);
  return metric({
    value: m.value * rate.value.rate,
    unit,
    period: m.period,
    method: `${m.method}; ${rate.value.method}`,
    inputs: [...m.inputs, ...rate.value.inputs],
    sources: [...m.sources, ...rate.value.sources],
    precision: m.precision,
    coverage: m.coverage,
  });
}

/** Midpoint of a stated band, in the band's unit. */
export function midpoint(band: { low: Metric; high: Metric }): Metric {
  const { low, high } = band;
  if (low.value === null || high.value === null)
    return unavailable(low.unit, 'midpoint of the stated band', low.missing ?? high.missing ?? 'band incomplete', low.period);
  return metric({
    value: (low.value + high.value) / 2,
    unit: low.unit,
    period: low.period,
    method: `midpoint of the stated band (${low.method}; ${high.method})`,
    inputs: [...low.inputs, ...high.inputs],
    sources: [...low.sources, ...high.sources],
    precision: combine(low.precision, high.precision),
  });
}

/**
 * How many times the reference market's price is the subject's, comparing stated band midpoints
 * in the reference market's currency.
 */
export function priceRatio(reference: PriceBand, subject: PriceBand, period: Window): Metric {
  const common = reference.currency;
  const inCommon = common === null ? undefined : subject.converted[common];
  if (common === null || !inCommon) return unavailable('ratio', 'price ratio', `no common currency for ${reference.market}`, period);
  const ref = midpoint(reference.stated);
  const sub = midpoint(inCommon);
  if (ref.value === null || sub.value === null || sub.value === 0)
    return unavailable('ratio', 'price ratio', ref.missing ?? sub.missing ?? 'zero price', period);
  return metric({
    value: ref.value / sub.value,
    unit: 'ratio',
    period,
    method: `${reference.market} band midpoint ÷ ${subject.market} band midpoint, both in ${common}: ${sub.method}`,
    inputs: [...ref.inputs, ...sub.inputs],
    sources: [...ref.sources, ...sub.sources],
    precision: combine(ref.precision, sub.precision),
  });
}

export interface ImpliedPrice {
  readonly value: Metric;
  /** Whether the implied price lies inside the band stated for the same period (null if unknown). */
  readonly withinStatedBand: boolean | null;
}

/**
 * Turnover ÷ volume over the window: the average price actually paid. From the daily sums where
 * data/ has daily rows (exact), else from the stated totals, no more precise than they are printed
 * (104.75×10⁸ CNY ÷ 2.3×10⁸ t is "46", not 45.5).
 */
export function impliedAveragePrice(data: Data, market: string, period: Window, band: PriceBand): ImpliedPrice {
  const { low, high } = band.stated;
  const within = (value: number) => (low.value === null || high.value === null ? null : value >= low.value && value <= high.value);
  const daily = dailyStats(data, market, period);
  if (daily && daily.turnover.value !== null && daily.volume.value !== null && daily.volume.value > 0) {
    const value = daily.turnover.value / daily.volume.value;
    return {
      value: metric({
        value,
        unit: `${daily.turnover.unit}/t`,
        period,
        method: 'sum of daily turnover ÷ sum of daily volume over the period',
        inputs: [...daily.turnover.inputs],
        sources: [...daily.turnover.sources],
        precision: EXACT,
      }),
      withinStatedBand: within(value),
    };
  }
  const turnover = factOver(data, market, 'turnover', period);
  const volume = factOver(data, market, 'traded-volume', period);
  const unit = `${band.currency ?? '?'}/t`;
  if (!turnover || turnover.value === null || !volume || volume.value === null || volume.value === 0) {
    return {
      value: unavailable(unit, 'turnover ÷ traded volume', `needs turnover and traded-volume facts for ${market} over ${period.start} – ${period.end}`, period),
      withinStatedBand: null,
    };
  }
  const value = turnover.value / volume.value;
  return {
    value: metric({
      value,
      unit: `${turnover.unit}/t`,
      period,
      method: 'stated turnover ÷ stated traded volume over the period',
      inputs: [{ dataset: 'facts', rows: [turnover.id, volume.id] }],
      sources: sourcesOf([turnover, volume]),
      precision: combine(statedPrecision(turnover.value, turnover.qualifier), statedPrecision(volume.value, volume.qualifier)),
    }),
    withinStatedBand: within(value),
  };
}
