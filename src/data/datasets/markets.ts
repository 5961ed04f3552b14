import { date, id, oneOf, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { currency, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const markets = defineDataset({
  name: 'markets',
  title: 'Markets',
  description:
    'Emissions trading systems compared by the brief. Adding a market is a row here (and its names in templates/i18n), never code.',
  fields: {
    id: id({ description: 'Market id used by every other dataset.' }),
    kind: oneOf(['aggregate', 'supranational', 'national', 'regional', 'pilot'] as const),
    jurisdiction: text({ description: 'ISO 3166 code or EU; empty for aggregates.' }).optional(),
    currency: currency('Currency its allowances trade in.').optional(),
    launch_date: date({ description: 'First day of operation or trading.' }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['id'],
  references: [SOURCE_REFERENCE],
});
