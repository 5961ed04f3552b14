import { date, id, integer, number, oneOf, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

/** EEX's contract codes: T2PA/T3PA general allowances (Phase 2, Phase 3 on), EAA2/EAA3 aviation. */
export const AUCTION_CONTRACTS = ['T2PA', 'T3PA', 'EAA2', 'EAA3'] as const;

export const auctions = defineDataset({
  name: 'auctions',
  title: 'Primary-market allowance auctions',
  description:
    'One row per auction as the platform reports it: clearing price, volume, revenue and bidding. Cancelled auctions are kept with their status and no price. Written by `ets-brief import`.',
  fields: {
    market: marketId(),
    platform: id({ description: 'Auction platform (eex).' }),
    date: date(),
    auction: text({ description: 'The auction\'s name as the platform writes it (EU, DE, "Auction 4. Period CAP3 EU"…): the auctioneer and period.' }),
    contract: oneOf(AUCTION_CONTRACTS, { description: 'Contract code as published.' }),
    allowance: oneOf(['EUA', 'EUAA'] as const, { description: 'EUA: general allowances (T2PA, T3PA); EUAA: aviation allowances (EAA2, EAA3).' }),
    status: oneOf(['successful', 'cancelled'] as const, {
      description: 'As the report states it (from 2020); empty where the report has no status column.',
    }).optional(),
    price: number({ unit: 'EUR/t', minimum: 0, description: 'Auction clearing price; empty for a cancelled auction.' }).optional(),
    volume: number({ unit: 't', minimum: 0, description: 'Allowances offered for auction.' }),
    revenue: number({ unit: 'EUR', minimum: 0, description: 'Total revenue as reported (price × volume); empty for a cancelled auction.' }).optional(),
    bids_volume: number({ unit: 't', minimum: 0, description: 'Total amount of allowances bid for.' }).optional(),
    cover_ratio: number({ unit: 'ratio', minimum: 0, description: 'Volume bid over volume offered.' }).optional(),
    bidders: integer({ minimum: 0, description: 'Bidders taking part.' }).optional(),
    successful_bidders: integer({ minimum: 0 }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'platform', 'date', 'auction', 'contract'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  rowRules: [
    {
      field: 'price',
      check: (row) => (row.status === 'cancelled' && (row.price !== null || row.revenue !== null) ? 'a cancelled auction has no price or revenue' : undefined),
    },
  ],
  optional: true,
});
