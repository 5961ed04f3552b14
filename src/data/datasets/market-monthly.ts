import { date, id, integer, matching, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { between, ordered } from '../rules.js';
import { currency, MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

/** A calendar month, YYYY-MM. */
const month = () =>
  matching((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { description: 'Calendar month, YYYY-MM.', expected: 'a month such as 2021-07', format: 'ets:month' });

export const marketMonthly = defineDataset({
  name: 'market-monthly',
  title: 'Monthly allowance trading',
  description:
    'market-daily aggregated per market, instrument, series and calendar month (src/data/aggregates/market-monthly.ts; the same function metrics apply to daily rows, so shipped months and imported days give the same figures). Shipped instead of the daily rows of publishers whose terms do not allow redistribution (investing.com, WIND, ETS Watch): their source is named, their daily rows come back with `ets-brief import`. Price statistics are over trading days: days with trades (volume above zero) in a series that states volumes, every priced day in one that does not (a day without trades repeats the last price).',
  fields: {
    market: marketId(),
    instrument: oneOf(['exchange', 'futures'] as const, { description: 'As in market-daily.' }),
    series: id({ description: 'The market-daily series aggregated (never two series in one row).' }),
    month: month(),
    days: integer({ minimum: 1, unit: 'days', description: 'Days with a price in the month, as the publisher lists them.' }),
    trading_days: integer({
      minimum: 0,
      unit: 'days',
      description: 'Trading days: days with volume above zero where the series states volumes, else every priced day.',
    }),
    first_date: date({ description: 'First day with a price in the month.' }),
    last_date: date({ description: 'Last day with a price in the month.' }),
    first_close: number({ minimum: 0, description: 'Close of the first trading day.' }).optional(),
    last_close: number({ minimum: 0, description: 'Close of the last trading day.' }).optional(),
    min_close: number({ minimum: 0 }).optional(),
    max_close: number({ minimum: 0 }).optional(),
    mean_close: number({ minimum: 0, description: "Mean of the trading days' closes." }).optional(),
    low: number({ minimum: 0, description: 'Lowest low of a trading day (its close where the series has no low).' }).optional(),
    high: number({ minimum: 0, description: 'Highest high of a trading day (its close where the series has no high).' }).optional(),
    volume: number({ unit: 't', minimum: 0, description: "Sum of the days' volumes; empty where the series states none." }).optional(),
    turnover: number({ minimum: 0, description: "Sum of the days' turnover, in `currency`; empty where the series states none." }).optional(),
    currency: currency(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'instrument', 'series', 'month'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  rowRules: [ordered('first_date', 'last_date'), between('min_close', 'mean_close', 'max_close')],
  optional: true,
});
