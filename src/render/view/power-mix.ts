import type { Metric } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { fill, formatNumber, formatPercent } from '../format.js';
import type { Paragraph, TableView } from './types.js';
import type { Writer } from './writer.js';

/**
 * The power mix (the paper's Table 1): the change of the sources the brief highlights in words
 * (brief.json's powerMix.highlight), the table as printed with each cell checked, and which
 * region its totals match.
 */

type PowerMix = NonNullable<Writer['metrics']['powerMix'][string]>;

/**
 * "In {region}, between {from} and {to}, coal-fired generation fell by 35.8%, its share moving from
 * 23.35% to 15.18%; wind generation … and solar …": one clause per highlighted source, in the
 * brief's order, the first with its share's move in words, the others with it in brackets. A
 * source the table does not list, or whose change it cannot give (none generated in the first
 * year), is left out; none left, no sentence.
 */
function powerSentence(w: Writer, mix: PowerMix, mixRows: readonly Writer['data']['power-generation'][number][]): Paragraph | null {
  const { lang, t, ledger } = w;
  const listed = (w.powerHighlight ?? [])
    .flatMap((type) => mix.sources.filter((x) => x.sourceType === type))
    .filter((x) => [x.growth, x.shareFrom, x.shareTo].every((m) => m.value !== null));
  if (listed.length === 0) return null;
  const pct = (id: string, m: Metric, d: number) => ledger.metric(id, m, formatPercent(m.value!, lang, d));
  // Growth to no more decimals than the table prints it ("890", "255.5"), one where it prints none.
  const growthDecimals = (type: string) => {
    const printed = mixRows.find((r) => r.year === mix.years.to && r.source_type === type)?.paper_growth_pct;
    return printed == null ? 1 : Math.min(1, (String(printed).split('.')[1] ?? '').length);
  };
  const lead = { region: w.regionName(mix.region), from: w.year(mix.years.from), to: w.year(mix.years.to) };
  const clauses = listed.map((x, i) => {
    const key = i === 0 ? 'results.powerFirst' : 'results.powerNext';
    const values = {
      source: t(`results.powerSource.${x.sourceType}`),
      change: w.moved(`results.power.${x.sourceType}`, x.growth, growthDecimals(x.sourceType)),
      shareFrom: pct(`results.power.${x.sourceType}From`, x.shareFrom, 2),
      shareTo: pct(`results.power.${x.sourceType}To`, x.shareTo, 2),
    };
    return w.phrase(key, values);
  });
  const [first, ...rest] = clauses;
  const others = rest.length <= 1 ? rest.join('') : `${rest.slice(0, -1).join(t('results.powerJoin'))}${t('results.powerJoinLast')}${rest.at(-1)}`;
  return w.para(
    'results.power',
    {
      ...lead,
      sources: rest.length === 0 ? first! : `${first}${t('results.powerSeparator')}${others}`,
    },
    sourcesOf(mixRows),
  );
}

