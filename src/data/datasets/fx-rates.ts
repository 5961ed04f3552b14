import { integer, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { currency, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const fxRates = defineDataset({
  name: 'fx-rates',
  title: 'Exchange rates',
  description: 'Annual average exchange rates: units of `quote` per one `base`, with how each was obtained.',
  fields: {
    base: currency(),
    quote: currency(),
    year: integer({ minimum: 1990, maximum: 2100 }),
    rate: number({ minimum: 0 }),
    method: oneOf(['annual-average', 'mean-of-monthly', 'cross'] as const, {
      description:
        "annual-average: the publisher's annual average of daily rates; mean-of-monthly: mean of the 12 monthly averages; cross: product of two rates of the same year.",
    }),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['base', 'quote', 'year'],
  references: [SOURCE_REFERENCE],
});
