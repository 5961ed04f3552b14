import { describe, expect, it } from 'vitest';
import { compareBriefs } from '../../src/changes/compare.js';
import { parseSnapshot, type BriefSnapshot } from '../../src/changes/snapshot.js';
import { diffRows } from '../../src/changes/table-diff.js';
import type { LedgerDocument, LedgerEntry, StatedSentence } from '../../src/render/ledger.js';

// Small hand-made ledgers: each test changes one thing and checks the report lists that alone.

const ratio = (value: number, text: string, verdict: LedgerEntry['verdict'] = 'agrees'): LedgerEntry => ({
  id: 'compared.volume.ratio',
  text,
  kind: 'number',
  value,
  unit: '%',
  verdict,
  rows: [{ dataset: 'facts', rows: ['cn-cumulative-volume', 'eu-window-volume'] }],
  sources: ['paper'],
});
const volumeSentence = (key: string, text: string): StatedSentence => ({ slot: 'compared.volume', key, text, comparisons: [key] });
const power = (words: string[], text: string): StatedSentence => ({ slot: 'results.power', key: 'results.power', text, comparisons: words });

function snapshot(parts: Partial<LedgerDocument> = {}, charts: Record<string, string> = {}): BriefSnapshot {
  const ledger: LedgerDocument = {
    generator: 'ets-brief',
    lang: 'en',
    asOf: '2022-12-31',
    reach: [],
    numbers: [ratio(1.84, 'about 2%'), { id: 'year:2022', text: '2022', kind: 'label', rows: [], sources: [] }],
    sentences: [
      volumeSentence('compared.volumeBelow', 'It traded about 2% of the EU volume, under 2%.'),
      power(['words.fellBy', 'words.roseBy'], 'Coal fell by 35%; wind rose by 80%.'),
    ],
    sections: [
      { id: 'key-figures', title: 'Key figures' },
      { id: 'results', title: 'Results' },
      { id: 'compared', title: 'China compared' },
    ],
    figures: [
      { chart: 'emissions', section: 'results', number: 'Figure 1', title: 'Emissions' },
      { chart: 'cn-daily', section: 'compared', number: null, title: null },
      { chart: 'volume-comparison', section: 'compared', number: 'Figure 2', title: 'Volumes' },
    ],
    unused: [],
    ...parts,
  };
  return parseSnapshot(JSON.stringify(ledger), {
    'emissions.csv': '\ufeffYear,Mt\r\n2019,1530\r\n2020,1355\r\n',
    'volume-comparison.csv': '\ufeffMarket,Measure,Mt a year\r\nEU ETS,Traded volume,8549.9\r\nChina,Traded volume,157.3\r\n',
    ...charts,
  });
}

