import { boolean, id, integer, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const emissions = defineDataset({
  name: 'emissions',
  title: 'Annual emissions',
  description: "Annual emissions of a market's covered installations (verified) or of its whole jurisdiction.",
  fields: {
    market: marketId(),
    year: integer({ minimum: 1990, maximum: 2100 }),
    scope: oneOf(['verified-ets', 'economy-wide'] as const),
    coverage: id({ description: 'Scope id from scopes.csv: the countries, activities and gases the value covers.' }),
    value: number({ unit: 't', minimum: 0, units: { Mt: 1e6, Gt: 1e9, 万吨: 1e4, 亿吨: 1e8 } }),
    estimated: boolean({
      description: "true when the value includes an estimate (e.g. the EEA's estimate of what a later scope would have added): it is then approximate.",
    }).optional(),
    reporting_units: integer({ minimum: 0, description: 'Accounts or installations with a reported value that year.' }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'year', 'scope', 'coverage'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE, { field: 'coverage', resource: 'scopes', resourceField: 'id' }],
});
