import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, type DataIssue } from '../../src/data/errors.js';
import { dailyPrices } from '../../src/data/formats/daily-prices.js';
import { readDataPackage } from '../../src/data/formats/frictionless.js';
import { readWindExport } from '../../src/data/formats/wind.js';
import { readYearColumns } from '../../src/data/formats/year-columns.js';
import { readTable } from '../../src/data/read-table.js';
import { date, number } from '../../src/data/fields.js';
import { readSheetTable, readWorkbook } from '../../src/data/formats/spreadsheet.js';
import { sheetSchema } from '../../src/data/import/sheets.js';
import { KNOWN_FILES, type SheetAuctionsFormat } from '../../src/data/import/known-files.js';

const auctionReport = sheetSchema(KNOWN_FILES.find((f): f is SheetAuctionsFormat => f.id === 'eex-primary-auctions')!);
const ecbRates = { name: 'ecb', title: 'ECB', description: '', fields: { Date: date(), CNY: number().optional() } };

// Publisher files kept byte for byte in ../shared/real-data (see its SOURCES.md). Tests read them
// in place (ETS_REAL_DATA overrides where); when the folder is absent they are skipped.
const REAL = process.env.ETS_REAL_DATA
  ? `${process.env.ETS_REAL_DATA.replace(/\/$/, '')}/`
  : fileURLToPath(new URL('../../../shared/real-data/', import.meta.url));
const present = existsSync(REAL);
const errorsOf = (issues: readonly DataIssue[]) => issues.filter((i) => i.severity === 'error').map(formatIssue);

/** Files the tests below read. */
/** EEX's auction reports, one a year: .xls (BIFF8) to 2019, .xlsx from 2020. */
const EEX_REPORTS = Array.from(
  { length: 13 },
  (_, i) => `eex-auctions/emission-spot-primary-market-auction-report-${2012 + i}-data.${2012 + i <= 2019 ? 'xls' : 'xlsx'}`,
);

const TESTED = [
  'china-pilots-sceex/碳排放权交易-每日行情.xlsx',
  'china-wind-exports/cea-national-daily.csv',
  'china-wind-exports/cfets-usd-cny-spot.csv',
  'china-wind-exports/gdea-guangdong-daily.csv',
  'china-wind-exports/hbea-hubei-daily.csv',
  'ecb-eurofxref/eurofxref-hist.csv',
  'eu-ets-sector-emissions/datapackage.json',
  'eu-ets-sector-emissions/eu-ets-sector-emissions.csv',
  'eu-ets-watch/eua-futures-daily.csv',
  'eu-ets-watch/eutl-verified-emissions-by-account.csv',
  ...EEX_REPORTS,
  'investing-eua/EUR_CNY历史数据.csv',
  'investing-eua/European Union Allowance (EUA) Yearly Futures Historical Data (1).csv',
  'investing-eua/欧洲碳排放期货历史数据.csv',
  // Imported by test/data/import/public-series.test.ts (and the pilots, EEX, investing.com and ECB files by import/real-new-formats.test.ts):
  'eea-ets-notes/background_note_Jul2025.txt',
  'eea-ets-notes/data_quality_Sep2025.txt',
  'eutl-installations/allocated_allowances.csv',
  'eutl-installations/compliance_code.csv',
  'eutl-installations/installation_allocations.csv',
  'eutl-installations/installations.csv',
  'eutl-installations/owners.csv',
  'owid-energy-eu27/owid-energy-data_EU27_2005-2025_excerpt.csv',
  'worldbank-gdp/gdp-worldbank-constant-usd.csv',
  'worldbank-gdp/gdp-worldbank-constant-usd.metadata.json',
  'worldbank-gdp/readme.md',
];

/**
 * Files added to ../shared/real-data after the importers were written that no format reads yet.
 * Listed by name so a file that appears unannounced still fails the test below.
 */
const AWAITING_IMPORTER: string[] = [];