describe('compareBriefs', () => {
  it('says a first build has nothing to compare with, and still lists charts left empty', () => {
    const report = compareBriefs(null, snapshot());
    expect(report.before).toBeNull();
    expect(report.changed).toBe(false);
    expect([report.sentences, report.numbers, report.charts, report.figures, report.sections].flat()).toEqual([]);
    expect(report.emptyCharts).toEqual([{ chart: 'cn-daily', section: 'compared', why: 'no-data' }]);
  });

  it('finds nothing in two identical builds', () => {
    const report = compareBriefs(snapshot(), snapshot());
    expect(report.changed).toBe(false);
    expect([report.sentences, report.numbers, report.charts, report.figures, report.sections].flat()).toEqual([]);
  });

  it('lists a flipped comparison first, before a sentence that only restates numbers', () => {
    const after = snapshot({
      numbers: [ratio(2.1, 'about 2.1%', 'disagrees')],
      sentences: [
        volumeSentence('compared.volumeAbove', 'It traded about 2.1% of the EU volume, no longer under 2%.'),
        power(['words.fellBy', 'words.roseBy'], 'Coal fell by 36%; wind rose by 80%.'),
      ],
    });
    const report = compareBriefs(snapshot(), after);
    expect(report.changed).toBe(true);
    expect(report.sentences.map((s) => [s.slot, s.change])).toEqual([
      ['compared.volume', 'flipped'],
      ['results.power', 'restated'],
    ]);
    expect(report.sentences[0]!.flips).toEqual([{ before: 'compared.volumeBelow', after: 'compared.volumeAbove' }]);
    expect(report.sentences[0]!.before!.text).toContain('under 2%');
    // The number with before, after and its rows; the label (a year) is not a number that changed.
    expect(report.numbers).toEqual([
      {
        id: 'compared.volume.ratio',
        change: 'changed',
        rows: [{ dataset: 'facts', rows: ['cn-cumulative-volume', 'eu-window-volume'] }],
        before: { text: 'about 2%', value: 1.84, unit: '%', verdict: 'agrees' },
        after: { text: 'about 2.1%', value: 2.1, unit: '%', verdict: 'disagrees' },
      },
    ]);
  });

  it('flags a "rose" that became "fell" as a flip, and a comparison that disappears as rewording', () => {
    const flipped = compareBriefs(
      snapshot(),
      snapshot({
        sentences: [
          volumeSentence('compared.volumeBelow', 'It traded about 2% of the EU volume, under 2%.'),
          power(['words.fellBy', 'words.fellBy'], 'Coal fell by 35%; wind fell by 3%.'),
        ],
      }),
    );
    expect(flipped.sentences.map((s) => [s.slot, s.change, s.flips])).toEqual([
      ['results.power', 'flipped', [{ before: 'words.roseBy', after: 'words.fellBy' }]],
    ]);
    const fewer = compareBriefs(
      snapshot(),
      snapshot({
        sentences: [volumeSentence('compared.volumeBelow', 'It traded about 2% of the EU volume, under 2%.'), power(['words.fellBy'], 'Coal fell by 35%.')],
      }),
    );
    expect(fewer.sentences.map((s) => [s.slot, s.change])).toEqual([['results.power', 'reworded']]);
  });

  it('lists sentences added and removed by their place', () => {
    const after = snapshot({
      sentences: [
        power(['words.fellBy', 'words.roseBy'], 'Coal fell by 35%; wind rose by 80%.'),
        { slot: 'compared.latest', key: 'compared.latest', text: 'To 2023…', comparisons: [] },
      ],
    });
    expect(compareBriefs(snapshot(), after).sentences.map((s) => [s.slot, s.change])).toEqual([
      ['compared.latest', 'added'],
      ['compared.volume', 'removed'],
    ]);
  });

  it('keeps one entry for a number stated twice the same way, and tells two different ones apart', () => {
    const twice = snapshot({ numbers: [ratio(1.84, 'about 2%'), ratio(1.84, 'about 2%')] });
    expect(compareBriefs(snapshot(), twice).numbers).toEqual([]);
    const two = snapshot({ numbers: [ratio(1.84, 'about 2%'), ratio(1.84, '1.84%')] });
    expect(compareBriefs(snapshot(), two).numbers.map((n) => [n.id, n.change, n.after?.text])).toEqual([['compared.volume.ratio#2', 'added', '1.84%']]);
  });

  it('lists the chart rows that changed, were added or removed, matched by their key columns', () => {
    const after = snapshot({}, { 'emissions.csv': '\ufeffYear,Mt\r\n2020,1360\r\n2021,1330\r\n' });
    const report = compareBriefs(snapshot(), after);
    expect(report.charts).toEqual([
      {
        chart: 'emissions',
        change: 'changed',
        rowCount: { before: 2, after: 2 },
        columns: null,
        rows: { added: [['2021', '1330']], removed: [['2019', '1530']], changed: [{ key: ['2020'], before: ['2020', '1355'], after: ['2020', '1360'] }] },
      },
    ]);
    expect(report.numbers).toEqual([]);
  });

  it('reports figures renumbered, added and removed, and charts left empty', () => {
    const after = snapshot(
      {
        figures: [
          { chart: 'emissions', section: 'results', number: 'Figure 1', title: 'Emissions' },
          { chart: 'cn-daily', section: 'compared', number: 'Figure 2', title: 'China daily' },
          { chart: 'volume-comparison', section: 'compared', number: 'Figure 3', title: 'Volumes' },
        ],
      },
      { 'cn-daily.csv': '\ufeffMarket,Date,Close\r\n' },
    );
    const report = compareBriefs(snapshot(), after);
    expect(report.figures.map((f) => [f.chart, f.change, f.before?.number ?? null, f.after?.number ?? null])).toEqual([
      ['cn-daily', 'added', null, 'Figure 2'],
      ['volume-comparison', 'renumbered', 'Figure 2', 'Figure 3'],
    ]);
    expect(report.charts.map((c) => [c.chart, c.change, c.rowCount])).toEqual([['cn-daily', 'added', { before: null, after: 0 }]]);
    expect(report.emptyCharts).toEqual([{ chart: 'cn-daily', section: 'compared', why: 'no-rows' }]);
  });

  it('reports sections added, removed, moved and retitled, not those merely shifted', () => {
    const after = snapshot({
      sections: [
        { id: 'global', title: 'Worldwide' },
        { id: 'compared', title: 'China compared' },
        { id: 'results', title: 'Outcomes' },
      ],
    });
    expect(compareBriefs(snapshot(), after).sections.map((s) => [s.id, s.change, s.before?.position ?? null, s.after?.position ?? null])).toEqual([
      ['global', 'added', null, 1],
      ['compared', 'moved', 3, 2],
      ['results', 'moved', 2, 3],
      ['key-figures', 'removed', 1, null],
    ]);
    const retitled = snapshot({
      sections: [
        { id: 'results', title: 'Outcomes' },
        { id: 'compared', title: 'China compared' },
      ],
    });
    expect(compareBriefs(snapshot(), retitled).sections.map((s) => [s.id, s.change])).toEqual([
      ['results', 'retitled'],
      ['key-figures', 'removed'],
    ]);
  });

  it('marks data left unused that the earlier build used (or did not have) as new', () => {
    const before = snapshot({ unused: [{ dataset: 'sector-emissions', source: 'datahub-1', rows: 3, first: '2020', last: '2021' }] });
    const after = snapshot({
      unused: [
        { dataset: 'sector-emissions', source: 'datahub-1', rows: 3, first: '2020', last: '2021' },
        { dataset: 'market-daily', source: 'ets-watch-eua-futures-1a2b3c4d', rows: 3, first: '2021-01-04', last: '2021-01-06' },
      ],
    });
    const report = compareBriefs(before, after);
    expect(report.unused.map((u) => [u.source, u.new])).toEqual([
      ['datahub-1', false],
      ['ets-watch-eua-futures-1a2b3c4d', true],
    ]);
    expect(report.changed).toBe(true);
  });

  it('does not compare what an older build did not record, and says so', () => {
    const old = parseSnapshot(JSON.stringify({ generator: 'ets-brief', lang: 'en', asOf: '2022-12-31', reach: [], numbers: [ratio(1.84, 'about 2%')] }), {});
    const report = compareBriefs(old, snapshot());
    expect(report.notCompared).toEqual(['sentences', 'outline', 'unused']);
    expect(report.sentences).toEqual([]);
    expect(report.figures).toEqual([]);
    expect(report.charts.map((c) => [c.chart, c.change])).toEqual([
      ['emissions', 'added'],
      ['volume-comparison', 'added'],
    ]);
  });
});

