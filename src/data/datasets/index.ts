import type { RowOf } from '../schema.js';
import { accountYears } from './account-years.js';
import { auctions } from './auctions.js';
import { auctionsAnnual } from './auctions-annual.js';
import { companyRules } from './company-rules.js';
import { emissions } from './emissions.js';
import { facts } from './facts.js';
import { fxDaily } from './fx-daily.js';
import { marketDaily } from './market-daily.js';
import { marketMonthly } from './market-monthly.js';
import { sectorEmissions } from './sector-emissions.js';
import { fxRates } from './fx-rates.js';
import { gdp } from './gdp.js';
import { installations } from './installations.js';
import { markets } from './markets.js';
import { policyRules } from './policy-rules.js';
import { scopes } from './scopes.js';
import { phases } from './phases.js';
import { powerGeneration } from './power-generation.js';
import { priceAnnual } from './price-annual.js';
import { recommendations } from './recommendations.js';
import { sources } from './sources.js';

/** Every dataset in data/, in the order they are checked (referenced datasets first). */
export const DATASETS = {
  sources,
  markets,
  phases,
  scopes,
  'policy-rules': policyRules,
  facts,
  'price-annual': priceAnnual,
  emissions,
  'power-generation': powerGeneration,
  'fx-rates': fxRates,
  recommendations,
  'market-daily': marketDaily,
  'market-monthly': marketMonthly,
  'fx-daily': fxDaily,
  'sector-emissions': sectorEmissions,
  auctions,
  'auctions-annual': auctionsAnnual,
  installations,
  'account-years': accountYears,
  'company-rules': companyRules,
  gdp,
} as const;

export type DatasetName = keyof typeof DATASETS;

/** The loaded data: one typed array of rows per dataset. */
export type Data = { readonly [K in DatasetName]: readonly RowOf<(typeof DATASETS)[K]>[] };

export { accountYears, auctions, auctionsAnnual, companyRules, gdp, installations };
export {
  emissions,
  facts,
  fxDaily,
  fxRates,
  marketDaily,
  marketMonthly,
  markets,
  phases,
  policyRules,
  powerGeneration,
  priceAnnual,
  recommendations,
  scopes,
  sectorEmissions,
  sources,
};
