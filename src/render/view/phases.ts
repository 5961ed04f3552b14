import { currencyOfUnit } from '../../data/datasets/common.js';
import { ruleHistory, type Metric } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { fill, formatPercent, formatPrice } from '../format.js';
import { ruleWords } from './rules.js';
import type { BriefView, Paragraph, TableView } from './types.js';
import type { Fact, Kind, Writer } from './writer.js';

/**
 * The reference market's phases: the table from phases.csv and policy-rules.csv, each phase's
 * stated price range against the observed one, and the traded volumes the sources state.
 */
export function phasesView(w: Writer): BriefView['phases'] {
  const { data, metrics, lang, t, ledger } = w;
  const { reference } = metrics.comparison;
  const { rules, localIndex } = ruleWords(w);
  const phaseRows = data.phases.filter((p) => p.market === reference).sort((a, b) => a.phase - b.phase);
  // "has grown in phases" only of a market phases.csv gives phases for.
  const intro = phaseRows.length > 0 ? { text: w.sentence('phases.intro', {}), cites: [] } : null;
  /** A rule's values over a phase's years: "1.74%"; "2.2% (2021–2023); 4.3% (2024–2027) …". */
  const rulesOver = (parameter: string, from: number, to: number | null, kind: Kind): string => {
    const rows = ruleHistory(data, reference, parameter as never).filter((r) => r.valid_from <= (to ?? 9999) && (r.valid_to ?? 9999) >= from);
    if (rows.length === 0) return '—';
    const one = (r: (typeof rows)[number]) => {
      const value = w.fromRow(
        `phases.${parameter}.${r.valid_from}`,
        kind === 'percent' ? formatPercent(r.value, lang, 2) : formatPrice(r.value, currencyOfUnit(r.unit) ?? '', lang, 0),
        r.value,
        r.unit,
        'policy-rules',
        `${r.market}/${r.parameter}/${r.valid_from}`,
        sourcesOf([r]),
      );
      return r.indexed_to ? fill(t('rules.indexed'), { value, index: localIndex(r.indexed_to) }, 'rules.indexed') : value;
    };
    if (rows.length === 1) return one(rows[0]!);
    return rows.map((r) => `${one(r)} (${w.span(r.valid_from, r.valid_to)})`).join(t('notes.gapSeparator'));
  };
  // The columns' rules are policy-rules.csv parameter ids (data vocabulary).
  const table: TableView | null =
    phaseRows.length === 0
      ? null
      : {
          caption: t('phases.tableCaption'),
          columns: ['phase', 'years', 'scope', 'gases', 'cap', 'allocation', 'penalty'].map((c) => t(`phases.columns.${c}`)),
          flagged: [],
          rows: phaseRows.map((p) => {
            const key = [{ dataset: 'phases' as const, rows: [`${p.market}/${p.phase}`] }];
            return [
              w.ordinal(p.phase),
              w.span(p.start_year, p.end_year),
              ledger.text(`phases.${p.phase}.sectors`, lang === 'zh-CN' ? p.sectors_zh : p.sectors_en, key, sourcesOf([p])),
              ledger.text(`phases.${p.phase}.gases`, p.gases, key, sourcesOf([p])),
              rulesOver('cap-reduction-factor', p.start_year, p.end_year, 'percent'),
              ledger.text(`phases.${p.phase}.allocation`, lang === 'zh-CN' ? p.allocation_zh : p.allocation_en, key, sourcesOf([p])),
              rulesOver('penalty', p.start_year, p.end_year, 'price'),
            ];
          }),
          cites: w.citations.cite([
            ...sourcesOf(phaseRows),
            ...sourcesOf(rules.filter((r) => r.parameter === 'cap-reduction-factor' || r.parameter === 'penalty')),
          ]),
        };
  const lines: Paragraph[] = [];
  for (const pm of metrics.phases[reference] ?? []) {
    if (pm.statedHigh.value === null || pm.statedLow.value === null) continue;
    const phaseYears = w.span(+pm.period.start!.slice(0, 4), pm.period.end ? +pm.period.end.slice(0, 4) : null);
    const factOf = (m: Metric) => data.facts.find((f) => m.inputs.some((i) => i.dataset === 'facts' && i.rows.includes(f.id)));
    const lowFact = factOf(pm.statedLow);
    const highFact = factOf(pm.statedHigh);
    if (!lowFact || !highFact) continue;
    const low = w.stated(`phases.${pm.phase}.low`, lowFact, 'price');
    const high = w.stated(`phases.${pm.phase}.high`, highFact, 'price');
    const sources = [...pm.statedHigh.sources, ...pm.statedLow.sources];
    if (pm.observedMax.value !== null && pm.observedMin.value !== null) {
      const rows = data['price-annual'].filter(
        (r) => r.market === reference && pm.observedMax.inputs.some((i) => i.rows.includes(`${r.market}/${r.year}/${r.instrument}`)),
      );
      const from = rows.map((r) => r.first_date).sort()[0]!;
      const to = rows
        .map((r) => r.last_date)
        .sort()
        .at(-1)!;
      const covered = from <= `${pm.period.start!.slice(0, 4)}-01-07` && (!pm.period.end || to >= `${pm.period.end.slice(0, 4)}-12-24`);
      lines.push(
        w.para(
          'phases.phaseLineObserved',
          {
            phase: w.ordinal(pm.phase),
            years: phaseYears,
            low,
            high,
            min: w.num(`phases.${pm.phase}.observedMin`, pm.observedMin, 'price', 2),
            max: w.num(`phases.${pm.phase}.observedMax`, pm.observedMax, 'price', 2),
            partial: covered ? '' : fill(t('phases.partial'), { from: w.date(from), to: w.date(to) }, 'phases.partial'),
          },
          [...sources, ...pm.observedMax.sources],
          { slot: `phases.line.${pm.phase}` },
        ),
      );
    } else {
      lines.push(w.para('phases.phaseLine', { phase: w.ordinal(pm.phase), years: phaseYears, low, high }, sources, { slot: `phases.line.${pm.phase}` }));
    }
  }
  return { intro, table, lines, volumes: volumesView(w) };
}

