import { beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../../src/data/datasets/index.js';
import { decoupled, emissionsAndGdp, gdpChange, gdpRegionOf, INDEX_BASE } from '../../src/metrics/decoupling.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { buildChart } from '../support/charts.js';
import { accountYearRow, installationRow } from '../support/rows.js';
import { shippedData, withRows } from './helpers.js';

type GdpRow = Data['gdp'][number];

// Made-up GDP for the region the shipped facts name for Figure 7's claim, growing 2% a year, and
// a second price year that must not be mixed in.
const gdp = (region: string, year: number, value: number, priceYear = 2015): GdpRow => ({
  region,
  entity: region,
  year,
  value,
  currency: 'USD',
  price_year: priceYear,
  source: 'gdp-test',
  note: null,
});
const installation = (account: number, holder: string) => installationRow(account, { holder });
const accountYear = (account: number, year: number, verified: number, allocated: number) => accountYearRow(account, year, { verified, allocated });

let shipped: Data;
let data: Data;
let region: string;
beforeAll(async () => {
  shipped = await shippedData();
  region = gdpRegionOf(shipped, 'eu-ets')!;
  const years = Array.from({ length: 20 }, (_, i) => 2005 + i);
  const company = shipped['company-rules'][0]!;
  data = withRows(shipped, {
    gdp: () => [...years.map((y) => gdp(region, y, 1000 * 1.02 ** (y - 2005))), gdp(region, 2005, 1, 2010)],
    // The company's name as holder: 2013 and 2019 give a fall of 2% a year, with a surplus of 10 t.
    installations: () => [installation(1, `${company.pattern} Test GmbH`), installation(2, 'Someone Else AG')],
    'account-years': () => [
      accountYear(1, 2008, 100, 110),
      accountYear(1, 2012, 90, 100),
      accountYear(1, 2013, 100, 110),
      accountYear(1, 2019, 100 * 0.98 ** 6, 95),
      accountYear(2, 2013, 5000, 0),
    ],
  });
});

describe('emissions against real GDP (Figure 7)', () => {
  it("takes the GDP region from the paper's claim in facts.csv", () => {
    expect(region).toBeTruthy();
    expect(shipped.facts.some((f) => f.indicator === 'real-gdp-change' && f.subject === region && f.paper_ref?.includes('Fig. 7'))).toBe(true);
  });

  it('indexes both series to the first year they share, on the comparable scope', () => {
    const s = emissionsAndGdp(data, 'eu-ets', region)!;
    expect(s.baseYear).toBe(s.years[0]!.year);
    expect(s.years[0]!.emissionsIndex).toBe(INDEX_BASE);
    expect(s.years[0]!.gdpIndex).toBe(INDEX_BASE);
    expect(shipped.scopes.find((x) => x.id === s.scope)?.constant).toBe('yes');
    // One price year: the 2010-price row would make the base 1, not 1000.
    expect(s.years[1]!.gdpIndex).toBeCloseTo(102, 6);
    const emissions = shipped.emissions.filter((r) => r.coverage === s.scope);
    const last = s.years.at(-1)!;
    expect(last.emissionsIndex).toBeCloseTo(
      (emissions.find((r) => r.year === last.year)!.value / emissions.find((r) => r.year === s.baseYear)!.value) * 100,
      9,
    );
  });

  it('is absent without GDP', () => {
    expect(emissionsAndGdp(shipped, 'eu-ets', 'nowhere')).toBeNull();
    expect(gdpChange(shipped, 'nowhere', 2017, 2019).value).toBeNull();
  });

  it('says emissions decoupled only when they fell while GDP grew', () => {
    const g = gdpChange(data, region, 2017, 2019);
    expect(g.value).toBeCloseTo((1.02 ** 2 - 1) * 100, 9);
    const fall = { ...g, value: -5 };
    expect(decoupled(fall, g)).toBe(true);
    expect(decoupled({ ...g, value: 1 }, g)).toBe(false);
    expect(decoupled(fall, { ...g, value: -1 })).toBe(false);
  });

  it("reconciles the paper's 2017–2019 claim: GDP grew and emissions on one scope fell", () => {
    const findings = computeMetrics(data).reconciliation.findings;
    const gdpClaim = findings.find((f) => f.id === 'facts/eu-2017-2019-gdp-growth')!;
    expect(gdpClaim.verdict).toBe('agrees');
    expect(gdpClaim.recomputed).toBeCloseTo(4.04, 9);
    expect(findings.find((f) => f.id === 'facts/eu-2017-2019-emissions-fall')!.verdict).toBe('agrees');
    // Without GDP the half about GDP cannot be recomputed.
    expect(computeMetrics(withRows(shipped, { gdp: () => [] })).reconciliation.findings.find((f) => f.id === 'facts/eu-2017-2019-gdp-growth')!.verdict).toBe(
      'cannot-recompute',
    );
  });

  it('draws the index chart with 100 in the base year for both series', () => {
    const chart = buildChart('emissions-gdp', data)!;
    const base = chart.datasets.table.find((r) => r.year === chart.placeholders.base)!;
    expect([base.emissionsIndex, base.gdpIndex]).toEqual([INDEX_BASE, INDEX_BASE]);
    const noGdp = withRows(shipped, { gdp: () => [] });
    expect(buildChart('emissions-gdp', noGdp)).toBeNull();
  });
});

describe('the company of Figure 8, recomputed from the registry', () => {
  it("recomputes the paper's emission trend from the accounts the rule finds", () => {
    const f = computeMetrics(data).reconciliation.findings.find((x) => x.id === 'facts/am-emissions-change')!;
    expect(f.recomputed).toBeCloseTo(-2, 9);
    // The paper prints 1.8; the accounts are found by today's holder names, so a plant bought or
    // sold within 2013–2019 counts in every year: the value is shown, not judged.
    expect(f.verdict).toBe('not-comparable');
    expect(f.because).toEqual({ kind: 'holders' });
  });

  it('cannot recompute income from sales, and says the surplus it can', () => {
    const f = computeMetrics(data).reconciliation.findings.find((x) => x.id === 'facts/am-surplus-profit')!;
    expect(f.verdict).toBe('cannot-recompute');
    expect(f.reason).toContain('surplus');
    expect(f.reason).toContain('20 t'); // 10 t in 2008 and 10 t in 2012
  });

  it('charts surplus = allocation − emissions per year and lists the accounts it counted', () => {
    const chart = buildChart('company-surplus', data)!;
    for (const r of chart.datasets.table) expect(r.surplus).toBeCloseTo((r.allocated as number) - (r.verified as number), 6);
    const [accounts] = chart.files!;
    expect(accounts!.rows.map((r) => r.account)).toEqual([1]);
    expect(accounts!.rows[0]!.matchedBy).toContain('charts.company-surplus.fields.holder');
  });
});
