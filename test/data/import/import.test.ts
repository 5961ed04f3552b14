import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHARTS } from '../../../src/charts/registry.js';
import { DataError } from '../../../src/data/errors.js';
import { recognise } from '../../../src/data/import/recognise.js';
import { importFiles, UnrecognisedFileError } from '../../../src/data/import/run.js';
import { loadData } from '../../../src/data/load.js';
import { computeMetrics } from '../../../src/metrics/index.js';
import { buildBrief } from '../../../src/pipeline/build.js';
import { dataBeforeImport } from '../../support.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REAL = process.env.ETS_REAL_DATA ? `${process.env.ETS_REAL_DATA.replace(/\/$/, '')}/` : join(ROOT, '../shared/real-data/');
const present = existsSync(REAL);
const FILES: Record<string, string> = {
  'wind-cea': 'china-wind-exports/cea-national-daily.csv',
  'wind-hbea': 'china-wind-exports/hbea-hubei-daily.csv',
  'wind-gdea': 'china-wind-exports/gdea-guangdong-daily.csv',
  'wind-cfets-usdcny': 'china-wind-exports/cfets-usd-cny-spot.csv',
  'ets-watch-eua-futures': 'eu-ets-watch/eua-futures-daily.csv',
  'eutl-verified-emissions': 'eu-ets-watch/eutl-verified-emissions-by-account.csv',
  'datahub-eu-ets-sector-emissions': 'eu-ets-sector-emissions/datapackage.json',
};
let root: string;
/** data/ before any import: what these files add is then all they add (see dataBeforeImport). */
const copy = (name: string) => dataBeforeImport(root, name);
const opts = (dataDir: string, extra = {}) => ({ dataDir, version: '0.0.0-test', today: '2026-11-24', ...extra });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-import-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe.skipIf(!present)('recognising formats by content', () => {
  it.each(Object.entries(FILES))('recognises %s', async (id, file) => {
    expect((await recognise(join(REAL, file)))?.id).toBe(id);
  });

  it('does not go by the file name', async () => {
    const renamed = join(root, 'prices.csv');
    await cp(join(REAL, FILES['wind-cea']!), renamed);
    expect((await recognise(renamed))?.id).toBe('wind-cea');
  });

  it('names the formats it knows when a file matches none', async () => {
    const unknown = fileURLToPath(new URL('../fixtures/broken-cells.csv', import.meta.url));
    expect(await recognise(unknown)).toBeUndefined();
    await expect(importFiles([unknown], opts(await copy('unknown')))).rejects.toBeInstanceOf(UnrecognisedFileError);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'import', '--data', join(root, 'unknown'), unknown], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken-cells\.csv: not a format ets-brief knows\. Known formats/);
    for (const id of Object.keys(FILES)) expect(r.stderr).toContain(id);
  });
});

