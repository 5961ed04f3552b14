import type { Data } from '../data/datasets/index.js';
import { ruleAt } from './policy-rules.js';

export type MsrParameter = 'msr-upper-threshold' | 'msr-lower-threshold' | 'msr-intake-rate' | 'msr-release-amount';

export interface MsrDecision {
  readonly action: 'intake' | 'release' | 'none';
  /** Allowances moved into (intake) or out of (release) the reserve, in tonnes. */
  readonly amount: number;
  readonly rule: string;
  /** The parameters applied, as recorded in policy-rules.csv. */
  readonly parameters: Readonly<Record<MsrParameter, number>>;
}

export type MsrResult = { ok: true; decision: MsrDecision } | { ok: false; missing: string };

/**
 * The Market Stability Reserve rule as the paper describes it: with more than the upper threshold
 * of allowances in circulation, the intake rate of them goes into the reserve; below the lower
 * threshold, the release amount comes out; in between, nothing moves. Parameters are those of
 * policy-rules.csv in force in `year`.
 */
export function msrAdjustment(data: Data, market: string, allowancesInCirculation: number, year: number): MsrResult {
  const get = (name: MsrParameter) => ruleAt(data, market, name, year).value ?? undefined;
  const parameters = {
    'msr-upper-threshold': get('msr-upper-threshold'),
    'msr-lower-threshold': get('msr-lower-threshold'),
    'msr-intake-rate': get('msr-intake-rate'),
    'msr-release-amount': get('msr-release-amount'),
  };
  const absent = Object.entries(parameters)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (absent.length > 0) return { ok: false, missing: `policy-rules.csv has no ${absent.join(', ')} for ${market} in ${year}` };
  const p = parameters as Record<MsrParameter, number>;
  if (allowancesInCirculation > p['msr-upper-threshold']) {
    return {
      ok: true,
      decision: {
        action: 'intake',
        amount: (allowancesInCirculation * p['msr-intake-rate']) / 100,
        rule: `circulation above ${p['msr-upper-threshold']} t: ${p['msr-intake-rate']}% of it enters the reserve`,
        parameters: p,
      },
    };
  }
  if (allowancesInCirculation < p['msr-lower-threshold']) {
    return {
      ok: true,
      decision: {
        action: 'release',
        amount: p['msr-release-amount'],
        rule: `circulation below ${p['msr-lower-threshold']} t: ${p['msr-release-amount']} t are released`,
        parameters: p,
      },
    };
  }
  return {
    ok: true,
    decision: {
      action: 'none',
      amount: 0,
      rule: `circulation between ${p['msr-lower-threshold']} and ${p['msr-upper-threshold']} t: no adjustment`,
      parameters: p,
    },
  };
}
