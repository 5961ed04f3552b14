import { integer, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { ordered } from '../rules.js';
import { MARKET_REFERENCE, marketId, note, paperRef, SOURCE_REFERENCE, sourceList } from './common.js';

export const phases = defineDataset({
  name: 'phases',
  title: 'Trading phases',
  description: 'Phases (trading periods) of each market: years, scope and allocation. Cap reduction and penalty are dated rules in policy-rules.csv.',
  fields: {
    market: marketId(),
    phase: integer({ minimum: 1 }),
    start_year: integer({ minimum: 1990, maximum: 2100 }),
    end_year: integer({ minimum: 1990, maximum: 2100, description: 'Last year of the phase; empty while its end is not set.' }).optional(),
    member_states: integer({ minimum: 1, description: 'Participating countries, as printed.' }).optional(),
    sectors_zh: text(),
    sectors_en: text(),
    gases: text({ description: 'Greenhouse gases covered, ";"-separated.' }),
    allocation_zh: text(),
    allocation_en: text(),
    paper_ref: paperRef(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'phase'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  rowRules: [ordered('start_year', 'end_year')],
});
