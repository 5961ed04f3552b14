import { id, oneOf, text } from '../fields.js';

/** Units a stated number may carry. A closed list, so metrics never meet a unit they cannot convert. */
export const UNITS = ['t', 't/yr', 'EUR/t', 'CNY/t', 'USD/t', 'EUR', 'CNY', 'USD', '%', '%/yr', 'count', 'days', 'years', 'ratio'] as const;
export type Unit = (typeof UNITS)[number];

/** Currencies, ISO 4217. */
export const CURRENCIES = ['EUR', 'CNY', 'USD', 'GBP', 'KRW', 'NZD', 'CHF'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** How a printed number relates to the truth: "about 30", "above 20", "under 2%". */
export const QUALIFIERS = ['exact', 'approx', 'above', 'below'] as const;

export const sourceList = () =>
  text({ description: 'Source ids from sources.csv, separated by ";".' });
export const marketId = () => id({ description: 'Market id from markets.csv.' });
export const paperRef = () =>
  text({ description: 'Where the source paper states it: section (§), figure or table.' }).optional();
export const note = () => text({ description: 'Why the value is what it is: corrections, caveats, derivations.' }).optional();
export const unit = () => oneOf(UNITS, { description: 'Unit of the value.' });

/** Every row names its market (markets.csv) and its sources (sources.csv). */
export const MARKET_REFERENCE = { field: 'market', resource: 'markets', resourceField: 'id' } as const;
export const SOURCE_REFERENCE = { field: 'source', resource: 'sources', resourceField: 'id', list: true } as const;
