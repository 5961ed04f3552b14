import { integer, matching, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { MARKET_REFERENCE, marketId, note, SOURCE_REFERENCE, sourceList } from './common.js';

/** ISO 3166 alpha-2, as registries write it (XI: Northern Ireland). */
const countryCode = () =>
  matching((v) => /^[A-Z]{2}$/.test(v), {
    description: "ISO 3166 alpha-2 code of the installation's country (XI: Northern Ireland).",
    expected: 'two capital letters such as DE or XI',
    format: 'ets:country',
  });

/**
 * One row per registry account of an installation: what it is and who holds it. Names are the
 * registry's at the time the file was taken, not of the years its emissions describe.
 */
export const installations = defineDataset({
  name: 'installations',
  title: 'Installation accounts',
  description:
    "Registry accounts of installations (the EU Transaction Log's operator holding accounts): installation, country, main activity, permit, parent and subsidiary undertaking, account holder. Names and holders are the registry's when the file was taken, not of the years account-years.csv describes. Written by `ets-brief import`; any subset of accounts is valid.",
  fields: {
    market: marketId(),
    account: integer({ minimum: 0, description: "The registry's account id (EUTL account_id)." }),
    installation_id: integer({ minimum: 0, description: "The installation's id in its national registry (unique with the country)." }).optional(),
    name: text({ description: 'Installation name.' }).optional(),
    country: countryCode().optional(),
    city: text().optional(),
    activity: text({ description: 'Main activity as the registry writes it (code-label, e.g. "24-Production of pig iron or steel").' }).optional(),
    permit_id: text().optional(),
    parent_undertaking: text({ description: 'Parent undertaking as registered.' }).optional(),
    subsidiary_undertaking: text({ description: 'Subsidiary undertaking as registered.' }).optional(),
    holder: text({ description: 'Account holder name.' }).optional(),
    holder_registration: text({ description: "Account holder's company registration number." }).optional(),
    account_status: text({ description: 'open, closed, Closure Pending…, as the registry writes it.' }).optional(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'account'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  optional: true,
});
