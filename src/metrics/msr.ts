import type { Data } from '../data/datasets/index.js';

export type MsrParameter = Data['msr-parameters'][number]['parameter'];

export interface MsrDecision {
  readonly action: 'intake' | 'release' | 'none';
  /** Allowances moved into (intake) or out of (release) the reserve, in tonnes. */
  readonly amount: number;
  readonly rule: string;
  /** The parameters applied, as recorded in msr-parameters.csv. */
  readonly parameters: Readonly<Record<MsrParameter, number>>;
}

export type MsrResult = { ok: true; decision: MsrDecision } | { ok: false; missing: string };

/**
 * The Market Stability Reserve rule as the paper describes it: with more than the upper threshold
 * of allowances in circulation, the intake rate of them goes into the reserve; below the lower
 * threshold, the release amount comes out; in between, nothing moves. Parameters are those of
 * msr-parameters.csv valid in `year`.
 */
export function msrAdjustment(data: Data, market: string, allowancesInCirculation: number, year: number): MsrResult {
  const valid = data['msr-parameters'].filter(
    (p) => p.market === market && (p.valid_from === null || p.valid_from <= year) && (p.valid_to === null || p.valid_to >= year),
  );
  const get = (name: MsrParameter) => valid.filter((p) => p.parameter === name).sort((a, b) => (b.valid_from ?? 0) - (a.valid_from ?? 0))[0]?.value;
  const parameters = {
    'upper-threshold': get('upper-threshold'),
    'lower-threshold': get('lower-threshold'),
    'intake-rate': get('intake-rate'),
    'release-amount': get('release-amount'),
  };
  const absent = Object.entries(parameters).filter(([, v]) => v === undefined).map(([k]) => k);
  if (absent.length > 0) return { ok: false, missing: `msr-parameters.csv has no ${absent.join(', ')} for ${market} in ${year}` };
  const p = parameters as Record<MsrParameter, number>;
  if (allowancesInCirculation > p['upper-threshold']) {
    return { ok: true, decision: { action: 'intake', amount: (allowancesInCirculation * p['intake-rate']) / 100, rule: `circulation above ${p['upper-threshold']} t: ${p['intake-rate']}% of it enters the reserve`, parameters: p } };
  }
  if (allowancesInCirculation < p['lower-threshold']) {
    return { ok: true, decision: { action: 'release', amount: p['release-amount'], rule: `circulation below ${p['lower-threshold']} t: ${p['release-amount']} t are released`, parameters: p } };
  }
  return { ok: true, decision: { action: 'none', amount: 0, rule: `circulation between ${p['lower-threshold']} and ${p['upper-threshold']} t: no adjustment`, parameters: p } };
}
