/**
 * Rows made up for a test, every column the case does not name left empty: a test states only
 * what its case is about, and a column added to a dataset is added here once.
 */
import type { Data } from '../../src/data/datasets/index.js';

/** A row of a dataset of data/, as loadData types it. */
type RowIn<K extends keyof Data> = Data[K][number];

/** A market (markets.csv) with no names, currency or launch: they fall back as the brief's do. */
export const marketRow = (id: string, fields: Partial<RowIn<'markets'>> = {}): RowIn<'markets'> => ({
  id,
  kind: 'national',
  jurisdiction: null,
  name_en: null,
  name_zh: null,
  long_en: null,
  long_zh: null,
  short_en: null,
  short_zh: null,
  possessive_en: null,
  currency: null,
  launch_date: null,
  source: 'paper',
  note: null,
  ...fields,
});

/** A fact (facts.csv) stated exactly by its source, not derived, not a number the paper printed. */
export const factRow = (
  id: string,
  fields: Pick<RowIn<'facts'>, 'market' | 'indicator' | 'period_start' | 'period_end' | 'value' | 'unit'> & Partial<RowIn<'facts'>>,
): RowIn<'facts'> => ({
  id,
  subject: null,
  qualifier: 'exact',
  derived: false,
  printed: null,
  coverage: null,
  paper_value: null,
  paper_unit: null,
  paper_ref: null,
  source: 'paper',
  note: 'Test fixture.',
  ...fields,
});

/** A day of an EU ETS futures series (market-daily.csv) with only its close, in EUR. */
export const dailyRow = (series: string, date: string, close: number, fields: Partial<RowIn<'market-daily'>> = {}): RowIn<'market-daily'> => ({
  market: 'eu-ets',
  instrument: 'futures',
  series,
  date,
  close,
  open: null,
  high: null,
  low: null,
  volume: null,
  turnover: null,
  currency: 'EUR',
  source: 'paper',
  note: null,
  ...fields,
});

/** A year of electricity generation from one source (power-generation.csv) in the EU-27, not a number the paper printed. */
export const powerRow = (year: number, source_type: string, gwh: number, fields: Partial<RowIn<'power-generation'>> = {}): RowIn<'power-generation'> => ({
  region: 'eu27',
  year,
  source_type,
  label_zh: source_type,
  gwh,
  partial: null,
  paper_share_pct: null,
  paper_growth_pct: null,
  paper_ref: null,
  source: 'paper',
  note: null,
  ...fields,
});

/** An open EU ETS installation account in Germany (installations.csv), from the registry source "reg". */
export const installationRow = (account: number, fields: Partial<RowIn<'installations'>> = {}): RowIn<'installations'> => ({
  market: 'eu-ets',
  account,
  installation_id: account,
  name: null,
  country: 'DE',
  city: null,
  activity: null,
  permit_id: null,
  parent_undertaking: null,
  subsidiary_undertaking: null,
  holder: null,
  holder_registration: null,
  account_status: 'open',
  source: 'reg',
  note: null,
  ...fields,
});

/** An account's year (account-years.csv) from the registry source "reg", with no figures unless given. */
export const accountYearRow = (account: number, year: number, fields: Partial<RowIn<'account-years'>> = {}): RowIn<'account-years'> => ({
  market: 'eu-ets',
  account,
  year,
  verified: null,
  verified_status: null,
  allocated: null,
  allocated_10c: null,
  allocated_ner: null,
  allocated_status: null,
  compliance: null,
  source: 'reg',
  note: null,
  ...fields,
});
