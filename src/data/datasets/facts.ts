import { boolean, date, id, number, oneOf, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { ordered } from '../rules.js';
import { MARKET_REFERENCE, marketId, note, paperRef, QUALIFIERS, SOURCE_REFERENCE, sourceList, unit } from './common.js';

export const facts = defineDataset({
  name: 'facts',
  title: 'Stated facts',
  description:
    'Point facts about each market (coverage, prices, volumes, revenue, global shares) as sources state them, with the period they describe. `derived` marks numbers the source computed itself: they are checked, not trusted.',
  fields: {
    id: id(),
    market: marketId(),
    subject: text({ description: 'A company, region or group the fact is about, when not the market as a whole.' }).optional(),
    indicator: id({ description: 'What is measured (e.g. traded-volume, price-high, covered-emissions).' }),
    period_start: date().optional(),
    period_end: date().optional(),
    value: number({ description: 'Value believed correct, in `unit`; empty when unknown.' }).optional(),
    unit: unit(),
    coverage: id({ description: 'The scope (scopes.csv id) the value covers, when the source states it; empty when it does not say.' }).optional(),
    qualifier: oneOf(QUALIFIERS, { description: 'exact, approx ("about"), above ("more than"), below ("under").' }),
    derived: boolean({ description: 'The source computed this from other numbers.' }),
    printed: text({ description: 'The words and digits as printed in the paper.' }).optional(),
    paper_value: number({ description: 'The number the paper printed, when it differs from `value`.' }).optional(),
    paper_unit: unit().optional(),
    paper_ref: paperRef(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['id'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  rowRules: [ordered('period_start', 'period_end')],
});
