import { id, integer, oneOf, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { note, paperRef, SOURCE_REFERENCE, sourceList } from './common.js';

export const recommendations = defineDataset({
  name: 'recommendations',
  title: 'Recommendations and outlook',
  description: "The paper's recommendations for China's carbon market and its outlook, in Chinese and English.",
  fields: {
    id: id(),
    order: integer({ minimum: 1 }),
    kind: oneOf(['recommendation', 'outlook'] as const),
    title_zh: text(),
    title_en: text(),
    text_zh: text(),
    text_en: text(),
    paper_ref: paperRef(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['id'],
  references: [SOURCE_REFERENCE],
});
