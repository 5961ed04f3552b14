import { integer, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { ordered } from '../rules.js';
import { MARKET_REFERENCE, marketId, note, paperRef, SOURCE_REFERENCE, sourceList } from './common.js';

export const msrParameters = defineDataset({
  name: 'msr-parameters',
  title: 'Market Stability Reserve parameters',
  description:
    'Rules of a supply-adjustment reserve: thresholds on allowances in circulation, the intake rate and the release amount, with the years they apply.',
  fields: {
    market: marketId(),
    parameter: oneOf(['upper-threshold', 'lower-threshold', 'intake-rate', 'release-amount'] as const),
    value: number({ minimum: 0, units: { 'Mt': 1e6, '亿吨': 1e8, '万吨': 1e4 }, percent: true }),
    unit: oneOf(['t', '%'] as const),
    valid_from: integer({ minimum: 2000, maximum: 2100 }).optional(),
    valid_to: integer({ minimum: 2000, maximum: 2100 }).optional(),
    paper_ref: paperRef(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'parameter', 'valid_from'],
  references: [
    MARKET_REFERENCE,
    SOURCE_REFERENCE,
  ],
  rowRules: [ordered('valid_from', 'valid_to')],
});
