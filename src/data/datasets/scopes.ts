import { id, integer, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { ordered } from '../rules.js';
import { MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

/**
 * What a series covers. Coverage changes over time (countries join and leave, activities and gases
 * are added): a change or growth rate is only computed between rows of the same scope.
 */
export const scopes = defineDataset({
  name: 'scopes',
  title: 'Coverage scopes',
  description:
    'Named coverage scopes: which countries and which activities and gases a series covers, and the years a market had that coverage. Emissions rows name their scope; metrics compare only rows of one scope.',
  fields: {
    id: id(),
    market: marketId(),
    label_en: text({ description: 'Short name, e.g. "EU-27+EEA-EFTA, without the UK".' }),
    label_zh: text(),
    countries: text({ description: 'ISO 3166 alpha-2 codes, ";"-separated (GB for the UK; XI for Northern Ireland).' }),
    activities: text({ description: 'Activities and gases covered, in words.' }),
    valid_from: integer({ minimum: 1990, maximum: 2100, description: 'First year the market had this coverage (or the series starts).' }),
    valid_to: integer({ minimum: 1990, maximum: 2100 }).optional(),
    constant: text({
      description: '"yes" for a series recomputed on one scope over all its years (a comparable series); empty for coverage as it was each year.',
    }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['id'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  rowRules: [ordered('valid_from', 'valid_to')],
});
