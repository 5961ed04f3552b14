import { date, integer, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { between, ordered } from '../rules.js';
import { currency, MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const priceAnnual = defineDataset({
  name: 'price-annual',
  title: 'Annual allowance prices',
  description: 'Annual mean, minimum and maximum of daily allowance prices, with the days and dates behind each year so partial years are visible.',
  fields: {
    market: marketId(),
    year: integer({ minimum: 1990, maximum: 2100 }),
    instrument: oneOf(['futures-settle', 'spot-close', 'auction-clearing'] as const, {
      description: 'Which daily price was aggregated.',
    }),
    mean: number({ minimum: 0 }),
    min: number({ minimum: 0 }),
    max: number({ minimum: 0 }),
    currency: currency(),
    days: integer({ minimum: 1, description: 'Days with a price in the year.' }),
    first_date: date(),
    last_date: date(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'year', 'instrument'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  rowRules: [between('min', 'mean', 'max'), ordered('first_date', 'last_date')],
});
