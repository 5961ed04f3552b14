import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('ets-brief metrics --json', () => {
  const r = run('metrics', '--json');
  const m = JSON.parse(r.stdout);

  it('exits 0 with every required metric, unrounded, units explicit', () => {
    expect(r.status).toBe(0);
    expect(m.volume.ratio).toMatchObject({ value: 1.8399999999999999, unit: '%', period: { start: '2021-07-16', end: '2022-12-31' } });
    for (const market of ['cn-ets', 'eu-ets']) {
      const band = m.prices.bands[market];
      expect(band.stated.low.value).toEqual(expect.any(Number));
      for (const currency of ['EUR', 'CNY', 'USD']) expect(band.converted[currency].high.unit).toBe(`${currency}/t`);
      expect(m.coverage[market].turnoverRatio).toMatchObject({ value: expect.any(Number), unit: 'ratio' });
      expect(m.coverage[market].coveredEmissions.unit).toBe('t/yr');
    }
    expect(m.auctionRevenueGrowth['eu-ets']).toMatchObject({ unit: '%/yr', value: expect.any(Number) });
    expect(m.powerMix.eu.sources).toHaveLength(11);
    expect(m.reconciliation.findings.length).toBeGreaterThan(40);
    expect(m.reconciliation.findings.filter((f: { verdict: string }) => f.verdict === 'disagrees').length).toBe(7); // the printed-number corrections and Table 1 cells, the Phase 2 low (once: the annual and daily series agree), the EU band's high against the futures
    // Scope, period coverage and precision travel with each number; verdicts with each printed one.
    expect(m.volume.ratio.precision).toEqual({ digits: 1, approx: true });
    expect(m.emissionsChange['eu-ets']).toMatchObject({ scope: 'eu-2013-no-uk', period: { start: '2005-01-01', end: '2020-12-31' } });
    expect(new Set(m.reconciliation.findings.map((f: { verdict: string }) => f.verdict))).toEqual(
      new Set(['agrees', 'disagrees', 'not-comparable', 'superseded', 'cannot-recompute']),
    );
  });

  it('keeps a stable key order and output', () => {
    expect(Object.keys(m)).toEqual([
      'comparison',
      'volume',
      'daily',
      'latest',
      'prices',
      'coverage',
      'phases',
      'auctionRevenueGrowth',
      'memberStateRevenueGrowth',
      'emissionsTrend',
      'emissionsChange',
      'powerMix',
      'generationTotals',
      'reconciliation',
      'reach',
    ]);
    expect(run('metrics', '--json').stdout).toBe(r.stdout);
  });

  it('names the rows and sources behind each number', () => {
    // The price paid in China over its first period: the shipped months of its exchange's daily
    // turnover and volume (the paper's two totals are used only where data/ has no such rows).
    expect(m.prices.subjectImplied.value.inputs).toEqual([
      { dataset: 'market-monthly', rows: [expect.stringMatching(/^cn-ets\/exchange\/wind\/2021-07-16…2022-12-30 \(\d+ days\)$/)] },
    ]);
    expect(m.prices.subjectImplied.value.sources).toEqual([expect.stringMatching(/^wind-cea-[0-9a-f]{8}$/)]);
  });
});

describe('ets-brief metrics (table) and check (warnings)', () => {
  it('prints a readable table and the reconciliation', () => {
    const r = run('metrics');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/volume\.ratio\s+1\.84\s+%\s+2021-07-16 – 2022-12-31/);
    expect(r.stdout).toMatch(/disagrees\s+Table 1\s+106\s+1\.54494\s+%\s+power-generation\/eu\/other-renewables\/growth/);
    expect(r.stdout).toMatch(/superseded\s+§3\(三\)\s+12\s+24\s+%\s+policy-rules\/eu-ets\/msr-intake-rate\s+in force: 24% 2019–2023/);
  });

  it('lists each disagreement with the paper as a warning and still exits 0', () => {
    const r = run('check');
    expect(r.status).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning: paper'));
    expect(warnings).toHaveLength(7); // as in --json: see the count of disagreements above
    expect(r.stderr).toMatch(/data\/facts\.csv: warning: paper §3\(二\) prints 7 EUR\/t \("最低达到 7 欧元 \/ 吨"\), recomputed 5\.72 EUR\/t/);
    expect(r.stdout).toMatch(/Reconciliation of \d+ printed numbers: \d+ agrees, 7 disagrees, 4 not-comparable, 2 superseded, 8 cannot-recompute/);
  });
});
