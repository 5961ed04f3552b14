import type { Data } from '../data/datasets/index.js';
import type { POLICY_PARAMETERS } from '../data/datasets/policy-rules.js';
import { metric, sourcesOf, unavailable, type Metric } from './types.js';
import { yearStart, yearEnd } from '../data/dates.js';

export type PolicyParameter = (typeof POLICY_PARAMETERS)[number];
export type RuleRow = Data['policy-rules'][number];

const inForce = (r: RuleRow, year: number) => r.valid_from <= year && (r.valid_to === null || r.valid_to >= year);
export const ruleKey = (r: RuleRow) => `${r.market}/${r.parameter}/${r.valid_from}`;

/** Every row of one parameter, oldest first: the rule's history. */
export function ruleHistory(data: Data, market: string, parameter: PolicyParameter): RuleRow[] {
  return data['policy-rules'].filter((r) => r.market === market && r.parameter === parameter).sort((a, b) => a.valid_from - b.valid_from);
}

/** The parameter's value in force in `year`, as a metric citing the act. */
export function ruleAt(data: Data, market: string, parameter: PolicyParameter, year: number): Metric {
  const row = ruleHistory(data, market, parameter)
    .filter((r) => inForce(r, year))
    .at(-1);
  if (!row)
    return unavailable('', parameter, `policy-rules.csv has no ${parameter} for ${market} in force in ${year}`, {
      start: yearStart(year),
      end: yearEnd(year),
    });
  return fromRule(row);
}

export function fromRule(row: RuleRow): Metric {
  return metric({
    value: row.value,
    unit: row.unit,
    period: { start: yearStart(row.valid_from), end: row.valid_to === null ? undefined : yearEnd(row.valid_to) },
    method: `${row.parameter} in force ${row.valid_from}–${row.valid_to ?? ''} under ${row.act}`,
    inputs: [{ dataset: 'policy-rules', rows: [ruleKey(row)] }],
    sources: sourcesOf([row]),
  });
}

/**
 * What became of a value the paper printed: the rows that replaced it. A printed value differs
 * from the law (`paper_value` ≠ `value`), or was right for its years and later changed.
 */
export interface RuleChange {
  readonly parameter: PolicyParameter;
  /** The row the paper's value is about. */
  readonly paper: RuleRow;
  /** Rows in force after the paper's (or instead of it) with another value, oldest first. */
  readonly later: readonly RuleRow[];
  /** true when the paper's value was never the one in force for the row's years. */
  readonly differs: boolean;
}

export function ruleChanges(data: Data, market: string): RuleChange[] {
  const out: RuleChange[] = [];
  const parameters = [...new Set(data['policy-rules'].filter((r) => r.market === market).map((r) => r.parameter))];
  for (const parameter of parameters) {
    const history = ruleHistory(data, market, parameter);
    const printed = history.filter((r) => r.paper_value !== null);
    if (printed.length === 0) continue;
    // An indexed value is not the flat amount the paper prints, even when its base is.
    const wrong = (r: RuleRow) => r.paper_value !== r.value || r.indexed_to !== null;
    const firstWrong = printed.find(wrong);
    if (firstWrong) {
      // The paper's value never held (or no longer holds) from this row on: every row since is the law.
      out.push({ parameter, paper: firstWrong, later: history.filter((r) => r.valid_from >= firstWrong.valid_from), differs: true });
      continue;
    }
    // Right for its years: the rows after the latest one the paper speaks of, where the value changed.
    const paper = printed.at(-1)!;
    const later = history.filter((r) => r.valid_from > paper.valid_from && r.value !== paper.value);
    if (later.length > 0) out.push({ parameter, paper, later, differs: false });
  }
  return out;
}
