import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../../../src/data/datasets/index.js';
import { recognise } from '../../../src/data/import/recognise.js';
import { importFiles, type FileReport } from '../../../src/data/import/run.js';
import { loadData } from '../../../src/data/load.js';
import { dataBeforeImport, ROOT } from '../../support.js';

// The price, auction and rate formats (EEX, investing.com, ECB, the pilots' workbook), on small
// made-up files in each publisher's layout (fixtures/README.md); the other formats are in
// formats.test.ts. The real files are read by real-new-formats.test.ts.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
// [format, file]: a format with layouts that changed over the years has one file per layout.
const SAMPLES: readonly (readonly [string, string])[] = [
  ['eex-primary-auctions', 'eex-auctions-2013-layout.xls'],
  ['eex-primary-auctions', 'eex-auctions-2016-layout.xls'],
  ['eex-primary-auctions', 'eex-auctions-2020-layout.xlsx'],
  ['investing-eua-yearly-futures', 'investing-eua-yearly-futures-sample.csv'],
  ['investing-cn-carbon-futures', 'investing-cn-carbon-futures-sample.csv'],
  ['investing-cn-eurcny', 'investing-cn-eurcny-sample.csv'],
  ['ecb-eurofxref-hist', 'eurofxref-hist-sample.csv'],
  ['ecb-eurofxref-hist', 'eurofxref-hist-sample.zip'],
  ['sceex-pilot-quotes', 'sceex-pilot-quotes-sample.xlsx'],
];
const opts = (dataDir: string) => ({ dataDir, version: '0.0.0-test', today: '2026-11-24' });

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-formats-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the price, auction and rate formats, on fixtures', () => {
  it.each(SAMPLES)('recognises %s by its content (%s)', async (id, file) => {
    expect((await recognise(fixture(file)))?.id).toBe(id);
  });

  it('goes by content, not by name or extension', async () => {
    for (const [file, as, id] of [
      ['eex-auctions-2013-layout.xls', 'prices.csv', 'eex-primary-auctions'],
      ['investing-cn-eurcny-sample.csv', 'EUA futures.csv', 'investing-cn-eurcny'],
      ['eurofxref-hist-sample.zip', 'rates.xlsx', 'ecb-eurofxref-hist'],
    ] as const) {
      const renamed = join(root, as);
      await writeFile(renamed, await readFile(fixture(file)));
      expect((await recognise(renamed))?.id, file).toBe(id);
    }
  });

  it('imports all of them into a copy of data/, which stays valid; a second import changes nothing', async () => {
    const dir = await dataBeforeImport(root, 'all');
    const files = SAMPLES.map(([, file]) => fixture(file));
    const reports = await importFiles(files, opts(dir));
    expect(reports.map((r) => r.format)).toEqual(SAMPLES.map(([id]) => id));
    // Each file brings rows (the zipped ECB file the same rows as the CSV before it).
    for (const r of reports.filter((x) => !x.file.endsWith('.zip'))) expect(r.added + r.changed.length, r.format).toBeGreaterThan(0);
    expect(reports.find((r) => r.file.endsWith('.zip'))).toMatchObject({ read: 11, added: 0, unchanged: 11 });
    const loaded = await loadData(dir);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const before = await Promise.all(['market-daily.csv', 'auctions.csv', 'fx-daily.csv', 'markets.csv'].map((f) => readFile(join(dir, f), 'utf8')));
    const again = await importFiles(files, opts(dir));
    for (const r of again) expect(r.added + r.replaced, r.format).toBe(0);
    expect(await Promise.all(['market-daily.csv', 'auctions.csv', 'fx-daily.csv', 'markets.csv'].map((f) => readFile(join(dir, f), 'utf8')))).toEqual(before);
  }, 60_000);
});

