import { date, id, oneOf, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { currency, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const markets = defineDataset({
  name: 'markets',
  title: 'Markets',
  description:
    "Emissions trading systems compared by the brief. Adding a market is a row here, with its names in each language, never code: the brief's sentences take the compared markets' names from these columns (a market without them is named by the string markets.<id> of templates/i18n).",
  fields: {
    id: id({ description: 'Market id used by every other dataset.' }),
    kind: oneOf(['aggregate', 'supranational', 'national', 'regional', 'pilot'] as const),
    jurisdiction: text({ description: 'ISO 3166 code or EU; empty for aggregates.' }).optional(),
    name_en: text({ description: 'Its name in English sentences and legends ("EU ETS", "China\'s national ETS").' }).optional(),
    name_zh: text({ description: 'Its name in Chinese (欧盟碳市场, 全国碳市场).' }).optional(),
    long_en: text({ description: 'Its full name, as a title gives it ("the EU Emissions Trading System"); name_en when empty.' }).optional(),
    long_zh: text({ description: 'Its full name in Chinese (欧盟碳排放交易体系); name_zh when empty.' }).optional(),
    short_en: text({ description: 'Its jurisdiction as an adjective or short name ("EU", "China": "EU price"); name_en when empty.' }).optional(),
    short_zh: text({ description: 'Its jurisdiction in Chinese (欧盟, 中国); name_zh when empty.' }).optional(),
    possessive_en: text({
      description: 'The jurisdiction\'s possessive in English ("the EU\'s", "China\'s"); short_en + "\'s" when empty. Chinese needs none.',
    }).optional(),
    currency: currency('Currency its allowances trade in.').optional(),
    launch_date: date({ description: 'First day of operation or trading.' }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['id'],
  references: [SOURCE_REFERENCE],
});
