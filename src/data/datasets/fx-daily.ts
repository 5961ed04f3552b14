import { date, number } from '../fields.js';
import { defineDataset } from '../schema.js';
import { currency, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const fxDaily = defineDataset({
  name: 'fx-daily',
  title: 'Daily exchange rates',
  description: 'Units of `quote` per one `base` on each day the publisher quotes. Written by `ets-brief import`.',
  fields: {
    base: currency(),
    quote: currency(),
    date: date(),
    rate: number({ minimum: 0 }),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['base', 'quote', 'date'],
  references: [SOURCE_REFERENCE],
  optional: true,
});