describe('what the price, auction and rate formats read', () => {
  let data: Data;
  let reports: FileReport[];
  beforeAll(async () => {
    const dir = await dataBeforeImport(root, 'new');
    reports = await importFiles(
      SAMPLES.map(([, file]) => fixture(file)),
      opts(dir),
    );
    const loaded = await loadData(dir);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    data = loaded.data!;
  }, 60_000);

  it('reads every EEX layout into one row per auction, a cancelled one kept with its status and no price', () => {
    const rows = data.auctions;
    expect(rows.map((r) => [r.date, r.auction, r.contract, r.allowance, r.status, r.price, r.volume, r.revenue])).toEqual([
      ['2013-11-20', 'DE', 'EAA3', 'EUAA', null, 4.5, 1000000, 4500000],
      ['2013-12-16', 'PL', 'T3PA', 'EUA', null, 4.69, 3660500, 17167745],
      ['2013-12-17', 'EU', 'T3PA', 'EUA', null, 4.7, 3999000, 18795300],
      ['2016-12-15', 'EU (TCAP)', 'T3PA', 'EUA', null, 4.96, 3684500, 18275120],
      ['2016-12-16', 'DE', 'T3PA', 'EUA', null, 4.59, 3495500, 16044345],
      ['2022-02-28', 'EUAA Auction DE', 'EAA3', 'EUAA', 'successful', 90.25, 100000, 9025000],
      ['2022-03-01', 'Auction 4. Period CAP3 EU', 'T3PA', 'EUA', 'successful', 87.5, 2449000, 214287500],
      ['2022-03-02', 'Auction 4. Period CAP3 PL', 'T3PA', 'EUA', 'cancelled', null, 2658000, null],
    ]);
    // 2016's misspelt "Succesful  Bidders" header and the 2013 multi-line details are read as they are.
    expect(rows.find((r) => r.date === '2016-12-15')).toMatchObject({ bidders: 17, successful_bidders: 13, cover_ratio: 2.52, bids_volume: 9300000 });
  });

  it("gives per-year revenue and volume-weighted prices that match the files' own numbers", () => {
    // Hand sums of the fixtures: 2013 revenue 18,795,300 + 17,167,745 + 4,500,000; 2022 without the cancelled auction.
    expect(auctionYears(data.auctions)).toEqual([
      { year: 2013, revenue: 40463045, price: 4.6727 },
      { year: 2016, revenue: 34319465, price: 4.7799 },
      { year: 2022, revenue: 223312500, price: 87.6079 },
    ]);
  });

  it('keeps the two investing.com EUA series apart, and reads 03-04-2023 day first', () => {
    const eu = data['market-daily'].filter((r) => r.market === 'eu-ets' && r.date === '2023-04-03');
    expect(eu.map((r) => [r.series, r.close]).sort()).toEqual([
      ['investing-cn-carbon', 84.4],
      ['investing-eua-yearly', 88.9],
    ]);
    expect(data['market-daily'].filter((r) => r.series === 'investing-eua-yearly').map((r) => r.date)).toEqual(['2023-03-30', '2023-03-31', '2023-04-03']);
    // Volumes are contracts of one futures series: not imported as the market's tonnes.
    expect(data['market-daily'].filter((r) => r.market === 'eu-ets').every((r) => r.volume === null)).toBe(true);
  });

  it("reads rates into fx-daily, one series per publisher: the ECB's N/A days counted, not read", () => {
    const cny = data['fx-daily'].filter((r) => r.quote === 'CNY').map((r) => [r.series, r.date, r.rate]);
    expect(cny).toEqual([
      ['ecb-reference', '2005-04-01', 10.7255],
      ['ecb-reference', '2024-12-30', 7.6203],
      ['ecb-reference', '2024-12-31', 7.5833],
      ['investing-close', '2023-03-30', 7.4578],
      ['investing-close', '2023-03-31', 7.4734],
      ['investing-close', '2023-04-03', 7.4682],
    ]);
    expect(new Set(data['fx-daily'].map((r) => r.quote))).toEqual(new Set(['USD', 'CNY', 'GBP']));
    expect(reports.find((r) => r.format === 'ecb-eurofxref-hist')!.skips).toEqual([{ reason: 'days without a CNY rate (N/A)', count: 1, where: ['line 5'] }]);
  });

  it("reads the pilots' quotes per pilot and product, saying which rows it left out and why", () => {
    const pilots = data['market-daily'].filter((r) => r.currency === 'CNY').map((r) => [r.market, r.series, r.date, r.close, r.volume]);
    expect(pilots).toEqual([
      ['gdea', 'sceex-gdea', '2023-07-21', 81.73, 105103],
      ['gdea', 'sceex-gdea', '2023-07-24', 77.86, 4485],
      ['szea', 'sceex-sza2019', '2023-07-21', 30.8, 10000], // "10000 t": a declared unit word
    ]);
    expect(
      data.markets
        .filter((m) => m.kind === 'pilot')
        .map((m) => m.id)
        .sort(),
    ).toEqual(['gdea', 'szea']);
    const report = reports.find((r) => r.format === 'sceex-pilot-quotes')!;
    expect(report.skips.map((s) => [s.reason, s.count, s.where[0]])).toEqual([
      ["rows of exchanges that are not China's pilot markets (EUA and CER futures in Europe)", 1, 'Sheet1 row 7'],
      ['rows without a date', 1, 'Sheet1 row 8'],
      ['days without an average price (no trades)', 1, 'Sheet1 row 4'],
      ['days given different values in two sheets (which is right is not known)', 1, 'Sheet1 row 6'],
      ['rows repeating a day of another sheet with the same values (read once)', 3, 'Sheet1 and the exchange sheets'],
    ]);
  });
});

describe('what import says about files it cannot use', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'import', ...args], { encoding: 'utf8' });

  it('names a file that does not exist, imports nothing and exits 1', async () => {
    const dir = await dataBeforeImport(root, 'missing');
    const r = cli(['--data', dir, join(root, 'no-such-file.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(root, 'no-such-file.csv')}: error: file not found`);
    expect(r.stderr).toMatch(/nothing imported/);
  });

  it('says so when a recognised file holds nothing the brief uses, and adds nothing', async () => {
    const dir = await dataBeforeImport(root, 'empty-rates');
    // The ECB's layout with every imported quote N/A (currencies the brief does not use only).
    const file = join(root, 'rates-other-currencies.csv');
    await writeFile(file, 'Date,USD,JPY,GBP,CNY,\n2024-12-31,N/A,163.06,N/A,N/A,\n');
    const r = cli(['--data', dir, file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nothing imported: the file holds no rows the brief uses (every row was left out, see below)');
    expect(r.stdout).toContain('1 left out: days without a USD rate (N/A)');
    expect(existsSync(join(dir, 'fx-daily.csv'))).toBe(false);
  });
});

/** Per year: revenue summed, and the price weighted by volume over the auctions with a price. */
function auctionYears(rows: Data['auctions']): { year: number; revenue: number; price: number }[] {
  const years = new Map<number, { revenue: number; value: number; volume: number }>();
  for (const r of rows) {
    const y = years.get(Number(r.date.slice(0, 4))) ?? { revenue: 0, value: 0, volume: 0 };
    y.revenue += r.revenue ?? 0;
    if (r.price !== null) {
      y.value += r.price * r.volume;
      y.volume += r.volume;
    }
    years.set(Number(r.date.slice(0, 4)), y);
  }
  return [...years].sort(([a], [b]) => a - b).map(([year, y]) => ({ year, revenue: y.revenue, price: Math.round((y.value / y.volume) * 1e4) / 1e4 }));
}
