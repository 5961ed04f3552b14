import type { Data } from '../data/datasets/index.js';
import { currencyOfUnit } from '../data/datasets/common.js';

export interface CurrencyMismatch {
  readonly dataset: 'facts';
  readonly id: string;
  readonly message: string;
}

/**
 * Amounts stated in a currency other than their market's (a band in EUR/t for a market trading in
 * GBP). Metrics convert them from the unit's own currency, never the market's, and say so; this
 * lists them so an author sees each one.
 */
export function currencyMismatches(data: Data): CurrencyMismatch[] {
  const currencyOf = new Map(data.markets.map((m) => [m.id, m.currency]));
  const out: CurrencyMismatch[] = [];
  for (const f of data.facts) {
    const unitCurrency = currencyOfUnit(f.unit);
    const market = currencyOf.get(f.market);
    if (!unitCurrency || !market || unitCurrency === market) continue;
    out.push({
      dataset: 'facts',
      id: f.id,
      message: `fact ${f.id} is in ${f.unit}, but ${f.market} trades in ${market}: converted explicitly from ${unitCurrency} at the rates in fx-rates.csv wherever it is compared`,
    });
  }
  return out;
}
