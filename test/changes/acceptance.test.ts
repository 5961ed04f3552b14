import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/pipeline/build.js';
import type { ChangeReport } from '../../src/changes/compare.js';
import { importFiles } from '../../src/data/import/run.js';
import { dataBeforeImport, ROOT } from '../support.js';

// A data update as a user makes it, against a hand-made before and after: build, change data/,
// rebuild into the same folder, and read the change report the build wrote.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-changes-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 170_000 });
const report = async (out: string, lang: string) => JSON.parse(await readFile(join(out, lang, 'changes.json'), 'utf8')) as ChangeReport;
const numbers = (r: ChangeReport) =>
  r.numbers.map((n) => [n.id, n.change, n.before?.text ?? null, n.after?.text ?? null, n.before?.verdict ?? null, n.after?.verdict ?? null]);

describe("the change report after China's traded-volume share crosses 2%", () => {
  let data: string;
  let out: string;
  beforeAll(async () => {
    data = await dataBeforeImport(dir, 'share-data');
    out = join(dir, 'share-out');
  });

  it('says the first build of a folder has nothing to compare with', async () => {
    const r = cli('build', '--data', data, '--out', out, '--format', 'html');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('en: first build of this folder: nothing to compare with');
    const en = await report(out, 'en');
    expect(en).toMatchObject({ lang: 'en', before: null, changed: false, sentences: [], numbers: [], charts: [], sections: [], figures: [] });
    expect(await readFile(join(out, 'en', 'changes.html'), 'utf8')).toContain('This is the first build of this folder');
    expect(await readFile(join(out, 'zh-CN', 'changes.html'), 'utf8')).toContain('这是该文件夹的第一次生成');
  }, 180_000);

  it('lists exactly the flipped sentence (first), the numbers, the other sentences and the chart that changed', async () => {
    // China's cumulative volume over the window, 230 Mt → 260 Mt: 2.08% of the EU's 12.5 Gt.
    const facts = join(data, 'facts.csv');
    const text = await readFile(facts, 'utf8');
    const edited = text.replace(/^(cn-cumulative-volume,cn-ets,,traded-volume,2021-07-16,2022-12-31,)230000000,/m, '$1260000000,');
    expect(edited).not.toBe(text);
    await writeFile(facts, edited);
    const r = cli('build', '--data', data, '--out', out, '--format', 'html');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /en: changes since the earlier build[^\n]*\n {2}FLIPPED compared\.volume \(compared\.volumeBelow → compared\.volumeAbove\): "[^"]*no longer under the 2%/,
    );

    const en = await report(out, 'en');
    expect(en.changed).toBe(true);
    expect(en.sentences.map((s) => [s.slot, s.change])).toEqual([
      ['compared.volume', 'flipped'],
      ['keyFigures.turnoverNote', 'restated'],
      ['compared.implied', 'restated'],
      ['compared.turnover', 'restated'],
      ['notes.reconciliationIntro', 'restated'],
    ]);
    expect(en.sentences[0]!.flips).toEqual([{ before: 'compared.volumeBelow', after: 'compared.volumeAbove' }]);
    expect(en.sentences[0]!.before!.text).toContain('in line with the paper\'s "under 2%"');
    expect(en.sentences[0]!.after!.text).toContain('it traded 260 Mt');
    expect(numbers(en)).toEqual([
      ['keyFigures.volumeShare', 'changed', 'about 2%', 'about 2%', 'agrees', 'disagrees'],
      ['keyFigures.impliedPrice', 'changed', 'CNY 46/t', 'CNY 40/t', null, null],
      ['keyFigures.turnover.subject', 'changed', 'about 0.03', 'about 0.04', null, null],
      ['compared.volume.subject', 'changed', '230 Mt', '260 Mt', null, null],
      ['compared.volume.ratio', 'changed', 'about 2%', 'about 2%', 'agrees', 'disagrees'],
      ['compared.implied', 'changed', 'CNY 46/t', 'CNY 40/t', null, null],
      ['compared.turnover.subject', 'changed', 'about 3%', 'about 4%', null, null],
      ['notes.count.agrees', 'changed', '45', '44', null, null],
      ['notes.count.disagrees', 'changed', '6', '7', null, null],
      // The paper's "under 2%" now disagrees, so the data notes list it.
      ['facts/cn-volume-share.where', 'added', null, '§7', null, null],
      ['facts/cn-volume-share.claim', 'added', null, '不到欧洲的 2%', null, 'disagrees'],
      ['facts/cn-volume-share.recomputed', 'added', null, 'about 2%', null, 'disagrees'],
    ]);
    const ratio = en.numbers.find((n) => n.id === 'compared.volume.ratio')!;
    expect([ratio.before!.value, ratio.after!.value]).toEqual([1.84, 2.08].map((x) => expect.closeTo(x, 10)));
    expect(ratio.rows).toEqual([{ dataset: 'facts', rows: ['cn-cumulative-volume', 'eu-window-volume'] }]);
    expect(en.charts).toEqual([
      {
        chart: 'volume-comparison',
        change: 'changed',
        rowCount: { before: 4, after: 4 },
        columns: null,
        rows: {
          added: [],
          removed: [],
          changed: [
            {
              key: ["China's national ETS", 'Traded volume'],
              before: ["China's national ETS", 'Traded volume', '157.3'],
              after: ["China's national ETS", 'Traded volume', '177.8'],
            },
          ],
        },
      },
    ]);
    expect([en.sections, en.figures, en.unused]).toEqual([[], [], []]);

    // The same places in Chinese, with the flip first.
    const zh = await report(out, 'zh-CN');
    expect(zh.sentences.map((s) => [s.slot, s.change])).toEqual(en.sentences.map((s) => [s.slot, s.change]));
    expect(zh.numbers.map((n) => n.id)).toEqual(en.numbers.map((n) => n.id));
    expect(zh.sentences[0]!.after!.text).toContain('已不再低于文献所称的2%');

    // The page puts the flip under its own heading, before the numbers.
    const html = await readFile(join(out, 'en', 'changes.html'), 'utf8');
    const flipAt = html.indexOf('no longer under the 2%');
    expect(html.indexOf('Sentences that now say the opposite')).toBeLessThan(flipAt);
    expect(flipAt).toBeLessThan(html.indexOf('<h2>Numbers</h2>'));
    expect(html).not.toMatch(/<script|https?:\/\//);
  }, 180_000);

  it('rebuilt with nothing changed, rewrites no file, says so, and keeps describing the last change', async () => {
    const marker = JSON.parse(await readFile(join(out, '.ets-brief-output'), 'utf8')) as { files: Record<string, string[]> };
    expect(marker.files.en).toEqual(expect.arrayContaining(['changes.html', 'changes.json']));
    const before = await readFile(join(out, 'en', 'changes.json'));
    const time = (await stat(join(out, 'en', 'changes.html'))).mtimeMs;
    // --no-cache runs the whole pipeline (the "up to date" shortcut would stop before the report).
    const r = cli('build', '--data', data, '--out', out, '--format', 'html', '--no-cache', '--json');
    expect(r.status, r.stderr).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.filter((e) => e.event === 'changes')).toEqual([
      expect.objectContaining({ lang: 'zh-CN', changed: false, kept: true, flipped: [] }),
      expect.objectContaining({ lang: 'en', changed: false, kept: true, flipped: [], report: join(out, 'en', 'changes.html') }),
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'done', updated: [] });
    expect((await readFile(join(out, 'en', 'changes.json'))).equals(before)).toBe(true);
    expect((await stat(join(out, 'en', 'changes.html'))).mtimeMs).toBe(time);
    expect((await report(out, 'en')).sentences[0]!.change).toBe('flipped');
  }, 180_000);

  it('`diff` prints the same summary between two folders, and writes the report outside them', async () => {
    const first = join(dir, 'first-out');
    // The same data as the first build above, before the edit.
    expect(cli('build', '--data', await dataBeforeImport(dir, 'first-data'), '--out', first, '--format', 'html', '--lang', 'en', '--quiet').status).toBe(0);
    const r = cli('diff', first, out, '--report', join(dir, 'review'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^en: changes since the earlier build[^\n]*\n {2}FLIPPED compared\.volume/);
    expect((await report(join(dir, 'review'), 'en')).numbers).toEqual((await report(out, 'en')).numbers);
    const json = cli('diff', join(first, 'en'), join(out, 'en'), '--json');
    expect((JSON.parse(json.stdout) as { reports: ChangeReport[] }).reports.map((x) => x.sentences[0]!.slot)).toEqual(['compared.volume']);
    // Two folders of different kinds, or a report into an output folder, are refused.
    expect(cli('diff', first, join(out, 'en')).status).toBe(2);
    expect(cli('diff', first, out, '--report', join(out, 'review')).status).toBe(4);
  }, 180_000);
});

