import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseAll } from '../../../src/data/import/recognise.js';
import type { DataError } from '../../../src/data/errors.js';
import { importFiles, UnrecognisedFileError } from '../../../src/data/import/run.js';
import { loadData } from '../../../src/data/load.js';
import { dataBeforeImport } from '../../support.js';

// Every import format, on small made-up files in each publisher's layout (fixtures/README.md), so
// a clone without ../shared tests import too. The real files are read by import.test.ts.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const SAMPLES: Record<string, string> = {
  'wind-cea': 'wind-cea-national-sample.csv',
  'wind-hbea': 'wind-hbea-hubei-sample.csv',
  'wind-gdea': 'wind-gdea-guangdong-sample.csv',
  'wind-cfets-usdcny': 'wind-cfets-usdcny-sample.csv',
  'ets-watch-eua-futures': 'eua-futures-2021-01.csv',
  'eutl-verified-emissions': 'eutl-verified-emissions-sample.csv',
  'datahub-eu-ets-sector-emissions': 'sector-package/datapackage.json',
  // The registry's per-account verified emissions feed two datasets: yearly totals and account-years.
  'eutl-account-emissions': 'eutl-verified-emissions-sample.csv',
  'eutl-account-allocation': 'eutl-allocated-allowances-sample.csv',
  'eutl-account-compliance': 'eutl-compliance-code-sample.csv',
  'eutl-installations': 'eutl-installations-sample.csv',
  'eutl-account-holders': 'eutl-owners-sample.csv',
  'eutl-installation-allocation': 'eutl-installation-allocations-sample.csv',
  'owid-gdp-constant-usd': 'owid-gdp/gdp-sample.csv',
  'owid-metadata': 'owid-gdp/gdp-sample.metadata.json',
  'owid-readme': 'owid-gdp/readme.md',
  'owid-energy-electricity': 'owid-energy-eu27-sample.csv',
  'eea-data-quality-note': 'eea-notes/data-quality-sample.txt',
};
/** Formats that add to what data/ already holds, tested on their own below. */
const BUILT_ON_DATA: Record<string, string> = {
  'eea-scope-estimates': 'eea-notes/background-note-sample.txt',
};
const opts = (dataDir: string, extra = {}) => ({ dataDir, version: '0.0.0-test', today: '2026-11-24', ...extra });

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-formats-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('every import format, on fixtures', () => {
  it.each(Object.entries({ ...SAMPLES, ...BUILT_ON_DATA }))('recognises %s by its content', async (id, file) => {
    expect((await recogniseAll(fixture(file))).map((f) => f.id)).toContain(id);
  });

  it('imports all of them into a copy of data/, which stays valid; a second import changes nothing', async () => {
    const dir = await dataBeforeImport(root, 'all');
    const files = [...new Set(Object.values(SAMPLES))].map(fixture);
    const reports = await importFiles(files, opts(dir));
    expect(reports.map((r) => r.format).sort()).toEqual(Object.keys(SAMPLES).sort());
    // Each file brings rows, or (files the brief has no use for) says so; the registry sample's
    // years are already in data/ (from the full registry) with other values, which are reported
    // and kept, not overwritten; the national allocation table repeats the accounts' allocation.
    for (const r of reports) {
      if (r.dataset === null) expect(r.unused, r.format).toMatch(/holds no (data|series the brief uses)/);
      else expect(r.added + r.filled + r.changed.length + (r.format === 'eutl-installation-allocation' ? r.unchanged : 0), r.format).toBeGreaterThan(0);
    }
    const loaded = await loadData(dir);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const data = loaded.data!;
    // GB18030, newest first, a day without trades, 1E7 notation, footer: read as the publisher wrote them.
    expect(data['market-daily'].filter((r) => r.market === 'cn-ets').map((r) => [r.date, r.volume, r.turnover])).toEqual([
      ['2021-07-16', 150000, 7425000],
      ['2021-07-19', 200000, 10020000],
    ]);
    // Emissions read from a registry file take the scope their market had that year (scopes.csv).
    const eutl = reports.find((r) => r.format === 'eutl-verified-emissions')!;
    expect(
      eutl.changed.map((c) =>
        c.key
          .split('\u0000')
          .slice(1, 4)
          .map((k, i) => (i === 0 ? String(Number(k)) : k)),
      ),
    ).toEqual([
      ['2005', 'verified-ets', 'eu-2005'],
      ['2006', 'verified-ets', 'eu-2005'],
      ['2007', 'verified-ets', 'eu-2007'],
      ['2008', 'verified-ets', 'eu-2008'],
    ]);
    expect(eutl.changed.map((c) => c.fields.value)).toEqual([
      [2014076770, 1000],
      [2035788981, 1600],
      [2164732712, 1800],
      [2119673795, 2020],
    ]);
    // The package's 0.0 (not yet reported) is left out; its sector names are tidied.
    expect(data['sector-emissions'].map((r) => r.year).sort()).toEqual([2020, 2021, 2021]);
    // The registry's tables meet by account: a Phase 3 allocation is all its parts, each part kept
    // (***** New Entrants' Reserve, **** Article 10c); a status word is kept, never read as 0.
    const year = (account: number, y: number) => data['account-years'].find((r) => r.account === account && r.year === y);
    expect(year(900001, 2013)).toMatchObject({ allocated: 920, allocated_ner: 120, allocated_10c: null, verified: null, compliance: null });
    expect(year(900003, 2015)).toMatchObject({ allocated: 720, allocated_10c: 200, allocated_ner: 40 });
    expect(year(900002, 2005)).toMatchObject({ verified: null, verified_status: 'Not Reported', allocated: 400, compliance: 'C' });
    expect(year(900001, 2007)).toMatchObject({ verified: 1200, allocated: 1001, compliance: 'A*' });
    expect(year(900001, 2009)?.compliance ?? null).toBeNull(); // "-": no code
    expect(
      year(900001, 2008)!
        .source.split(';')
        .map((s) => s.replace(/-[0-9a-f]{8}$/, ''))
        .sort(),
    ).toEqual(['eutl-account-allocation', 'eutl-account-compliance', 'eutl-account-emissions']);
    // The national allocation table gives the same allocations by installation: nothing new, and
    // its installation without an account in installations.csv is left out and counted.
    expect(reports.find((r) => r.format === 'eutl-installation-allocation')).toMatchObject({ added: 0, filled: 0, changed: [], unchanged: 11 + 8, skipped: 1 });
    // Installations and holders from two files; registry names become ISO codes (XI: Northern Ireland).
    expect(data.installations.map((r) => [r.account, r.country, r.holder, r.parent_undertaking])).toEqual([
      [900001, 'DE', 'Example Steel GmbH', 'Example Steel Group'],
      [900002, 'DE', 'Example Ceramics AG', null],
      [900003, 'GB', 'Example Energy plc', null],
      [900004, 'XI', 'Example Power Ltd', null],
    ]);
    // GDP by region: ISO codes for countries, names for groups, the EU as eu27.
    expect(data.gdp.filter((r) => r.year === 2020).map((r) => [r.region, r.value, r.currency, r.price_year])).toEqual([
      ['chn', 11_250_000_000_000, 'USD', 2015],
      ['eu27', 13_200_000_000_000, 'USD', 2015],
      ['high-income-countries', 50_000_000_000_000, 'USD', 2015],
      ['world', 80_000_000_000_000, 'USD', 2015],
    ]);
    // Ember's EU-27 generation by source, in GWh, keyed as data/ keys its EU-27 totals (2022's is
    // the one already there); a year without the annual statistics column is marked partial.
    const power = reports.find((r) => r.format === 'owid-energy-electricity')!;
    expect(power).toMatchObject({ added: 29, unchanged: 1, skipped: 1 });
    const eu27 = data['power-generation'].filter((r) => r.region === 'eu27');
    expect(eu27.filter((r) => r.source_type === 'total').map((r) => [r.year, r.gwh, r.partial])).toEqual([
      [2010, 2945540, null],
      [2022, 2777490, null],
      [2023, 2666500, null],
      [2024, 2670600, true],
    ]);
    expect(eu27.find((r) => r.year === 2023 && r.source_type === 'solar')).toMatchObject({ gwh: 250_000, label_zh: '太阳能（欧盟27国）' });
    const before = await readFile(join(dir, 'market-daily.csv'), 'utf8');
    const accountYears = await readFile(join(dir, 'account-years.csv'), 'utf8');
    const again = await importFiles(files, opts(dir));
    for (const r of again) expect(r.added + r.filled + r.replaced, r.format).toBe(0);
    expect(await readFile(join(dir, 'market-daily.csv'), 'utf8')).toBe(before);
    expect(await readFile(join(dir, 'account-years.csv'), 'utf8')).toBe(accountYears);
  }, 60_000);
});

