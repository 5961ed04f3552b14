import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auctionsAnnual } from '../../../src/data/aggregates/auctions-annual.js';
import type { Data } from '../../../src/data/datasets/index.js';
import { recognise } from '../../../src/data/import/recognise.js';
import { importFiles, type FileReport } from '../../../src/data/import/run.js';
import { loadData } from '../../../src/data/load.js';
import { computeMetrics } from '../../../src/metrics/index.js';
import { dataCopyIn, ROOT } from '../../support.js';

// The publisher files of issue 14 (EEX auction reports, investing.com exports, the ECB's rates,
// the pilots' quotes), read in place from ../shared/real-data; skipped when it is absent.
const REAL = process.env.ETS_REAL_DATA ? `${process.env.ETS_REAL_DATA.replace(/\/$/, '')}/` : join(ROOT, '../shared/real-data/');
const present = existsSync(REAL);
const opts = (dataDir: string) => ({ dataDir, version: '0.0.0-test', today: '2026-12-01' });

const EEX = 'eex-auctions/';
const OTHERS: Record<string, string> = {
  'investing-eua-yearly-futures': 'investing-eua/European Union Allowance (EUA) Yearly Futures Historical Data (1).csv',
  'investing-cn-carbon-futures': 'investing-eua/欧洲碳排放期货历史数据.csv',
  'investing-cn-eurcny': 'investing-eua/EUR_CNY历史数据.csv',
  'ecb-eurofxref-hist': 'ecb-eurofxref/eurofxref-hist.csv',
  'sceex-pilot-quotes': 'china-pilots-sceex/碳排放权交易-每日行情.xlsx',
};

/**
 * Each auction of an EEX report read without ets-brief's reader: fixed column letters per layout
 * (from the files themselves), rows with a numeric date. What the import must agree with.
 */
function eexByColumn(bytes: Buffer, year: number): { price: number | null; volume: number; revenue: number | null }[] {
  const sheet = XLSX.read(bytes).Sheets['Primary Market Auction']!;
  const [date, price, volume, revenue] =
    year <= 2015 ? ['A', 'E', 'J', 'O'] : year === 2016 ? ['A', 'F', 'K', 'P'] : year <= 2019 ? ['B', 'F', 'K', 'X'] : ['B', 'G', 'L', 'Y'];
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { header: 'A', raw: true });
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return rows.filter((r) => typeof r[date!] === 'number').map((r) => ({ price: num(r[price!]), volume: num(r[volume!])!, revenue: num(r[revenue!]) }));
}