export function powerMixView(w: Writer) {
  const { data, metrics, lang, t, ledger } = w;
  const mix = Object.values(metrics.powerMix)[0];
  let power: Paragraph | null = null;
  let powerTable: TableView | null = null;
  let powerRegion: Paragraph | null = null;
  if (!mix) return { mix, power, powerTable, powerRegion };
  const mixRows = data['power-generation'].filter((r) => r.region === mix.region);
  power = powerSentence(w, mix, mixRows);
  // 'total' is the source_type of power-generation.csv that sums a year: data vocabulary.
  const findingsFor = (type: string) => metrics.reconciliation.findings.filter((f) => f.id.startsWith(`power-generation/${mix.region}/${type}/`));
  const printedRow = (y: number, type: string) => mixRows.find((r) => r.year === y && r.source_type === type);
  const cell = (id: string, text: string, value: number, row: (typeof mixRows)[number] | undefined, unit = 'GWh') =>
    w.fromRow(id, text, value, unit, 'power-generation', row ? `${row.region}/${row.year}/${row.source_type}` : mix.region, row ? sourcesOf([row]) : []);
  powerTable = {
    caption: fill(
      t('results.tableCaption'),
      { region: w.regionName(mix.region), from: w.year(mix.years.from), to: w.year(mix.years.to) },
      'results.tableCaption',
    ),
    columns: [
      t('results.columns.source'),
      `${w.year(mix.years.from)} GWh`,
      `${w.year(mix.years.to)} GWh`,
      `${t('results.columns.growth')} (%)`,
      fill(t('results.columns.share'), { year: w.year(mix.years.from) }, 'results.columns.share'),
      fill(t('results.columns.share'), { year: w.year(mix.years.to) }, 'results.columns.share'),
      t('results.columns.check'),
    ],
    rows: mix.sources.map((x) => {
      const a = printedRow(mix.years.from, x.sourceType);
      const b = printedRow(mix.years.to, x.sourceType);
      const bad = findingsFor(x.sourceType).filter((f) => f.verdict === 'disagrees');
      // The total row adds up only if the listed sources sum to it.
      const gaps = x.sourceType === 'total' ? [mix.unlistedGwh.from, mix.unlistedGwh.to].filter((g) => g.value !== null && g.value !== 0) : [];
      const check =
        bad.length === 0 && gaps.length === 0
          ? '✓'
          : `✗ ${[
              ...bad.map((f, i) =>
                ledger.add({
                  id: `${f.id}.recomputed.${i}`,
                  text: formatNumber(f.recomputed!, lang, 2),
                  kind: 'number',
                  value: f.recomputed,
                  unit: f.unit,
                  method: f.method,
                  rows: f.inputs ?? [],
                  sources: f.sources ?? [],
                  verdict: f.verdict,
                }),
              ),
              ...gaps.map((g, i) =>
                fill(t('results.unlisted'), { gwh: ledger.metric(`results.table1.unlisted.${i}`, g, formatNumber(g.value!, lang)) }, 'results.unlisted'),
              ),
            ].join(' / ')}`;
      const id = `results.table1.${x.sourceType}`;
      return [
        t(`powerSources.${x.sourceType}`),
        cell(`${id}.from`, formatNumber(x.gwh.from, lang), x.gwh.from, a),
        cell(`${id}.to`, formatNumber(x.gwh.to, lang), x.gwh.to, b),
        b?.paper_growth_pct == null ? '' : cell(`${id}.growth`, formatNumber(b.paper_growth_pct, lang, 2), b.paper_growth_pct, b, '%'),
        // Shares as Table 1 prints them: two decimals (0.60, 24.90); the total row prints 100.
        a?.paper_share_pct == null
          ? ''
          : cell(`${id}.shareFrom`, formatNumber(a.paper_share_pct, lang, 2, a.paper_share_pct !== 100), a.paper_share_pct, a, '%'),
        b?.paper_share_pct == null ? '' : cell(`${id}.shareTo`, formatNumber(b.paper_share_pct, lang, 2, b.paper_share_pct !== 100), b.paper_share_pct, b, '%'),
        check,
      ];
    }),
    flagged: mix.sources.map(
      (x) =>
        findingsFor(x.sourceType).some((f) => f.verdict === 'disagrees') ||
        (x.sourceType === 'total' && [mix.unlistedGwh.from, mix.unlistedGwh.to].some((g) => g.value !== null && g.value !== 0)),
    ),
    cites: w.citations.cite(sourcesOf(mixRows)),
  };
  // Which region the table covers: its totals against another region's for the same years.
  for (const [region, totals] of Object.entries(metrics.generationTotals)) {
    if (region === mix.region) continue;
    const y = mix.years.from;
    const ours = metrics.generationTotals[mix.region]?.[y];
    const theirs = totals[y];
    if (ours === undefined || theirs === undefined || ours <= theirs) continue;
    const other = data['power-generation'].find((r) => r.region === region && r.year === y && r.source_type === 'total')!;
    const mine = data['power-generation'].find((r) => r.region === mix.region && r.year === y && r.source_type === 'total')!;
    powerRegion = w.para(
      'results.powerRegion',
      {
        year: w.year(y),
        table: cell('results.table1.totalCompared', formatNumber(ours, lang), ours, mine),
        other: w.regionName(region),
        otherTotal: w.fromRow(
          'results.otherRegionTotal',
          formatNumber(theirs, lang),
          theirs,
          'GWh',
          'power-generation',
          `${region}/${y}/total`,
          sourcesOf([other]),
        ),
      },
      sourcesOf([mine, other]),
    );
    break;
  }
  return { mix, power, powerTable, powerRegion };
}
