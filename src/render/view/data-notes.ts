import { annualVolumes } from '../../metrics/annual-volumes.js';
import { auctionFigures } from '../../metrics/auction-figures.js';
import { everySeriesMonths } from '../../metrics/daily.js';
import type { Because, Finding, Precision } from '../../metrics/index.js';
import { phasesWithoutPrices } from '../../metrics/phase-gaps.js';
import { currencyName, fill, formatByUnit, type Lang } from '../format.js';
import { localRef } from './power-compared.js';
import { ruleWords } from './rules.js';
import type { BriefView, Paragraph } from './types.js';
import type { Writer } from './writer.js';

/**
 * The data notes: the count of the source's numbers by verdict, the table of those that do not
 * simply agree (with the recomputed value and the reason), and what data/ cannot show yet.
 */

/** Which of the paper's series data/ cannot draw yet (the charts that would show them). */
export interface MissingSeries {
  readonly gdp: boolean;
  readonly company: boolean;
}

/** Years as ranges of consecutive years: 2007–2008, 2012–2021 (2007–2008年、2012–2021年). */
function yearRanges(years: readonly number[], lang: Lang): string {
  const ranges: string[] = [];
  for (let i = 0; i < years.length; i++) {
    const start = years[i]!;
    while (i + 1 < years.length && years[i + 1] === years[i]! + 1) i++;
    const range = start === years[i] ? String(start) : `${start}–${years[i]}`;
    ranges.push(lang === 'zh-CN' ? `${range}年` : range);
  }
  return ranges.join(lang === 'zh-CN' ? '、' : ', ');
}