function totals(rows: readonly { price: number | null; volume: number; revenue: number | null }[]) {
  const priced = rows.filter((r) => r.price !== null);
  const volume = priced.reduce((s, r) => s + r.volume, 0);
  return {
    auctions: rows.length,
    revenueCents: Math.round(rows.reduce((s, r) => s + (r.revenue ?? 0), 0) * 100),
    weightedPrice: priced.reduce((s, r) => s + r.price! * r.volume, 0) / volume,
  };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-real-new-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe.skipIf(!present)('the new publisher files, as found', () => {
  let dir: string;
  let eexFiles: string[];
  let reports: FileReport[];
  let data: Data;

  beforeAll(async () => {
    eexFiles = (await readdir(join(REAL, EEX))).sort().map((f) => join(REAL, EEX, f));
    dir = await dataCopyIn(root, 'all');
    // data/ ships the pilots' days and the ECB's rates: start without them, so every file adds rows.
    await Promise.all(['market-daily.csv', 'fx-daily.csv'].map((f) => rm(join(dir, f))));
    reports = await importFiles([...eexFiles, ...Object.values(OTHERS).map((f) => join(REAL, f))], opts(dir));
    const loaded = await loadData(dir);
    expect(loaded.issues.filter((i) => i.severity === 'error')).toEqual([]);
    data = loaded.data!;
  }, 120_000);

  it('recognises each by its content', async () => {
    for (const f of eexFiles) expect((await recognise(f))?.id, f).toBe('eex-primary-auctions');
    for (const [id, f] of Object.entries(OTHERS)) expect((await recognise(join(REAL, f)))?.id).toBe(id);
  }, 60_000);

  it('imports every file into a copy of data/ that stays valid', () => {
    expect(reports.map((r) => r.format)).toEqual([...eexFiles.map(() => 'eex-primary-auctions'), ...Object.keys(OTHERS)]);
    for (const r of reports) expect(r.added, r.file).toBeGreaterThan(0);
    expect(data.auctions).toHaveLength(2631);
    expect(data.auctions.filter((a) => a.status === 'cancelled').map((a) => [a.date, a.auction, a.price, a.revenue])).toEqual([
      ['2020-03-17', 'Auction 3. Period CAP2-EU', null, null],
      ['2022-02-01', 'Auction 4. Period CAP3 EU', null, null],
      ['2022-03-02', 'Auction 4. Period CAP3 PL', null, null],
    ]);
    expect(new Set(data.auctions.map((a) => a.contract))).toEqual(new Set(['T2PA', 'T3PA', 'EAA2', 'EAA3']));
    // The pilots come with their markets; the European rows of Sheet1 are left out and said so.
    expect(
      data.markets
        .filter((m) => m.kind === 'pilot')
        .map((m) => m.id)
        .sort(),
    ).toEqual(['bea', 'cqea', 'fjea', 'gdea', 'hbea', 'shea', 'szea', 'tjea']);
    const pilots = reports.find((r) => r.format === 'sceex-pilot-quotes')!;
    expect(pilots.skips.find((s) => s.reason.startsWith('rows of exchanges that are not'))).toMatchObject({
      count: 5,
      where: ['Sheet1 row 9625', 'Sheet1 row 9626', 'Sheet1 row 9628', 'Sheet1 row 9632', 'Sheet1 row 9635'],
    });
  });

  it("sums to each report's own revenue and volume-weighted price, year by year, to the cent", async () => {
    for (const file of eexFiles) {
      const year = Number(/(\d{4})-data/.exec(file)![1]);
      const expected = totals(eexByColumn(await readFile(file), year));
      const mine = totals(data.auctions.filter((a) => a.date.startsWith(String(year))));
      expect({ year, auctions: mine.auctions, revenueCents: mine.revenueCents }).toEqual({
        year,
        auctions: expected.auctions,
        revenueCents: expected.revenueCents,
      });
      expect(Math.abs(mine.weightedPrice - expected.weightedPrice), String(year)).toBeLessThan(0.005);
      // The shipped aggregate (auctions-annual), over its allowance types, says the same; an
      // auction the report gives a price and no revenue (Germany's, 2012) counts price × volume.
      const report = eexByColumn(await readFile(file), year);
      const unstated = report.filter((r) => r.price !== null && r.revenue === null).reduce((s, r) => s + r.price! * r.volume * 100, 0);
      const annual = auctionsAnnual(data.auctions).filter((r) => r.year === year);
      const volume = annual.reduce((v, r) => v + r.volume, 0);
      const revenue = annual.reduce((v, r) => v + r.revenue, 0);
      expect({ year, auctions: annual.reduce((n, r) => n + r.auctions + r.cancelled, 0), revenueCents: Math.round(revenue * 100) }).toEqual({
        year,
        auctions: expected.auctions,
        revenueCents: Math.round(expected.revenueCents + unstated),
      });
      // Rows keep the auctions' own note (EEX only); a year with unstated revenue also says so.
      expect(
        annual.some((r) => r.note?.includes('state no revenue') ?? false),
        String(year),
      ).toBe(unstated > 0);
      expect(
        annual.every((r) => r.note?.includes('EEX auctions only') ?? false),
        String(year),
      ).toBe(true);
      expect(Math.abs(revenue / volume - expected.weightedPrice), `${year} revenue ÷ volume`).toBeLessThan(0.005);
      for (const r of annual) expect(Math.abs(r.price! - r.revenue / r.volume)).toBeLessThan(1e-9);
    }
    // The reports' revenue is price × volume for every auction that states both.
    for (const a of data.auctions)
      if (a.price !== null && a.revenue !== null) expect(Math.abs(a.revenue - a.price * a.volume), `${a.date} ${a.auction}`).toBeLessThan(1);
    const y2024 = totals(data.auctions.filter((a) => a.date.startsWith('2024')));
    expect(y2024.weightedPrice).toBeGreaterThan(60);
    expect(y2024.weightedPrice).toBeLessThan(70);
  }, 60_000);

  it('keeps the two investing.com EUA series apart, and the figures name the one they use', () => {
    const day = data['market-daily'].filter((r) => r.market === 'eu-ets' && r.date === '2023-08-16');
    expect(day.map((r) => [r.series, r.close]).sort()).toEqual([
      ['investing-cn-carbon', 88.26],
      ['investing-eua-yearly', 88.58],
    ]);
    const metrics = computeMetrics(data);
    const eu = metrics.daily['eu-ets'];
    expect(eu?.high.method).toMatch(/series investing-(cn-carbon|eua-yearly)/);
  });

  it('changes nothing on a second import, and says so', async () => {
    const files = ['auctions.csv', 'market-daily.csv', 'fx-daily.csv', 'markets.csv'];
    const before = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
    const again = await importFiles([...eexFiles, ...Object.values(OTHERS).map((f) => join(REAL, f))], opts(dir));
    for (const r of again) expect([r.format, r.added, r.changed.length]).toEqual([r.format, 0, 0]);
    expect(await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).toEqual(before);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'import', '--data', dir, join(REAL, OTHERS['ecb-eurofxref-hist']!)], {
      encoding: 'utf8',
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain('nothing changed: all 18642 rows are already in data/');
    expect(cli.stdout).toContain('1599 left out: days without a CNY rate (N/A)');
  }, 120_000);
});
