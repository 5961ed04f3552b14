import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recognise } from '../../../src/data/import/recognise.js';
import { importFiles } from '../../../src/data/import/run.js';
import { loadData } from '../../../src/data/load.js';
import { dataCopyIn } from '../../support.js';

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
};
const opts = (dataDir: string) => ({ dataDir, version: '0.0.0-test', today: '2026-11-24' });

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-formats-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('every import format, on fixtures', () => {
  it.each(Object.entries(SAMPLES))('recognises %s by its content', async (id, file) => {
    expect((await recognise(fixture(file)))?.id).toBe(id);
  });

  it('imports all of them into a copy of data/, which stays valid; a second import changes nothing', async () => {
    const dir = await dataCopyIn(root, 'all');
    const files = Object.values(SAMPLES).map(fixture);
    const reports = await importFiles(files, opts(dir));
    expect(reports.map((r) => r.format)).toEqual(Object.keys(SAMPLES));
    // Each file brings rows; the registry sample's years are already in data/ (from the full
    // registry) with other values, which are reported and kept, not overwritten.
    for (const r of reports) expect(r.added + r.changed.length, r.format).toBeGreaterThan(0);
    const loaded = await loadData(dir);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const data = loaded.data!;
    // GB18030, newest first, a day without trades, 1E7 notation, footer: read as the publisher wrote them.
    expect(data['market-daily'].filter((r) => r.market === 'cn-ets').map((r) => [r.date, r.volume, r.turnover])).toEqual([
      ['2021-07-16', 150000, 7425000], ['2021-07-19', 200000, 10020000],
    ]);
    // Emissions read from a registry file take the scope their market had that year (scopes.csv).
    const eutl = reports.find((r) => r.format === 'eutl-verified-emissions')!;
    expect(eutl.changed.map((c) => c.key.split('\u0000').slice(1, 4).map((k, i) => (i === 0 ? String(Number(k)) : k)))).toEqual([['2005', 'verified-ets', 'eu-2005'], ['2006', 'verified-ets', 'eu-2005'], ['2007', 'verified-ets', 'eu-2007'], ['2008', 'verified-ets', 'eu-2008']]);
    expect(eutl.changed.map((c) => c.fields.value)).toEqual([[2014076770, 1000], [2035788981, 1600], [2164732712, 1800], [2119673795, 2020]]);
    // The package's 0.0 (not yet reported) is left out; its sector names are tidied.
    expect(data['sector-emissions'].map((r) => r.year).sort()).toEqual([2020, 2021, 2021]);
    const before = await readFile(join(dir, 'market-daily.csv'), 'utf8');
    const again = await importFiles(files, opts(dir));
    for (const r of again) expect(r.added + r.replaced, r.format).toBe(0);
    expect(await readFile(join(dir, 'market-daily.csv'), 'utf8')).toBe(before);
  }, 60_000);
});