describe.skipIf(!present)('importing every real-data file into a copy of data/', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await copy('all');
  });

  it('succeeds, and data/ stays valid', async () => {
    const reports = await importFiles(
      Object.values(FILES).map((f) => join(REAL, f)),
      opts(dir),
    );
    // The registry's verified emissions feed two datasets: yearly totals and account-years.
    expect(reports.map((r) => r.format)).toEqual(
      Object.keys(FILES).flatMap((id) => (id === 'eutl-verified-emissions' ? [id, 'eutl-account-emissions'] : [id])),
    );
    expect(reports.find((r) => r.format === 'wind-cea')).toMatchObject({
      dataset: 'market-daily',
      added: 918,
      rangeBefore: null,
      rangeAfter: ['2021-07-16', '2025-05-07'],
    });
    expect(reports.find((r) => r.format === 'wind-hbea')?.marketsAdded).toEqual(['hbea']);
    const { data, issues } = await loadData(dir);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(data!['market-daily'].length).toBe(918 + 2609 + 2475 + 3356);
    expect(data!.sources.find((s) => s.id.startsWith('wind-cea-'))).toMatchObject({ retrieved: '2026-11-24', publisher: '上海环境能源交易所 via WIND' });
    expect(await readFile(join(dir, 'datapackage.json'), 'utf8')).toContain('"name": "market-daily"');
  }, 60_000);

  it('changes nothing on a second import of the same files, and says so', async () => {
    const before = await readFile(join(dir, 'market-daily.csv'), 'utf8');
    const reports = await importFiles(
      Object.values(FILES).map((f) => join(REAL, f)),
      opts(dir),
    );
    for (const r of reports) expect({ format: r.format, added: r.added, changed: r.changed.length }).toEqual({ format: r.format, added: 0, changed: 0 });
    expect(await readFile(join(dir, 'market-daily.csv'), 'utf8')).toBe(before);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'import', '--data', dir, join(REAL, FILES['wind-cea']!)], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/nothing changed: all 918 rows are already in data\//);
  }, 60_000);

  it("recomputes China's trading days, volume and turnover for the paper's window from the daily rows", async () => {
    const { data } = await loadData(dir);
    const m = computeMetrics(data!);
    const cn = m.daily['cn-ets']!;
    expect(cn.window).toEqual({ start: '2021-07-16', end: '2022-12-31' });
    expect([cn.tradingDays.value, cn.volume.value, Math.round(cn.turnover.value!)]).toEqual([356, 229_678_843, 10_475_234_717]);
    // China's claims over its first period (the EU's are reconciled with ETS Watch's days too).
    const daily = m.reconciliation.findings.filter((f) => f.id.startsWith('facts/cn-') && f.id.endsWith('/daily')).map((f) => [f.id, f.verdict]);
    expect(daily).toEqual([
      ['facts/cn-trading-days/daily', 'agrees'],
      ['facts/cn-cumulative-volume/daily', 'agrees'],
      ['facts/cn-cumulative-turnover/daily', 'agrees'],
      ['facts/cn-price-band-low/daily', 'agrees'],
      ['facts/cn-price-band-high/daily', 'agrees'],
    ]);
    // With daily rows the average price is the daily sums' (45.6), exact; not 104.75e8 / 2.3e8 (45.5).
    expect(m.prices.subjectImplied!.value.value).toBeCloseTo(45.608, 3);
    expect(m.prices.subjectImplied!.value.precision).toEqual({ digits: null, approx: false });
    expect(m.latest?.window).toEqual({ start: '2021-07-16', end: '2025-05-07' });
    // Daily rows go through the monthly aggregates shipped data/ holds, which keep no median.
    expect(m.prices.bands['cn-ets']!.observed.median).toMatchObject({ value: null, missing: expect.stringContaining('monthly aggregates') });
    expect(m.prices.bands['cn-ets']!.observed.max.value).toBe(cn.high.value);
  }, 30_000);

  it('states the latest window the data allows, and compares over any window asked for', async () => {
    const out = join(root, 'out-latest');
    await buildBrief({ dataDir: dir, outDir: out, langs: ['en'], formats: ['html'] });
    const html = await readFile(join(out, 'en', 'brief.html'), 'utf8');
    expect(html).toContain('Its daily data runs to 7 May 2025: since launch it has traded 643 Mt on 910 trading days');
    const { data } = await loadData(dir);
    const m = computeMetrics(data!, { subject: 'cn-ets', reference: 'eu-ets', window: { start: '2023-01-01', end: '2024-12-31' } });
    // No stated figure covers 2023-2024: the total is the sum of that window's daily volumes.
    expect(m.daily['cn-ets']!.window).toEqual({ start: '2023-01-01', end: '2024-12-31' });
    expect(m.volume.subject.total.method).toBe('sum of daily exchange (series wind) volumes');
    expect(m.volume.subject.total.value).toBe(m.daily['cn-ets']!.volume.value);
    expect(m.volume.subject.total.value!).toBeGreaterThan(3e8);
    expect(m.volume.ratio.missing).toMatch(/no traded-volume fact or daily volumes for eu-ets/);
  }, 60_000);

  it('draws the EU price-by-phase chart from daily data', async () => {
    const { data, daily } = await loadData(dir);
    const metrics = computeMetrics(data!);
    const chart = CHARTS.find((c) => c.id === 'eua-price')!;
    const built = chart.build({
      data: data!,
      daily,
      metrics,
      lang: 'en',
      t: (k) => k,
      phaseLabel: (p) => `Phase ${p}`,
      marketLabel: (x) => x,
      dateLabel: (d) => d,
    })!;
    // 3356 trading days, reduced to at most six days per bucket, every extreme kept.
    const rows = data!['market-daily'].filter((r) => r.market === 'eu-ets');
    const table = built.datasets.table;
    expect(rows.length).toBe(3356);
    expect(table.length).toBeLessThanOrEqual(160 * 6);
    expect(table[0]).toMatchObject({ period: '2008-04-08', mean: 24.87 });
    expect(table.at(-1)!.period).toBe(
      rows
        .map((r) => r.date)
        .sort()
        .at(-1),
    );
    expect(Math.max(...table.map((r) => r.mean as number))).toBe(Math.max(...rows.map((r) => r.close)));
    expect(Math.min(...table.map((r) => r.mean as number))).toBe(Math.min(...rows.map((r) => r.close)));
    expect(Math.max(...table.map((r) => r.max as number))).toBe(Math.max(...rows.map((r) => r.high ?? r.close)));
    expect(Math.min(...table.map((r) => r.min as number))).toBe(Math.min(...rows.map((r) => r.low ?? r.close)));
    expect(built.placeholders.basis).toBe('charts.eua-price.basisDaily');
  }, 30_000);
});

