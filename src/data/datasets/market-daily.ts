import { date, id, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { currency, MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const marketDaily = defineDataset({
  name: 'market-daily',
  title: 'Daily allowance trading',
  description:
    'One row per market, instrument, series and trading day: prices in the market currency per tonne, volume in tonnes, turnover in the currency. Written by `ets-brief import`. data/ ships the rows of publishers whose terms allow it (data-src/raw-files.csv, policy raw); the others ship as market-monthly aggregates.',
  fields: {
    market: marketId(),
    instrument: oneOf(['exchange', 'futures'] as const, { description: 'exchange: spot/secondary market; futures: front futures settlement.' }),
    series: id({
      description:
        "Which price series the row belongs to: the publisher and, for futures, the contract or roll (wind, ets-watch, investing-eua-yearly…). Part of the key, so two publishers' series of one market are kept apart, never spliced; metrics and charts use one series per market and name it.",
    }),
    date: date(),
    close: number({
      minimum: 0,
      description: "The series' price of the day: closing, latest or settlement price, or the average price where the series' note says so.",
    }),
    open: number({ minimum: 0 }).optional(),
    high: number({ minimum: 0 }).optional(),
    low: number({ minimum: 0 }).optional(),
    volume: number({ unit: 't', minimum: 0 }).optional(),
    turnover: number({ minimum: 0, description: 'Value traded, in `currency`.' }).optional(),
    currency: currency(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'instrument', 'series', 'date'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  // No low ≤ close ≤ high rule: a futures settlement price is set after the close and can lie
  // outside the day's traded range (about 700 days of the EUA futures file do).
  optional: true,
});
