import { boolean, id, integer, number, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { note, paperRef, SOURCE_REFERENCE, sourceList } from './common.js';

export const powerGeneration = defineDataset({
  name: 'power-generation',
  title: 'Electricity generation by source',
  description:
    "Gross electricity generation by source (the paper's Table 1 for the EU, 2010 and 2022), with the share and growth columns exactly as printed, and other regions' generation by source from public series.",
  fields: {
    region: id(),
    year: integer({ minimum: 1990, maximum: 2100 }),
    source_type: id({ description: 'Generation source; "total" is the printed total row.' }),
    label_zh: text({ description: 'Row label as printed.' }),
    gwh: number({ unit: 'GWh', minimum: 0 }),
    partial: boolean({ description: "true when the source's figure for the year is provisional or covers only part of it." }).optional(),
    paper_share_pct: number({ unit: '%', percent: true, description: 'Share of total as printed.' }).optional(),
    paper_growth_pct: number({ unit: '%', percent: true, description: "Growth since the earlier year as printed (on the later year's row)." }).optional(),
    paper_ref: paperRef(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['region', 'year', 'source_type'],
  references: [SOURCE_REFERENCE],
});
