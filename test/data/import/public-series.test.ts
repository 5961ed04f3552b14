import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../../../src/data/datasets/index.js';
import { recogniseAll } from '../../../src/data/import/recognise.js';
import { importFiles, type FileReport } from '../../../src/data/import/run.js';
import { loadData } from '../../../src/data/load.js';
import { companySurplus } from '../../../src/metrics/company.js';
import { dataCopyIn, ROOT } from '../../support.js';

// The EU registry's installation-level tables, GDP and Ember generation via OWID, and the EEA's
// notes, as found in ../shared/real-data (skipped without it): each recognised by content,
// imported into a copy of data/ that stays valid, and imported again without change.
const REAL = process.env.ETS_REAL_DATA ? `${process.env.ETS_REAL_DATA.replace(/\/$/, '')}/` : join(ROOT, '../shared/real-data/');
const present = existsSync(REAL);
const FILES: Record<string, readonly string[]> = {
  'eutl-installations/installations.csv': ['eutl-installations'],
  'eutl-installations/owners.csv': ['eutl-account-holders'],
  'eutl-installations/allocated_allowances.csv': ['eutl-account-allocation'],
  'eutl-installations/compliance_code.csv': ['eutl-account-compliance'],
  'eutl-installations/installation_allocations.csv': ['eutl-installation-allocation'],
  'eu-ets-watch/eutl-verified-emissions-by-account.csv': ['eutl-verified-emissions', 'eutl-account-emissions'],
  'worldbank-gdp/gdp-worldbank-constant-usd.csv': ['owid-gdp-constant-usd'],
  'worldbank-gdp/gdp-worldbank-constant-usd.metadata.json': ['owid-metadata'],
  'worldbank-gdp/readme.md': ['owid-readme'],
  'owid-energy-eu27/owid-energy-data_EU27_2005-2025_excerpt.csv': ['owid-energy-electricity'],
  'eea-ets-notes/background_note_Jul2025.txt': ['eea-scope-estimates'],
  'eea-ets-notes/data_quality_Sep2025.txt': ['eea-data-quality-note'],
};
const paths = Object.keys(FILES).map((f) => join(REAL, f));
const opts = (dataDir: string) => ({ dataDir, version: '0.0.0-test', today: '2026-12-01' });

let root: string;
let dir: string;
let reports: FileReport[];
let data: Data;
const report = (format: string) => reports.find((r) => r.format === format)!;

beforeAll(async () => {
  if (!present) return;
  root = await mkdtemp(join(tmpdir(), 'ets-public-'));
  dir = await dataCopyIn(root, 'data');
  reports = await importFiles(paths, opts(dir));
  const loaded = await loadData(dir);
  expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
  data = loaded.data!;
}, 600_000);
afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

