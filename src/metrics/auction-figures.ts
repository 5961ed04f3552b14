import type { Data } from '../data/datasets/index.js';
import type { AuctionYearRow } from '../data/aggregates/auctions-annual.js';
import { auctionYears } from './auctions.js';
import { rateOver } from './fx.js';
import { metric, sourcesOf, unavailable, type Metric } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

/** One year of a market's auctions as the paper's Figure 5 shows it. */
export interface AuctionYear {
  readonly year: number;
  /** Revenue of every allowance type's auctions held that year. */
  readonly revenue: number;
  /** Volume-weighted average clearing price of general allowances (EUA), null without any. */
  readonly price: number | null;
  /** The rows behind it, per allowance type, for the chart's table and sources. */
  readonly rows: readonly AuctionYearRow[];
  /** Platforms whose reports the year sums. */
  readonly platforms: readonly string[];
}

/**
 * A market's auction revenue (all allowance types) and average general-allowance price per year,
 * from auctionYears (per-auction rows where data/ has them, else the shipped annual aggregates).
 */
export function auctionFigures(data: Data, market: string): AuctionYear[] {
  const byYear = new Map<number, AuctionYearRow[]>();
  for (const r of auctionYears(data, market)) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  return [...byYear]
    .sort(([a], [b]) => a - b)
    .map(([year, rows]) => {
      const eua = rows.filter((r) => r.allowance === 'EUA');
      const volume = eua.reduce((s, r) => s + r.volume, 0);
      return {
        year,
        rows,
        revenue: rows.reduce((s, r) => s + r.revenue, 0),
        price: volume > 0 ? eua.reduce((s, r) => s + r.revenue, 0) / volume : null,
        platforms: [...new Set(rows.map((r) => r.platform))].sort(),
      };
    });
}

/**
 * A year's auction revenue as the platforms' reports sum it, in `currency` (converted at the
 * year's average rate where the reports' EUR differs). It is a lower bound of the year's total:
 * a platform whose reports data/ lacks (the UK's ICE auctions in the EEX years) is not in it.
 */
export function auctionRevenueOfYear(data: Data, market: string, year: number, currency: string): Metric {
  const period = { start: yearStart(year), end: yearEnd(year) };
  const method = `sum of the revenue of the auctions held in ${year} in the platforms' reports (auctions, or auctions-annual)`;
  const y = auctionFigures(data, market).find((x) => x.year === year);
  if (!y) return unavailable(currency, method, `data/ has no auctions for ${year}`, period);
  const inputs = [{ dataset: 'auctions-annual' as const, rows: y.rows.map((r) => `${r.market}/${r.platform}/${r.allowance}/${r.year}`) }];
  const sources = sourcesOf(y.rows);
  if (currency === 'EUR') return metric({ value: y.revenue, unit: 'EUR', period, method: `${method}, platforms: ${y.platforms.join(', ')}`, inputs, sources });
  const rate = rateOver(data, 'EUR', currency, period);
  if (!rate.ok) return unavailable(currency, method, rate.missing, period);
  return metric({
    value: y.revenue * rate.value.rate,
    unit: currency,
    period,
    method: `${method}, platforms: ${y.platforms.join(', ')}, converted at ${rate.value.method}`,
    inputs: [...inputs, ...rate.value.inputs],
    sources: [...sources, ...rate.value.sources],
  });
}
