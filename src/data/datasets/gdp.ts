import { id, integer, number, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { currency, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const gdp = defineDataset({
  name: 'gdp',
  title: 'Gross domestic product',
  description:
    'Annual GDP by country or region, in constant prices of `price_year` in `currency` (World Bank NY.GDP.MKTP.KD: constant 2015 USD). Written by `ets-brief import`.',
  fields: {
    region: id({ description: 'Lower-case ISO 3166 alpha-3 code for a country (chn, deu); a name for a group (eu27, world, high-income-countries).' }),
    entity: text({ description: 'The country or region as the publisher names it.' }),
    year: integer({ minimum: 1900, maximum: 2100 }),
    value: number({ minimum: 0, description: 'GDP in `currency` at the prices of `price_year`.' }),
    currency: currency(),
    price_year: integer({ minimum: 1900, maximum: 2100, description: 'The year whose prices the series is expressed in (constant prices).' }),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['region', 'year', 'currency', 'price_year'],
  references: [SOURCE_REFERENCE],
  optional: true,
});