/** The first and last years' traded volumes the sources state, and the peak when it is neither. */
function volumesView(w: Writer): Paragraph | null {
  const { reference } = w.metrics.comparison;
  const volumeFacts = w.data.facts
    .filter(
      (f) =>
        f.market === reference &&
        f.subject === null &&
        f.value !== null &&
        f.indicator === 'traded-volume' &&
        f.period_start?.endsWith('-01-01') &&
        f.period_end?.endsWith('-12-31') &&
        f.period_start.slice(0, 4) === f.period_end.slice(0, 4),
    )
    .sort((a, b) => a.period_start!.localeCompare(b.period_start!));
  const firstVol = volumeFacts[0];
  const lastVol = volumeFacts.at(-1);
  if (!firstVol || !lastVol) return null;
  // The largest stated year, when it is not the last: a fall after a peak is not "growth".
  const peakVol = volumeFacts.reduce<Fact | undefined>((a, b) => (a === undefined || b.value! > a.value! ? b : a), undefined);
  const values = {
    first: w.stated('phases.volumes.first', firstVol, 'tonnes'),
    firstYear: w.year(firstVol.period_start!.slice(0, 4)),
    last: w.stated('phases.volumes.last', lastVol, 'tonnes'),
    lastYear: w.year(lastVol.period_start!.slice(0, 4)),
  };
  if (firstVol === lastVol) return null;
  return peakVol && peakVol !== lastVol && peakVol !== firstVol
    ? w.para(
        'phases.volumesPeak',
        { ...values, peak: w.stated('phases.volumes.peak', peakVol, 'tonnes'), peakYear: w.year(peakVol.period_start!.slice(0, 4)) },
        sourcesOf([firstVol, peakVol, lastVol]),
        { slot: 'phases.volumes', compares: true },
      )
    : w.para('phases.volumes', values, sourcesOf([firstVol, lastVol]), { slot: 'phases.volumes', compares: true });
}