describe('the change report after an import', () => {
  it('lists the new chart, the figures renumbered after it, and the numbers and sentences the daily rows change', async () => {
    const data = await dataBeforeImport(dir, 'import-data');
    const out = join(dir, 'import-out');
    const build = () => buildBrief({ dataDir: data, outDir: out, langs: ['en'], formats: ['html', 'sections'] });
    await build();
    const fixture = fileURLToPath(new URL('../data/import/fixtures/wind-cea-national-sample.csv', import.meta.url));
    await importFiles([fixture], { dataDir: data, version: '0.0.0-test', today: '2026-11-24' });
    const result = await build();
    const en = result.changes[0]!.report;
    expect(await report(out, 'en')).toEqual({ generator: 'ets-brief', ...JSON.parse(JSON.stringify(en)) });
    // Figure 7 is now China's daily prices; the two after it move up one.
    expect(en.figures.map((f) => [f.chart, f.change, f.before?.number ?? null, f.after?.number ?? null])).toEqual([
      ['cn-daily', 'added', null, 'Figure 7'],
      ['price-comparison', 'renumbered', 'Figure 7', 'Figure 8'],
      ['volume-comparison', 'renumbered', 'Figure 8', 'Figure 9'],
    ]);
    expect(en.charts).toEqual([
      {
        chart: 'cn-daily',
        change: 'added',
        rowCount: { before: null, after: 2 },
        columns: null,
        rows: {
          added: [
            ["China's national ETS", '2021-07-16', '49.5'],
            ["China's national ETS", '2021-07-19', '50.1'],
          ],
          removed: [],
          changed: [],
        },
      },
    ]);
    // No sentence flips: two days of prices inside the stated band keep it "inside".
    expect(en.sentences.map((s) => [s.slot, s.change])).toEqual([
      ['compared.implied', 'restated'],
      ['notes.reconciliationIntro', 'restated'],
      ['brief.reach.cn-ets.prices.daily', 'added'],
      ['brief.reach.cn-ets.volumes.daily', 'added'],
      ['compared.observed', 'added'],
    ]);
    expect(numbers(en)).toEqual([
      ['keyFigures.impliedPrice', 'changed', 'CNY 46/t', 'CNY 49.8/t', null, null],
      ['compared.observed.low', 'added', null, 'CNY 49.5/t', null, null],
      ['compared.observed.high', 'added', null, 'CNY 50.1/t', null, null],
      ['compared.implied', 'changed', 'CNY 46/t', 'CNY 49.8/t', null, null],
      ['notes.count.total', 'changed', '62', '67', null, null],
      ['notes.count.agrees', 'changed', '45', '46', null, null],
      ['notes.count.disagrees', 'changed', '6', '10', null, null],
      // Two days recomputed against the paper's 356-day window: each disagrees, and the notes say so.
      ...['cn-trading-days', 'cn-cumulative-volume', 'cn-cumulative-turnover', 'cn-price-band-high'].flatMap((id) => [
        [`facts/${id}/daily.where`, 'added', null, '§7', null, null],
        [`facts/${id}/daily.claim`, 'added', null, expect.any(String), null, 'disagrees'],
        [`facts/${id}/daily.recomputed`, 'added', null, expect.any(String), null, 'disagrees'],
      ]),
    ]);
    expect(en.numbers.find((n) => n.id === 'facts/cn-cumulative-volume/daily.recomputed')!.after!.text).toBe('350,000 t');
    // Its rows are cited (by the new chart and numbers), and the chart left empty before is drawn.
    expect([en.sections, en.unused]).toEqual([[], []]);
    // cn-daily is drawn now; what stays empty is what only other publishers' files would fill.
    expect(en.emptyCharts.map((c) => c.chart)).toEqual(['eua-series', 'auction-years', 'emissions-gdp', 'company-surplus']);
  }, 180_000);

  it('lists imported rows that nothing in the brief uses, as new, and nothing else', async () => {
    const data = await dataBeforeImport(dir, 'unused-data');
    const out = join(dir, 'unused-out');
    const build = () => buildBrief({ dataDir: data, outDir: out, langs: ['en'], formats: ['html'] });
    await build();
    const fixture = fileURLToPath(new URL('../data/import/fixtures/sector-package/datapackage.json', import.meta.url));
    const [imported] = await importFiles([fixture], { dataDir: data, version: '0.0.0-test', today: '2026-11-24' });
    const en = (await build()).changes[0]!.report;
    expect(en.changed).toBe(true);
    expect(en.unused).toEqual([{ dataset: 'sector-emissions', source: imported!.source, rows: 3, first: '2020', last: '2021', new: true }]);
    expect([en.sentences, en.numbers, en.charts, en.sections, en.figures]).toEqual([[], [], [], [], []]);
    expect(await readFile(join(out, 'en', 'changes.html'), 'utf8')).toContain(`<code>${imported!.source}</code>`);
  }, 180_000);
});
