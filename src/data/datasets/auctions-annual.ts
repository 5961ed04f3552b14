import { id, integer, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const auctionsAnnual = defineDataset({
  name: 'auctions-annual',
  title: 'Primary-market auctions per year',
  description:
    "auctions aggregated per market, platform, allowance type and calendar year (src/data/aggregates/auctions-annual.ts; the same function metrics apply to the auction rows). Shipped instead of the rows of EEX's auction reports, which carry no licence: the reports are named as the source, and `ets-brief import` brings their rows back. EEX only: the UK's auctions on ICE (2013–2020) are not in these reports.",
  fields: {
    market: marketId(),
    platform: id({ description: 'Auction platform (eex).' }),
    allowance: oneOf(['EUA', 'EUAA'] as const, { description: 'EUA: general allowances; EUAA: aviation allowances.' }),
    year: integer({ minimum: 1990, maximum: 2100 }),
    auctions: integer({ minimum: 0, unit: 'count', description: 'Auctions held: those with a clearing price.' }),
    cancelled: integer({ minimum: 0, unit: 'count', description: 'Auctions the report marks cancelled (no price, no revenue).' }),
    volume: number({ unit: 't', minimum: 0, description: 'Allowances sold: the volumes of the auctions held.' }),
    revenue: number({ unit: 'EUR', minimum: 0, description: 'Revenue of the auctions held, as reported.' }),
    price: number({ unit: 'EUR/t', minimum: 0, description: 'Volume-weighted average clearing price: revenue ÷ volume.' }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'platform', 'allowance', 'year'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  optional: true,
});
