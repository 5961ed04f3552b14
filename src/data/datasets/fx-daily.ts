import { date, id, number } from '../fields.js';
import { defineDataset } from '../schema.js';
import { currency, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const fxDaily = defineDataset({
  name: 'fx-daily',
  title: 'Daily exchange rates',
  description: 'Units of `quote` per one `base` on each day the publisher quotes. Written by `ets-brief import`.',
  fields: {
    base: currency(),
    quote: currency(),
    series: id({
      description:
        "Which publisher's rate (ecb-reference, cfets-spot, investing-close…): rates of one pair from two publishers differ by their fixing time and are kept apart, never spliced.",
    }),
    date: date(),
    rate: number({ minimum: 0 }),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['base', 'quote', 'series', 'date'],
  references: [SOURCE_REFERENCE],
  optional: true,
});
