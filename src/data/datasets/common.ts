import { id, matching, text } from '../fields.js';

/** Units other than money that a stated number may carry. */
export const PLAIN_UNITS = ['t', 't/yr', '%', '%/yr', 'count', 'days', 'years', 'ratio'] as const;

/**
 * ISO 4217 currency codes, as the JavaScript runtime's ICU data lists them (every current code:
 * GBP, KRW, NZD…). A market in any of them works once fx-rates.csv has its rates.
 */
const ISO_4217: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
export const isCurrency = (code: string): boolean => ISO_4217.has(code);

/** The currency a unit is counted in ("EUR" for "EUR/t" and "EUR"), or null for t, %, count… */
export function currencyOfUnit(unit: string): string | null {
  const code = unit.split('/')[0]!;
  return isCurrency(code) ? code : null;
}

export const isUnit = (u: string): boolean =>
  (PLAIN_UNITS as readonly string[]).includes(u) || isCurrency(u) || (u.endsWith('/t') && isCurrency(u.slice(0, -2)));

/** How a printed number relates to the truth: "about 30", "above 20", "under 2%". */
export const QUALIFIERS = ['exact', 'approx', 'above', 'below'] as const;

export const sourceList = () => text({ description: 'Source ids from sources.csv, separated by ";".' });
export const marketId = () => id({ description: 'Market id from markets.csv.' });
export const paperRef = () => text({ description: 'Where the source paper states it: section (§), figure or table.' }).optional();
export const note = () => text({ description: 'Why the value is what it is: corrections, caveats, derivations.' }).optional();
export const unit = () =>
  matching(isUnit, {
    description: `Unit of the value: ${PLAIN_UNITS.join(', ')}, an ISO 4217 currency (EUR) or a price per tonne in one (EUR/t).`,
    expected: `one of ${PLAIN_UNITS.join(', ')}, a currency code such as EUR, or a price such as EUR/t`,
    format: 'ets:unit',
  });

/** An ISO 4217 currency code. */
export const currency = (description?: string) =>
  matching(isCurrency, { ...(description ? { description } : {}), expected: 'an ISO 4217 currency code such as EUR, CNY, GBP', format: 'ets:iso4217' });

/** Every row names its market (markets.csv) and its sources (sources.csv). */
export const MARKET_REFERENCE = { field: 'market', resource: 'markets', resourceField: 'id' } as const;
export const SOURCE_REFERENCE = { field: 'source', resource: 'sources', resourceField: 'id', list: true } as const;