describe.skipIf(!present)('real-data files load as found', () => {
  it('has a test for every file in the folder', async () => {
    const files: string[] = [];
    for (const dir of await readdir(REAL, { withFileTypes: true })) {
      if (dir.isDirectory()) for (const f of await readdir(`${REAL}${dir.name}`)) files.push(`${dir.name}/${f}`);
    }
    expect(files.sort()).toEqual([...TESTED, ...AWAITING_IMPORTER].sort());
  });

  it('reads the CEA WIND export (GB18030, metadata rows, newest first, 1E7 notation, footer)', async () => {
    const w = await readWindExport(`${REAL}china-wind-exports/cea-national-daily.csv`);
    expect(errorsOf(w.issues)).toEqual([]);
    expect(w.series).toHaveLength(18);
    const volume = w.series.find((s) => s.name === '中国:碳市场碳排放配额(CEA):成交量')!;
    expect(volume).toMatchObject({ unit: '吨', frequency: '日', indicatorId: 'A7981696', source: '上海环境能源交易所' });
    expect(volume.points[0]).toEqual({ date: '2021-07-16', value: 4103953 });
    const turnover = w.series.find((s) => s.indicatorId === 'F3415709')!;
    expect(turnover.points.at(-1)).toEqual({ date: '2025-05-07', value: 21_725_000 });
    // The paper's China figures to 2022-12-31 (§7) follow from the daily data.
    const window = volume.points.filter((p) => p.date <= '2022-12-31');
    expect(window).toHaveLength(356);
    expect(window.reduce((s, p) => s + p.value, 0)).toBe(229_678_843);
  });

  it('reads pilot exports and drops the duplicated indicator column', async () => {
    for (const [file, ids] of [
      ['gdea-guangdong-daily.csv', ['S6301317', 'S6301318', 'S6301319', 'S6301320', 'S6301322']],
      ['hbea-hubei-daily.csv', ['S6324388', 'S6324389', 'S6324390', 'S6324391', 'S6324392']],
    ] as const) {
      const w = await readWindExport(`${REAL}china-wind-exports/${file}`);
      expect(errorsOf(w.issues), file).toEqual([]);
      expect(w.series.map((s) => s.indicatorId)).toEqual(ids);
    }
  });

  it('reads the CFETS USD/CNY export with its file-level metadata and #N/A days', async () => {
    const w = await readWindExport(`${REAL}china-wind-exports/cfets-usd-cny-spot.csv`);
    expect(errorsOf(w.issues)).toEqual([]);
    expect(w.metadata).toMatchObject({ 国家: '中国', 时间区间: '1981-01-02:2025-05-15' });
    const [fx] = w.series;
    expect(fx!.points[0]).toEqual({ date: '1981-01-02', value: 1.5341 });
    expect(fx!.points.some((p) => p.date === '1981-01-03')).toBe(false); // #N/A
    expect(fx!.points.at(-1)).toEqual({ date: '2025-05-15', value: 7.2132 });
  });

  it('reads the EUA futures file with settle chosen over its computed close', async () => {
    const t = await readTable(`${REAL}eu-ets-watch/eua-futures-daily.csv`, dailyPrices, { unknownColumns: 'ignore', columns: { close: 'settle' } });
    expect(errorsOf(t.issues)).toEqual([]);
    expect(t.rows[0]).toMatchObject({ date: '2008-04-08', close: 24.87, volume: null });
    expect(t.rows.at(-1)).toMatchObject({ date: '2021-04-16', close: 44.33, volume: 1 });
  });

  it('reads EUTL verified emissions, counting status words instead of reading them as numbers', async () => {
    const r = await readYearColumns(`${REAL}eu-ets-watch/eutl-verified-emissions-by-account.csv`);
    expect(errorsOf(r.issues)).toEqual([]);
    expect(r.idColumn).toBe('account_id');
    expect(r.rows).toBe(16040);
    const y2005 = r.years.find((y) => y.year === 2005)!;
    expect(y2005).toMatchObject({ total: 2_014_076_770, reported: 10448 });
    const statusCount = r.years.reduce((n, y) => n + (y.statuses['Not Reported'] ?? 0) + (y.statuses.Excluded ?? 0), 0);
    expect(statusCount).toBe(3097 + 3486);
  });

  it("finds the EEX reports' header by content: row 3 to 2016, row 6 (after a blank column A) from 2017", async () => {
    for (const file of EEX_REPORTS) {
      const year = Number(/(\d{4})-data/.exec(file)![1]);
      const sheet = (await readWorkbook(await readFile(`${REAL}${file}`), file)).sheets.find((s) => s.name === 'Primary Market Auction')!;
      const t = await readSheetTable(sheet, auctionReport, file);
      expect(errorsOf(t.issues), file).toEqual([]);
      expect(t.headerLine, file).toBe(year <= 2016 ? 3 : 6);
      expect(sheet.rows[t.headerLine! - 1]![0] === '', file).toBe(year >= 2017);
    }
  }, 60_000);

  it("reads the 2013 report's member-state details as the text they are (German thousands separators, several lines)", async () => {
    const file = EEX_REPORTS[1]!;
    const sheet = (await readWorkbook(await readFile(`${REAL}${file}`), file)).sheets[0]!;
    expect(sheet.rows[3]![16]).toMatch(/^AT: 620\.400\nIT: 3\.052\.650\n/);
    expect(sheet.rows[3]!.slice(0, 4)).toEqual(['2013-12-17', expect.any(String), 'EU', 'T3PA']);
  });

  it('reads the pilots\' workbook as text cells: "-", "35,000" and "10000 t" as written', async () => {
    const book = await readWorkbook(await readFile(`${REAL}china-pilots-sceex/碳排放权交易-每日行情.xlsx`), 'pilots');
    expect(book.sheets.map((s) => s.name)).toEqual(['Sheet1', '广州', '湖北', '上海', '北京', '福建', '重庆', '天津', '深圳']);
    const cells = book.sheets[0]!.rows.flat();
    expect(cells).toContain('35,000');
    expect(cells).toContain('10000 t');
    expect(book.sheets[0]!.rows[0]).toEqual(['交易日期', '交易机构', '交易品种', '开盘价', '最高价', '最低价', '成交均价', '成交量', '成交金额']);
  });

  it("reads investing.com's day-first dates and the ECB's wide rates with N/A", async () => {
    const en = await readTable(`${REAL}investing-eua/European Union Allowance (EUA) Yearly Futures Historical Data (1).csv`, dailyPrices, {
      unknownColumns: 'ignore',
      columns: { date: 'Date' },
    });
    expect(errorsOf(en.issues).length).toBeGreaterThan(0); // 17-03-2025 is refused without the format's day-first statement
    const ecb = await readTable(`${REAL}ecb-eurofxref/eurofxref-hist.csv`, ecbRates, { unknownColumns: 'ignore' });
    expect(errorsOf(ecb.issues)).toEqual([]);
    expect(ecb.rows[0]).toEqual({ Date: '2025-05-09', CNY: 8.147 });
    expect(ecb.rows.find((r) => r.Date === '2005-03-31')).toEqual({ Date: '2005-03-31', CNY: null });
  });

  it('reads the Frictionless sector-emissions package by its own Table Schema', async () => {
    const p = await readDataPackage(`${REAL}eu-ets-sector-emissions/datapackage.json`);
    expect(errorsOf(p.issues)).toEqual([]);
    // The copy holds one of the package's two resources, beside its descriptor rather than in
    // data/: that one is read with a warning saying where, the absent one skipped with a warning.
    expect(p.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/read eu-ets-sector-emissions\.csv beside the descriptor/),
      'resource file data/eu-ets.csv not found; that resource is skipped',
    ]);
    const [resource] = p.resources;
    expect(resource!.rows.length).toBeGreaterThan(100);
    expect(resource!.rows).toContainEqual({ sector: '30 Production of lime, or calcination of dolomite/magnesite', year: 2005, emissions_mt: 30.87 });
  });
});