describe('formats that add to what data/ holds, and files the brief has no use for', () => {
  it("reads the EEA's scope estimates onto the registry's accounts of the scope's countries; the same again changes nothing", async () => {
    const dir = await dataBeforeImport(root, 'eea');
    // Alone, the note has nothing to add to: it says what to import first, and changes nothing.
    const alone = await importFiles([fixture(BUILT_ON_DATA['eea-scope-estimates']!)], opts(dir)).catch((e: unknown) => e);
    expect(String((alone as DataError).issues?.[0]?.message)).toMatch(
      /Table 13-1 adds to the registry's verified emissions by account.*import the registry's verified emissions and installations files first/,
    );
    // With the registry's accounts (their totals replacing data/'s full-registry ones, so that
    // the accounts are all the registry has) and their countries, in one command.
    const files = [BUILT_ON_DATA['eea-scope-estimates']!, 'eutl-verified-emissions-sample.csv', 'eutl-installations-sample.csv'].map(fixture);
    const reports = await importFiles(files, opts(dir, { replace: true }));
    expect(reports.map((r) => r.format)).toEqual(['eutl-verified-emissions', 'eutl-account-emissions', 'eutl-installations', 'eea-scope-estimates']);
    const { data, issues } = await loadData(dir);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const comparable = data!.emissions.filter((r) => r.coverage === 'eu-2013-no-uk' && r.year <= 2008).map((r) => [r.year, r.value, r.estimated]);
    // 2008: accounts 900001 (DE) 1300 + 900002 (DE) 650, not 900003 (GB) 70; plus 3.3 + 32.7 - 0.1 Mt (not the UK's 2.7).
    expect(comparable).toEqual([
      [2005, 1000 + 47_600_000, true],
      [2006, 1100 + 500 + 46_600_000, true],
      [2007, 1200 + 600 + 48_600_000, true],
      [2008, 1300 + 650 + 35_900_000, true],
    ]);
    const again = await importFiles(files, opts(dir));
    for (const r of again) expect(r.added + r.filled + r.changed.length, r.format).toBe(0);
  }, 60_000);

  it('imports a CSV given alone through the datapackage.json beside it', async () => {
    const dir = await dataBeforeImport(root, 'bare');
    const [r] = await importFiles([fixture('sector-package/eu-ets-sector-emissions.csv')], opts(dir));
    expect(r).toMatchObject({
      format: 'datahub-eu-ets-sector-emissions',
      dataset: 'sector-emissions',
      added: 3,
      via: fixture('sector-package/datapackage.json'),
    });
    const { data } = await loadData(dir);
    expect(data!.sources.find((s) => s.id === r!.source)?.note).toMatch(/from eu-ets-sector-emissions\.csv \(read through the datapackage\.json beside it\)/);
  }, 30_000);

  it('says when a recognised file holds nothing the brief uses, and changes nothing', async () => {
    const dir = await dataBeforeImport(root, 'unused');
    const before = await readFile(join(dir, 'sources.csv'), 'utf8');
    const files = ['owid-gdp/gdp-sample.metadata.json', 'owid-gdp/readme.md', 'eea-notes/data-quality-sample.txt'].map(fixture);
    const reports = await importFiles(files, opts(dir));
    expect(reports.map((r) => [r.format, r.dataset, r.read])).toEqual([
      ['owid-metadata', null, 0],
      ['owid-readme', null, 0],
      ['eea-data-quality-note', null, 0],
    ]);
    expect(await readFile(join(dir, 'sources.csv'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'gdp.csv'))).toBe(false);
  }, 30_000);

  it('refuses a registry table whose cells do not say what it holds, saying why', async () => {
    const dir = await dataBeforeImport(root, 'ambiguous');
    const file = join(root, 'phase-3-only.csv');
    await writeFile(file, 'account_id,2013,2014\n900001,800,790\n');
    const error = await importFiles([file], opts(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecognisedFileError);
    expect((error as Error).message).toMatch(/do not say whether it holds verified emissions, allocations or compliance codes/);
  }, 30_000);
});