describe.skipIf(!present)('merging', () => {
  it('reports a changed value and keeps data/ as it was, unless --replace', async () => {
    const dir = await copy('changed');
    const cea = join(REAL, FILES['wind-cea']!);
    await importFiles([cea], opts(dir));
    // A later export that revised one day's close (UTF-8 this time: also accepted).
    const revised = join(root, 'cea-revised.csv');
    const text = new TextDecoder('gb18030').decode(await readFile(cea));
    await writeFile(revised, text.replace('\n2021/7/16,51.23,', '\n2021/7/16,52.00,'));
    const [dry] = await importFiles([revised], opts(dir, { dryRun: true }));
    expect(dry!.changed).toEqual([{ key: expect.stringContaining('2021-07-16'), fields: { close: [51.23, 52] } }]);
    const [kept] = await importFiles([revised], opts(dir));
    expect(kept).toMatchObject({ added: 0, replaced: 0 });
    expect((await loadData(dir)).data!['market-daily'].find((r) => r.date === '2021-07-16')?.close).toBe(51.23);
    const [replaced] = await importFiles([revised], opts(dir, { replace: true }));
    expect(replaced).toMatchObject({ replaced: 1 });
    const row = (await loadData(dir)).data!['market-daily'].find((r) => r.date === '2021-07-16')!;
    expect(row.close).toBe(52);
    expect(row.source).toBe(replaced!.source);
  }, 60_000);

  it('refuses a file whose stated unit is not the one mapped, changing nothing', async () => {
    const dir = await copy('unit');
    const odd = join(root, 'cea-usd.csv');
    const text = new TextDecoder('gb18030').decode(await readFile(join(REAL, FILES['wind-cea']!)));
    await writeFile(odd, text.replace(/^单位,元\/吨,/m, '单位,美元/吨,'));
    const error = await importFiles([odd], opts(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).issues[0]).toMatchObject({ message: 'unexpected unit', value: '美元/吨', expected: '元/吨' });
    expect(existsSync(join(dir, 'market-daily.csv'))).toBe(false);
  }, 30_000);

  it('leaves out the sector package\'s 0.0 values, which mean "not yet reported"', async () => {
    const pkg = join(root, 'pkg');
    await cp(join(REAL, 'eu-ets-sector-emissions'), pkg, { recursive: true });
    const csv = join(pkg, 'eu-ets-sector-emissions.csv');
    await writeFile(csv, `${await readFile(csv, 'utf8')}10 Aviation,2026,0.0\n`);
    const [r] = await importFiles([join(pkg, 'datapackage.json')], opts(await copy('zeros')));
    expect(r).toMatchObject({ skipped: 1, added: 161 });
    expect(r!.rangeAfter).toEqual(['2005', '2025']);
  }, 30_000);

  it('refuses a file with the same day twice', async () => {
    const dir = await copy('dupes');
    const file = join(root, 'eua-dupes.csv');
    const text = await readFile(join(REAL, FILES['ets-watch-eua-futures']!), 'utf8');
    const lines = text.split('\n');
    await writeFile(file, [...lines.slice(0, 3), lines[2]!.replace(/,24\.87,/, ',24.88,'), ...lines.slice(3)].join('\n'));
    const error = await importFiles([file], opts(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).issues[0]!.message).toMatch(/the file has two rows for eu-ets futures ets-watch 2008-04-0/);
    expect(existsSync(join(dir, 'market-daily.csv'))).toBe(false);
  }, 30_000);

  it('writes nothing on --dry-run', async () => {
    const dir = await copy('dry');
    const [r] = await importFiles([join(REAL, FILES['wind-gdea']!)], opts(dir, { dryRun: true }));
    expect(r!.added).toBe(2475);
    expect(existsSync(join(dir, 'market-daily.csv'))).toBe(false);
    expect(await readFile(join(dir, 'markets.csv'), 'utf8')).not.toContain('gdea');
  }, 30_000);
});
