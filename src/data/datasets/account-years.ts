import { integer, matching, number, oneOf } from '../fields.js';
import { defineDataset } from '../schema.js';
import { MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

/** Words a registry writes in a year cell instead of a number; kept, never read as zero. */
export const YEAR_STATUSES = ['Not Reported', 'Excluded'] as const;

/**
 * One row per registry account and year with any value: verified emissions, free allocation
 * (with its Phase 3 components) and compliance code. Only accounts and years with data are kept.
 */
export const accountYears = defineDataset({
  name: 'account-years',
  title: 'Verified emissions and free allocation by account and year',
  description:
    "Per registry account (installations.csv) and year: verified emissions, free allocation and compliance code, as the EU Transaction Log records them. `allocated` is the whole free allocation; `allocated_10c` and `allocated_ner` are the parts of it the registry marks as Article 10c transitional allocation to electricity generation and as allocation from the New Entrants' Reserve (Phase 3). Written by `ets-brief import`; only accounts and years with a value are kept, and any subset of accounts is valid.",
  fields: {
    market: marketId(),
    account: integer({ minimum: 0, description: "The registry's account id (installations.csv)." }),
    year: integer({ minimum: 1990, maximum: 2100 }),
    verified: number({ unit: 't', minimum: 0, description: 'Verified emissions, t CO2e.' }).optional(),
    verified_status: oneOf(YEAR_STATUSES, { description: 'What the registry writes instead of verified emissions.' }).optional(),
    allocated: number({ unit: 't', minimum: 0, description: 'Free allocation, allowances (t): all its parts.' }).optional(),
    allocated_10c: number({
      unit: 't',
      minimum: 0,
      description:
        'Part of `allocated` the registry marks as Article 10c transitional free allocation (electricity generation; eight member states, 2013-2019).',
    }).optional(),
    allocated_ner: number({
      unit: 't',
      minimum: 0,
      description: "Part of `allocated` the registry marks as allocation from the New Entrants' Reserve (new installations and capacity extensions).",
    }).optional(),
    allocated_status: oneOf(YEAR_STATUSES, { description: 'What the registry writes instead of an allocation.' }).optional(),
    compliance: matching((v) => /^[A-Z]\*?$/.test(v), {
      description: 'Compliance code as the registry writes it (A, B, C… with "*" where it marks one).',
      expected: 'a capital letter, optionally followed by *',
      format: 'ets:compliance-code',
    }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'account', 'year'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  optional: true,
});