describe('diffRows', () => {
  it('keys rows by the fewest leading columns that tell them apart', () => {
    const before = {
      columns: ['Source', 'Year', 'Share'],
      rows: [
        ['Coal', '2010', '23.35'],
        ['Coal', '2022', '15.18'],
        ['Wind', '2010', '5'],
      ],
    };
    const after = {
      columns: ['Source', 'Year', 'Share'],
      rows: [
        ['Coal', '2010', '23.35'],
        ['Coal', '2022', '15.2'],
        ['Wind', '2010', '5'],
      ],
    };
    expect(diffRows(before, after)).toEqual({
      added: [],
      removed: [],
      changed: [{ key: ['Coal', '2022'], before: ['Coal', '2022', '15.18'], after: ['Coal', '2022', '15.2'] }],
    });
  });

  it('compares rows as wholes when no columns tell them apart or the width changed', () => {
    const before = {
      columns: ['A', 'B'],
      rows: [
        ['x', '1'],
        ['x', '1'],
        ['y', '2'],
      ],
    };
    const after = {
      columns: ['A', 'B'],
      rows: [
        ['x', '1'],
        ['y', '3'],
      ],
    };
    expect(diffRows(before, after)).toEqual({
      added: [['y', '3']],
      removed: [
        ['x', '1'],
        ['y', '2'],
      ],
      changed: [],
    });
    expect(diffRows({ columns: ['A'], rows: [['x']] }, { columns: ['A', 'B'], rows: [['x', '1']] })).toEqual({
      added: [['x', '1']],
      removed: [['x']],
      changed: [],
    });
  });
});
