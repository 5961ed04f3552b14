import { id, integer, number, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

export const sectorEmissions = defineDataset({
  name: 'sector-emissions',
  title: 'Verified emissions by sector',
  description: "Verified emissions of a market's installations by activity sector and year, in tonnes. Written by `ets-brief import`.",
  fields: {
    market: marketId(),
    sector: text({ description: 'Sector as the publisher names it.' }),
    sector_id: id({ description: 'The sector as an id (publisher code and name, lower-case, hyphenated).' }),
    year: integer({ minimum: 1990, maximum: 2100 }),
    value: number({ unit: 't', minimum: 0 }),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'sector_id', 'year'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  optional: true,
});