describe.skipIf(!present)("the registry's installation tables, GDP, Ember generation and the EEA notes, as found", () => {
  it.each(Object.entries(FILES))('recognises %s by its content', async (file, ids) => {
    expect((await recogniseAll(join(REAL, file))).map((f) => f.id)).toEqual(ids);
  });

  it('imports them all into a copy of data/, which stays valid (checked as it loads)', () => {
    expect(reports.map((r) => r.format).sort()).toEqual(Object.values(FILES).flat().sort());
    expect(data.installations).toHaveLength(16_040);
    expect(data['account-years'].length).toBeGreaterThan(190_000);
  });

  it('reads Phase 3 allocation cells as the sum of their parts, each kept', () => {
    const row = data['account-years'].find((r) => r.account === 100042 && r.year === 2013);
    expect(row).toMatchObject({ allocated: 659_284 + 129_360, allocated_ner: 129_360, allocated_10c: null });
    // Article 10c allocation: only in the eight member states that used it, and none after 2019.
    const country = new Map(data.installations.map((i) => [i.account, i.country]));
    const tenC = data['account-years'].filter((r) => r.allocated_10c !== null);
    expect([...new Set(tenC.map((r) => country.get(r.account)))].sort()).toEqual(['BG', 'CY', 'CZ', 'EE', 'HU', 'LT', 'PL', 'RO']);
    expect(Math.max(...tenC.map((r) => r.year))).toBe(2019);
  });

  it('finds the national allocation tables agree with the account pages, cell for cell', () => {
    expect(report('eutl-installation-allocation')).toMatchObject({ added: 0, filled: 0, changed: [], skipped: 1 });
    expect(report('eutl-installation-allocation').unchanged).toBeGreaterThan(170_000);
  });

  it("reproduces the shipped comparable series from the EEA's Table 13-1 and the accounts", () => {
    expect(report('eea-scope-estimates')).toMatchObject({ dataset: 'emissions', read: 8, added: 0, filled: 0, changed: [], unchanged: 8 });
  });

  it('adds EU-27 generation by source 2005-2025, keyed as data/ keys its totals, 2025 marked partial', () => {
    // data/ ships Ember's rows (CC BY): imported again, every row is already there, unchanged.
    const ember = report('owid-energy-electricity');
    expect(ember).toMatchObject({ added: 0, changed: [], unchanged: ember.read });
    expect(ember.read).toBe(210);
    const eu27 = data['power-generation'].filter((r) => r.region === 'eu27');
    expect(new Set(eu27.map((r) => r.year)).size).toBe(21);
    expect(eu27.filter((r) => r.partial === true).map((r) => r.year)).toEqual(Array(10).fill(2025));
    // Sources add up to the total (Ember's own check), in GWh.
    const y2024 = eu27.filter((r) => r.year === 2024);
    const sum = y2024.filter((r) => r.source_type !== 'total').reduce((s, r) => s + r.gwh, 0);
    expect(sum).toBeCloseTo(y2024.find((r) => r.source_type === 'total')!.gwh, 0);
  });

  it('adds GDP in constant 2015 US$, the EU as eu27', () => {
    expect(data.gdp.find((r) => r.region === 'eu27' && r.year === 2023)).toMatchObject({
      value: 15_529_080_000_000,
      currency: 'USD',
      price_year: 2015,
      entity: 'European Union (27)',
    });
    expect(data.gdp.find((r) => r.region === 'chn' && r.year === 2005)).toBeDefined();
  });

  it('says which files hold nothing the brief uses', () => {
    for (const id of ['owid-metadata', 'owid-readme', 'eea-data-quality-note']) expect(report(id)).toMatchObject({ dataset: null, read: 0 });
  });

  it("finds ArcelorMittal's accounts with the shipped rule, and lists those its holder no longer names", () => {
    const am = companySurplus(data, 'arcelormittal')!;
    expect(am.accounts.length).toBeGreaterThan(80);
    const review = am.accounts.filter((a) => !a.matchedBy.some((h) => h.field === 'holder')).map((a) => a.holder);
    expect(review).toEqual(expect.arrayContaining(['Liberty Ostrava a.s.', 'LIBERTY MAGONA S.R.L.', 'APERAM ALLOYS IMPHY']));
    const y2013 = am.years.find((y) => y.year === 2013)!;
    expect(y2013.surplus.value).toBe(y2013.allocated.value! - y2013.verified.value! - sumLeftOut(data, y2013.noVerified, 2013));
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await readFile(join(dir, 'account-years.csv'), 'utf8');
    const again = await importFiles(paths, opts(dir));
    for (const r of again)
      expect({ format: r.format, added: r.added, filled: r.filled, changed: r.changed.length }).toEqual({ format: r.format, added: 0, filled: 0, changed: 0 });
    expect(await readFile(join(dir, 'account-years.csv'), 'utf8')).toBe(before);
  }, 600_000);

  it("imports a package's CSV given alone through the datapackage.json beside it", async () => {
    const copy = await dataCopyIn(root, 'bare');
    await rm(join(copy, 'sector-emissions.csv')); // shipped from this package: start without it
    const [r] = await importFiles([join(REAL, 'eu-ets-sector-emissions/eu-ets-sector-emissions.csv')], opts(copy));
    expect(r).toMatchObject({ format: 'datahub-eu-ets-sector-emissions', added: 161, via: join(REAL, 'eu-ets-sector-emissions/datapackage.json') });
  }, 60_000);
});

/** Allocation of accounts with no verified emissions that year: in `allocated`, not in the surplus. */
function sumLeftOut(data: Data, accounts: readonly number[], year: number): number {
  return data['account-years'].filter((r) => r.year === year && accounts.includes(r.account)).reduce((s, r) => s + (r.allocated ?? 0), 0);
}