export function dataNotesView(w: Writer, missingSeries: MissingSeries): BriefView['notes'] {
  const { data, metrics, lang, t, ledger } = w;
  const { reference } = metrics.comparison;
  const { rulePeriods } = ruleWords(w);
  const findings = metrics.reconciliation.findings;
  const shownFindings: Finding[] = findings.filter((f) => f.verdict !== 'agrees');
  const count = (id: string, n: number) => ledger.add({ id, text: String(n), kind: 'number', value: n, unit: 'count', rows: [], sources: [] });
  const countOf = (verdict: string) => count(`notes.count.${verdict}`, findings.filter((f) => f.verdict === verdict).length);

  /** Any recomputed number in its unit, written the way a reader of `lang` expects. */
  const byUnit = (value: number, unit: string, precision?: Precision): string => {
    // An approximate recomputation is written as such ("about 0.5%").
    if (precision?.approx)
      return w.written(value, precision, unit === '%' || unit === '%/yr' ? 'percent' : 'number', unit, 2) + (unit === '%/yr' ? t('units.perYear') : '');
    return formatByUnit(value, unit, lang);
  };
  const publishers = (ids: readonly string[]) => ids.map((x) => data.sources.find((y) => y.id === x)?.publisher ?? x).join(t('notes.gapSeparator'));

  /** A verdict's reason in the brief's language. */
  const because = (b: Because, id: string): string => {
    const { year, scope, date } = w;
    switch (b.kind) {
      case 'scope':
        return fill(
          t('verdicts.because.scope'),
          { firstYear: year(b.firstYear), firstScope: scope(b.firstScope), lastYear: year(b.lastYear), lastScope: scope(b.lastScope) },
          'verdicts.because.scope',
        );
      case 'shorter':
        return fill(
          t('verdicts.because.shorter'),
          { from: year(b.from), to: year(b.to), claimFrom: year(b.claimFrom), claimTo: year(b.claimTo) },
          'verdicts.because.shorter',
        );
      case 'partial':
        return fill(t('verdicts.because.partial'), { first: date(b.first), last: date(b.last) }, 'verdicts.because.partial');
      case 'rule':
        return fill(t('verdicts.because.rule'), { periods: rulePeriods(id.split('/')[2] ?? '', b.changes, `${id}.because`) }, 'verdicts.because.rule');
      case 'unitLabel':
        return fill(
          t('verdicts.because.unitLabel'),
          { unit: currencyName(b.unit, lang), printedUnit: currencyName(b.printedUnit, lang), sources: publishers(b.sources) },
          'verdicts.because.unitLabel',
        );
      case 'recorded':
        return fill(t('verdicts.because.recorded'), { sources: publishers(b.sources) }, 'verdicts.because.recorded');
      case 'missing':
        return t('verdicts.because.missing');
      case 'platforms':
        return t('verdicts.because.platforms');
      case 'recomputed':
        return b.scope
          ? fill(t('verdicts.because.recomputedScope'), { scope: scope(b.scope) }, 'verdicts.because.recomputedScope')
          : t('verdicts.because.recomputed');
      case 'holders':
        return t('verdicts.because.holders');
      case 'unstated':
        return fill(t('verdicts.because.unstated'), { scope: b.scope ? scope(b.scope) : t('verdicts.because.dataScope') }, 'verdicts.because.unstated');
    }
  };

  /** What the brief cannot show yet, from the data: rough or absent annual volumes, missing series. */
  const dataGaps = (): Paragraph | null => {
    const market = w.marketName(reference);
    const volumesByYear = annualVolumes(data, reference);
    const years = [...new Set(volumesByYear.map((x) => x.year))];
    const rough = years.filter((y) => !volumesByYear.some((x) => x.year === y && x.qualifier === 'exact'));
    const absent = years.length > 0 ? Array.from({ length: years.at(-1)! - years[0]! + 1 }, (_, i) => years[0]! + i).filter((y) => !years.includes(y)) : [];
    const items: string[] = [];
    const ranges = (ys: number[]) => ledger.label(`years:${ys.join(',')}`, yearRanges(ys, lang));
    if (rough.length > 0) items.push(fill(t('notes.gapRoughVolumes'), { market, years: ranges(rough) }, 'notes.gapRoughVolumes'));
    if (absent.length > 0) items.push(fill(t('notes.gapAbsentVolumes'), { market, years: ranges(absent) }, 'notes.gapAbsentVolumes'));
    // Phases no price series reaches (Phase 1 in the real files), and market volumes no series carries.
    const priceSeries = everySeriesMonths(data, reference);
    if (priceSeries.length > 0) {
      const phasesMissing = phasesWithoutPrices(data, reference, priceSeries);
      if (phasesMissing.length > 0) {
        const phases = phasesMissing
          .map((p) =>
            fill(
              t('notes.gapPhase'),
              { phase: fill(t('phases.label'), { phase: w.ordinal(p.phase) }, 'phases.label'), years: w.span(p.start_year, p.end_year) },
              'notes.gapPhase',
            ),
          )
          .join(t('notes.gapSeparator'));
        items.push(fill(t('notes.gapPhasePrices'), { market, phases }, 'notes.gapPhasePrices'));
      }
      if (!priceSeries.some((x) => x.months.some((m) => m.volume !== null)))
        items.push(fill(t('notes.gapSeriesVolumes'), { market }, 'notes.gapSeriesVolumes'));
    }
    // Series of the paper's figures that data/ cannot draw yet (the charts that would show them).
    const missing = {
      ...missingSeries,
      // Per-auction rows after an import, else the shipped yearly aggregates (as Figure 5 draws).
      auctionPrice: !auctionFigures(data, reference).some((y) => y.price !== null),
    };
    for (const [key, absentSeries] of Object.entries(missing)) {
      // Names of the paper's figures ("Figure 7") are labels, not quantities.
      if (absentSeries) items.push(ledger.label(`notes.gapSeries.${key}`, t(`notes.gapSeries.${key}`)));
    }
    return items.length > 0 ? { text: w.sentence('notes.gaps', { items: items.join(t('notes.gapSeparator')) }), cites: [] } : null;
  };

  const intro = {
    text: w.sentence('notes.reconciliationIntro', {
      total: count('notes.count.total', findings.length),
      agrees: countOf('agrees'),
      disagrees: countOf('disagrees'),
      notComparable: countOf('not-comparable'),
      superseded: countOf('superseded'),
      cannotRecompute: countOf('cannot-recompute'),
    }),
    cites: [],
  };
  const recorded = (f: Finding, id: string, text: string, value: number | null, precision?: Precision) =>
    ledger.add({
      id,
      text,
      kind: 'number',
      value,
      unit: f.unit,
      ...(precision ? { precision } : {}),
      method: f.method,
      rows: f.inputs ?? [],
      sources: f.sources ?? [],
      verdict: f.verdict,
      reason: f.reason,
    });
  const table = {
    caption: t('notes.reconciliation'),
    columns: ['where', 'claim', 'recomputed', 'verdict', 'why'].map((c) => t(`notes.columns.${c}`)),
    rows: shownFindings.map((f) => [
      ledger.text(`${f.id}.where`, localRef(f.ref, lang), [], []),
      ledger.add({
        id: `${f.id}.claim`,
        text: f.claim,
        kind: 'number',
        value: f.printed,
        unit: f.unit,
        method: 'as printed in the paper',
        rows: [{ dataset: f.dataset, rows: [f.id] }],
        sources: ['paper'],
        verdict: f.verdict,
        reason: f.reason,
      }),
      f.recomputed === null
        ? '—'
        : // A superseded rule: every value in force since, not only the last.
          f.because?.kind === 'rule'
          ? [...new Set(f.because.changes.map((c) => c.value))]
              .map((v, i) => recorded(f, `${f.id}.recomputed.${i}`, byUnit(v, f.unit), v))
              .join(t('rules.periodSeparator'))
          : recorded(f, `${f.id}.recomputed`, byUnit(f.recomputed, f.unit, f.precision), f.recomputed, f.precision),
      t(`verdicts.${f.verdict}`),
      f.because ? because(f.because, f.id) : '',
    ]),
    flagged: shownFindings.map((f) => f.verdict === 'disagrees'),
    cites: [],
  };
  return { intro, findings: table, gaps: dataGaps() };
}
