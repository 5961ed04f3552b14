import type { Data } from '../datasets/index.js';
import { byKey, citedSources, groupBy, tidy } from './numbers.js';

type AuctionRow = Data['auctions'][number];
export type AuctionYearRow = Data['auctions-annual'][number];

/**
 * Auction rows aggregated per market, platform, allowance type and calendar year
 * (auctions-annual): auctions held (those with a clearing price) and cancelled, the volume sold
 * and revenue of the auctions held, and the volume-weighted average price, revenue ÷ volume
 * (which is Σ price × volume ÷ Σ volume, since each report's revenue is price × volume). Revenue
 * is the report's; an auction with a price and no stated revenue counts price × volume, and the
 * row's note says how many did and how much, after the auction rows' own notes. Pure.
 */
export function auctionsAnnual(rows: Iterable<AuctionRow>): AuctionYearRow[] {
  const groups = groupBy(rows, (r) => [r.market, r.platform, r.allowance, r.date.slice(0, 4)].join('\u0000'));
  return byKey(groups).map(([, auctions]) => {
    const first = auctions[0]!;
    const held = auctions.filter((a) => a.price !== null);
    const volume = tidy(held.reduce((s, a) => s + a.volume, 0));
    // Summed in cents: the reports state revenue to the cent, and a sum of them should be too.
    const revenue = Math.round(held.reduce((s, a) => s + Math.round((a.revenue ?? a.price! * a.volume) * 100), 0)) / 100;
    // EEX's 2012 report leaves the revenue of Germany's Phase 2 auctions empty: say so, with the amount counted.
    const unstated = held.filter((a) => a.revenue === null);
    const filled = Math.round(unstated.reduce((s, a) => s + a.price! * a.volume * 100, 0)) / 100;
    return {
      market: first.market,
      platform: first.platform,
      allowance: first.allowance,
      year: Number(first.date.slice(0, 4)),
      auctions: held.length,
      cancelled: auctions.filter((a) => a.status === 'cancelled').length,
      volume,
      revenue,
      price: volume > 0 ? tidy(revenue / volume) : null,
      source: citedSources(auctions),
      // The rows' own notes carry over (e.g. which platforms the reports leave out), each once.
      note:
        [
          ...new Set(auctions.map((a) => a.note).filter((n): n is string => n !== null)),
          ...(unstated.length === 0
            ? []
            : [
                `${unstated.length} of the ${held.length} auctions state no revenue: their price × volume (EUR ${filled.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}) is counted.`,
              ]),
        ].join(' ') || null,
    };
  });
}
