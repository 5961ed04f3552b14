import { integer, number, oneOf, text } from '../fields.js';
import { defineDataset } from '../schema.js';
import { ordered } from '../rules.js';
import { MARKET_REFERENCE, marketId, note, paperRef, SOURCE_REFERENCE, sourceList, unit } from './common.js';

/** The parameters a market's rules set, each valid for a span of years under a named legal act. */
export const POLICY_PARAMETERS = [
  'cap-reduction-factor',
  'penalty',
  'msr-upper-threshold',
  'msr-lower-threshold',
  'msr-intake-rate',
  'msr-release-amount',
] as const;

export const policyRules = defineDataset({
  name: 'policy-rules',
  title: 'Policy rules',
  description:
    'Rules as dated rows: each parameter (cap reduction factor, penalty, Market Stability Reserve thresholds, intake rate and release) with the years it applies and the legal act that set it. `paper_value` keeps what the source paper printed when the law has changed since, so a brief can state both.',
  fields: {
    market: marketId(),
    parameter: oneOf(POLICY_PARAMETERS),
    value: number({ minimum: 0, units: { Mt: 1e6, 亿吨: 1e8, 万吨: 1e4 }, percent: true }),
    unit: unit(),
    valid_from: integer({ minimum: 1990, maximum: 2100, description: 'First year the value applies.' }),
    valid_to: integer({ minimum: 1990, maximum: 2100, description: 'Last year it applies; empty while no end is set.' }).optional(),
    indexed_to: text({
      description: 'The index the value rises with, when the act indexes it (e.g. the European index of consumer prices); `value` is then its base.',
    }).optional(),
    act: text({ description: 'The legal act that sets the value, as cited (e.g. Directive (EU) 2023/959).' }),
    paper_value: number({ percent: true, description: 'The value the source paper printed for this parameter, when it is about this row.' }).optional(),
    paper_ref: paperRef(),
    source: sourceList(),
    note: note(),
  },
  primaryKey: ['market', 'parameter', 'valid_from'],
  references: [MARKET_REFERENCE, SOURCE_REFERENCE],
  rowRules: [ordered('valid_from', 'valid_to')],
});
