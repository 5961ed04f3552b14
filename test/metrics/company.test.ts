import { beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../../src/data/datasets/index.js';
import { compactName, companySurplus, matchCompany } from '../../src/metrics/company.js';
import { accountYearRow, installationRow } from '../support/rows.js';
import { shippedData, withRows } from './helpers.js';

type Rule = Data['company-rules'][number];

const rule = (field: Rule['field'], pattern: string, action: Rule['action'] = 'include'): Rule => ({
  company: 'steelco',
  label: 'SteelCo',
  action,
  field,
  pattern,
  source: 'paper',
  note: null,
});

// Made-up accounts: found by holder, by parent undertaking, by installation name only (sold: the
// holder is the buyer), a spin-off under the group's parent name, and one of another company.
const INSTALLATIONS = [
  installationRow(1, { holder: 'SteelCo Deutschland GmbH', name: 'Hochofen 1' }),
  installationRow(2, { holder: 'STEELCO ESPAÑA, S.A.', parent_undertaking: 'Steel-Co Group', country: 'ES' }),
  installationRow(3, { holder: 'Buyer Steel a.s.', name: 'SteelCo Ostrava works', country: 'CZ', account_status: 'closed' }),
  installationRow(4, { holder: 'Spinoff Alloys', parent_undertaking: 'STEELCO - Stainless', country: 'FR' }),
  installationRow(5, { holder: 'Other Cement AG', name: 'Kalkwerk' }),
];
const YEARS = [
  accountYearRow(1, 2013, { verified: 100, allocated: 80 }),
  accountYearRow(2, 2013, { verified: 50, allocated: 70, allocated_ner: 10 }),
  accountYearRow(3, 2013, { verified: 30 }), // no allocation entry: counted as 0
  accountYearRow(4, 2013, { allocated: 5, verified_status: 'Not Reported' }), // no verified emissions: left out of the surplus
  accountYearRow(5, 2013, { verified: 1000, allocated: 1000 }),
  accountYearRow(1, 2014, { verified: 90, allocated: 78 }),
];
const RULES = [rule('holder', 'SteelCo'), rule('parent_undertaking', 'steel co'), rule('name', 'Steelco')];

let data: Data;
beforeAll(async () => {
  data = withRows(await shippedData(), { installations: () => INSTALLATIONS, 'account-years': () => YEARS, 'company-rules': () => RULES });
});

describe('which accounts a company rule finds', () => {
  it('compares names without case, accents, spaces or punctuation', () => {
    expect(compactName('STEELCO ESPAÑA, S.A.')).toBe('steelcoespanasa');
    expect(compactName('Steel-Co Group').includes(compactName('steel co'))).toBe(true);
  });

  it('lists every account with the rules that found it, and what to review', () => {
    const { accounts, excluded } = matchCompany(data, 'steelco');
    expect(accounts.map((a) => [a.account, a.matchedBy.map((h) => h.field)])).toEqual([
      [1, ['holder']],
      [2, ['holder', 'parent_undertaking']],
      [3, ['name']],
      [4, ['parent_undertaking']],
    ]);
    expect(excluded).toEqual([]);
    expect(accounts.find((a) => a.account === 1)!.review).toEqual([]);
    expect(accounts.find((a) => a.account === 3)!.review).toEqual([
      'the account holder ("Buyer Steel a.s.") does not match: sold or renamed before the registry file was taken, or a name that only recalls the company',
      "matched by the installation's name only",
      'account closed',
    ]);
    expect(accounts.find((a) => a.account === 4)!.matchedBy).toEqual([{ field: 'parent_undertaking', pattern: 'steel co', text: 'STEELCO - Stainless' }]);
  });

  it('takes out what an exclude rule names, and says so', () => {
    const rules = [...RULES, rule('holder', 'Spinoff', 'exclude')];
    const { accounts, excluded } = matchCompany(data, 'steelco', rules);
    expect(accounts.map((a) => a.account)).toEqual([1, 2, 3]);
    expect(excluded.map((a) => [a.account, a.excludedBy.map((h) => h.pattern)])).toEqual([[4, ['Spinoff']]]);
  });
});

describe("a company's verified emissions, free allocation and surplus per year", () => {
  it('sums the matched accounts, counting a missing allocation entry as 0 and leaving out accounts without verified emissions', () => {
    const result = companySurplus(data, 'steelco')!;
    const y2013 = result.years.find((y) => y.year === 2013)!;
    expect(y2013.verified.value).toBe(100 + 50 + 30); // not account 5, another company's
    expect(y2013.allocated.value).toBe(80 + 70 + 5);
    expect(y2013.surplus.value).toBe(80 + 70 + 0 - (100 + 50 + 30));
    expect(y2013.noAllocationEntry).toEqual([3]);
    expect(y2013.noVerified).toEqual([4]);
    expect(y2013.surplus.method).toMatch(/1 without an allocation entry counted as 0; 1 with allocation but no verified emissions left out/);
    expect(y2013.surplus.period).toEqual({ start: '2013-01-01', end: '2013-12-31' });
    expect(y2013.verified.inputs.find((i) => i.dataset === 'account-years')!.rows).toEqual(['eu-ets/1/2013', 'eu-ets/2/2013', 'eu-ets/3/2013']);
    expect(y2013.verified.sources).toEqual(['paper', 'reg']);
    expect(result.years.find((y) => y.year === 2014)).toMatchObject({ verified: { value: 90 }, allocated: { value: 78 }, surplus: { value: -12 } });
  });

  it("says what the rule may miss or wrongly include, with this data's counts", () => {
    const { caveats } = companySurplus(data, 'steelco')!;
    expect(caveats[0]).toMatch(/not of each year.*\(2 of the 4 accounts matched without their holder, 1 by installation name only: review them\)/);
    expect(caveats.join(' ')).toMatch(/former names .* are missed/);
    expect(caveats.join(' ')).toMatch(/spin-off/);
  });

  it('takes its rule from data/ or from configuration, and is null for a company without one', () => {
    expect(companySurplus(data, 'other')).toBeNull();
    const configured = companySurplus(
      data,
      'steelco',
      [rule('holder', 'Other Cement')].map((r) => ({ ...r, company: 'steelco' })),
    )!;
    expect(configured.accounts.map((a) => a.account)).toEqual([5]);
    expect(configured.years[0]!.surplus.value).toBe(0);
  });

  it('has no number for a year none of its accounts reports', () => {
    const only = withRows(data, { 'account-years': () => [accountYearRow(1, 2015, { allocated: 10 })] });
    const y = companySurplus(only, 'steelco')!.years[0]!;
    expect(y.verified).toMatchObject({ value: null, missing: 'no matched account has verified emissions for 2015' });
    expect(y.surplus.value).toBeNull();
    expect(y.allocated.value).toBe(10);
  });
});
