import { auctionsAnnual, type AuctionYearRow } from '../data/aggregates/auctions-annual.js';
import type { Data } from '../data/datasets/index.js';

/**
 * A market's auctions per platform, allowance type and year: aggregated from the auction rows
 * with auctionsAnnual (the function the data build ships auctions-annual with) where data/ has
 * them, else the shipped auctions-annual rows. Imported reports and shipped aggregates give the
 * same years. Sorted by platform, allowance and year.
 */
export function auctionYears(data: Data, market: string): AuctionYearRow[] {
  const fromRows = auctionsAnnual(data.auctions.filter((a) => a.market === market));
  const key = (r: AuctionYearRow) => `${r.platform}\u0000${r.allowance}\u0000${r.year}`;
  const have = new Set(fromRows.map(key));
  const shipped = data['auctions-annual'].filter((r) => r.market === market && !have.has(key(r)));
  return [...fromRows, ...shipped].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
