import { id, oneOf, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { note, SOURCE_REFERENCE, sourceList } from './common.js';

/** The installations.csv columns a rule may look at. */
export const MATCHED_FIELDS = ['holder', 'parent_undertaking', 'subsidiary_undertaking', 'name'] as const;

export const companyRules = defineDataset({
  name: 'company-rules',
  title: 'Which registry accounts belong to a company',
  description:
    "Rules that say which installation accounts (installations.csv) a company's figures sum: a pattern looked for in one column (account holder, parent or subsidiary undertaking, installation name), compared without case, accents, spaces or punctuation. `exclude` rules remove accounts an `include` rule matched. Kept as data so a reader can review and change them.",
  fields: {
    company: id(),
    label: text({ description: "The company's name as a brief writes it." }),
    action: oneOf(['include', 'exclude'] as const),
    field: oneOf(MATCHED_FIELDS, { description: 'installations.csv column the pattern is looked for in.' }),
    pattern: text({ description: 'Text the column must contain (case, accents, spaces and punctuation ignored).' }),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['company', 'action', 'field', 'pattern'],
  references: [SOURCE_REFERENCE],
  optional: true,
});
