import { annualVolumes } from '../metrics/annual-volumes.js';
import { currencyOfUnit } from '../data/datasets/common.js';
import type { Data } from '../data/datasets/index.js';
import { decoupled, emissionsAndGdp, gdpChange, gdpRegionOf } from '../metrics/decoupling.js';
import { emissionsChange } from '../metrics/emissions.js';
import { everySeriesMonths } from '../metrics/daily.js';
import { phasesWithoutPrices } from '../metrics/phase-gaps.js';
import { powerCompared } from '../metrics/power-compare.js';
import {
  asCovered,
  companySurplus,
  decimalsFor,
  statedTrendIn,
  EXACT,
  roundSignificant,
  ruleChanges,
  ruleHistory,
  scopeChanges,
  type Because,
  type Finding,
  type Metric,
  type Metrics,
  type Precision,
  type RuleChangeRow,
  type SeriesReach,
} from '../metrics/index.js';
import { statedPrecision } from '../metrics/precision.js';
import { auctionFigures } from '../metrics/auction-figures.js';
import {
  currencyName,
  fill,
  formatByUnit,
  formatCount,
  formatDate,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPrice,
  formatTonnes,
  formatYear,
  type Lang,
} from './format.js';
import { UnknownStringError } from './i18n.js';
import { comparedNameForms } from './market-names.js';
import { Ledger, numberTokens } from './ledger.js';

/**
 * Everything a brief shows, in one language, as plain text and numbers: sentences are filled from
 * metrics here, so templates only lay them out. Every number goes through the ledger (see
 * ledger.ts) as it is written. Pure: the same data, metrics and strings give the same view.
 */

export interface Paragraph {
  readonly text: string;
  /** Footnote numbers of the sources behind the sentence. */
  readonly cites: readonly number[];
}

export interface KeyFigure {
  readonly label: string;
  readonly value: string;
  readonly note: string;
  readonly cites: readonly number[];
}

export interface TableView {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per row, whether the row is flagged (e.g. it does not add up). */
  readonly flagged?: readonly boolean[];
  readonly cites: readonly number[];
}

export interface SourceView {
  readonly n: number;
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  readonly url: string | null;
  readonly retrieved: string;
}

export interface ListItem {
  readonly title: string;
  readonly text: string;
}

export interface BriefView {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  /** The latest observation of any series (not the day files were read): dates the PDF too. */
  readonly asOfIso: string;
  readonly asOf: string;
  /** How far each series reaches, per market and measure, for the cover. */
  readonly reach: readonly string[];
  /** When the sources were read, stated apart from the data's reach. */
  readonly readOn: string | null;
  readonly keyFigures: readonly KeyFigure[];
  readonly global: readonly Paragraph[];
  readonly phases: { readonly intro: Paragraph; readonly table: TableView; readonly lines: readonly Paragraph[]; readonly volumes: Paragraph | null };
  readonly mechanisms: readonly Paragraph[];
  readonly results: {
    readonly revenue: Paragraph | null;
    readonly emissions: readonly Paragraph[];
    readonly decoupling: readonly Paragraph[];
    readonly power: Paragraph | null;
    readonly powerTable: TableView | null;
    readonly powerRegion: Paragraph | null;
    readonly powerCompared: TableView | null;
    readonly powerComparedNote: Paragraph | null;
  };
  readonly problems: {
    readonly overAllocation: Paragraph;
    readonly arcelor: Paragraph | null;
    readonly arcelorRecomputed: readonly Paragraph[];
    readonly phaseTrends: readonly Paragraph[];
  };
  readonly china: readonly Paragraph[];
  readonly recommendations: readonly ListItem[];
  readonly outlook: readonly ListItem[];
  readonly notes: { readonly intro: Paragraph; readonly findings: TableView; readonly gaps: Paragraph | null };
  readonly sources: readonly SourceView[];
  /** Footnote numbers for each chart's sources. */
  readonly chartCites: Readonly<Record<string, readonly number[]>>;
  /** Every number the view states: written as numbers.json. */
  readonly ledger: Ledger;
}

export interface ViewContext {
  readonly data: Data;
  readonly metrics: Metrics;
  readonly lang: Lang;
  readonly t: (key: string) => string;
  /** Per section, in reading order, the charts it shows and their sources (cited after its text). */
  readonly chartsBySection?: Readonly<Record<string, readonly { readonly id: string; readonly sources: readonly string[] }[]>>;
  /** Sources a brief's templates cite by id ({{cite "…"}}), numbered after the view's own. */
  readonly templateCites?: readonly string[];
}

/** Numbers footnotes in the order sources are first cited. */
class Citations {
  private readonly order: string[] = [];
  cite(ids: readonly string[]): number[] {
    return [...new Set(ids)]
      .map((id) => {
        let i = this.order.indexOf(id);
        if (i === -1) i = this.order.push(id) - 1;
        return i + 1;
      })
      .sort((a, b) => a - b);
  }
  list(): readonly string[] {
    return this.order;
  }
}

type Fact = Data['facts'][number];
type Kind = 'percent' | 'tonnes' | 'price' | 'money' | 'number' | 'times' | 'count';

/** "Table 1", "Fig. 7" as a Chinese reader writes them: 表1, 图7. */
function localRef(ref: string, lang: Lang): string {
  return lang === 'zh-CN' ? ref.replace(/Table\s*(\d+)/g, '表$1').replace(/Fig\.\s*(\d+)/g, '图$1') : ref;
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

/** Digits typed into a sentence's own words: a hard-coded number that would go stale. */
function typedNumbers(template: string, names: readonly string[]): string[] {
  return numberTokens(names.reduce((text, name) => text.split(name).join(' '), template.replace(/\{\w+\}/g, ' ')));
}

export function buildView(ctx: ViewContext): BriefView {
  const { data, metrics, lang, t } = ctx;
  const ledger = new Ledger();
  // The compared markets' names, put into the strings by withMarketNames, are words: a digit in one
  // ("EU-27") is a label, not a number typed into a sentence.
  const names = comparedNameForms(data.markets, metrics.comparison, lang, (key) => (hasString(t, key) ? t(key) : undefined)).filter(
    (name) => numberTokens(name).length > 0,
  );
  for (const [i, name] of names.entries()) ledger.label(`markets.compared.${i}`, name);
  const citations = new Citations();
  const chartCites: Record<string, readonly number[]> = {};
  const citeCharts = (section: string) => {
    for (const chart of ctx.chartsBySection?.[section] ?? []) chartCites[chart.id] = citations.cite(chart.sources);
  };
  const sourcesOf = (rows: readonly { source: string }[]) => rows.flatMap((r) => r.source.split(';').map((s) => s.trim()));
  /**
   * Words chosen by comparing numbers ("fell by", "outside"), waiting for the sentence they go
   * into: that sentence records them (see StatedSentence), so a change report can tell a sentence
   * that now says the opposite from one whose numbers moved.
   */
  const chosen: { key: string; text: string }[] = [];
  const choose = (key: string, text = t(key)): string => {
    chosen.push({ key, text });
    return text;
  };
  /**
   * A sentence from its template and values, recorded in the ledger. A number typed into the
   * template, or a value with digits that did not come through the ledger, is an error: every
   * number is data. `slot` names its place when it has other wordings or recurs (by default its
   * key); `compares` says a comparison of numbers chose this wording.
   */
  const sentence = (key: string, values: Record<string, string | number>, place: { slot?: string; compares?: boolean } = {}): string => {
    const template = t(key);
    const typed = typedNumbers(template, names);
    if (typed.length > 0)
      throw new Error(`i18n "${key}": the sentence has a number typed into its words (${typed.join(', ')}); put it in data/ and pass it as a placeholder`);
    for (const [name, value] of Object.entries(values)) {
      if (!ledger.holds(String(value))) throw new Error(`i18n "${key}": {${name}} = "${String(value)}" states a number that is not in the ledger`);
    }
    // Only the chosen words this sentence holds are its own (one left by a sentence not stated is dropped).
    const words = chosen
      .splice(0)
      .filter((c) => Object.values(values).some((v) => String(v).includes(c.text)))
      .map((c) => c.key);
    const text = fill(template, values, key);
    return ledger.sentence({ slot: place.slot ?? key, key, text, comparisons: [...(place.compares ? [key] : []), ...words] });
  };
  const para = (
    key: string,
    values: Record<string, string | number>,
    sources: readonly string[],
    place: { slot?: string; compares?: boolean } = {},
  ): Paragraph => ({
    text: sentence(key, values, place),
    cites: citations.cite(sources),
  });
  const { subject, reference, window } = metrics.comparison;
  // Paragraphs that summarise the source paper in words cite what its recommendations cite.
  const paperSources = [...new Set(sourcesOf(data.recommendations))];
  const fact = (market: string, indicator: string, subjectName: string | null = null): Fact | undefined =>
    data.facts
      .filter((f) => f.market === market && f.indicator === indicator && f.subject === subjectName && f.value !== null)
      .sort((a, b) => (a.period_end ?? '').localeCompare(b.period_end ?? ''))
      .at(-1);
  const currencyOf = (market: string) => data.markets.find((m) => m.id === market)?.currency ?? '';
  // Names may hold digits ("EU-27"): they are labels in the ledger, not quantities.
  const marketName = (market: string) => ledger.label(`markets.${market}`, t(`markets.${market}`));
  const regionName = (region: string) => ledger.label(`regions.${region}`, t(`regions.${region}`));
  const findingFor = (id: string) => metrics.reconciliation.findings.find((f) => f.id === id);

  // Labels: dates, years and ordinals that name a period or item, recorded as such.
  const date = (iso: string) => ledger.label(`date:${iso}`, formatDate(iso, lang));
  const month = (iso: string) => ledger.label(`month:${iso}`, formatMonth(iso, lang));
  const year = (y: number | string) => ledger.label(`year:${y}`, String(y));
  const yearText = (y: number | string) => ledger.label(`year:${y}`, formatYear(y, lang));
  const span = (a: number, b: number | null) =>
    ledger.label(`years:${a}-${b ?? ''}`, b === null ? fill(t('phases.open'), { start: a }, 'phases.open') : a === b ? String(a) : `${a}–${b}`);
  const ordinal = (n: number) => ledger.label(`ordinal:${n}`, String(n));

  /** A value written to the precision it carries, with "about" when it rests on an approximate input. */
  const written = (value: number, precision: Precision | undefined, kind: Kind, unit: string, max: number, prefixAbout = true): string => {
    const p = precision ?? EXACT;
    const v = roundSignificant(value, p.digits);
    const d = decimalsFor(value, p.digits, max);
    const currency = currencyOfUnit(unit) ?? '';
    const body =
      kind === 'percent'
        ? formatPercent(v, lang, d)
        : kind === 'tonnes'
          ? formatTonnes(v, lang, unit === 't/yr' && false)
          : kind === 'price'
            ? formatPrice(v, currency, lang, d)
            : kind === 'money'
              ? formatMoney(v, currency, lang)
              : kind === 'times'
                ? fill(t('brief.times'), { x: formatNumber(v, lang, d) }, 'brief.times')
                : kind === 'count'
                  ? formatCount(v, lang)
                  : formatNumber(v, lang, d);
    return `${prefixAbout && p.approx ? t('qualifiers.approx') : ''}${body}`;
  };
  /** A change in words ("fell by 40%", "下降40%"), the number recorded without its sign. */
  const direction = (value: number, magnitude: string): string => {
    const key = value < 0 ? 'words.fellBy' : 'words.roseBy';
    return choose(key, fill(t(key), { x: magnitude }, key));
  };
  const moved = (id: string, m: Metric, max: number): string => direction(m.value!, num(id, m, 'percent', max, { abs: true }));
  const movedFact = (id: string, f: Fact, max = 1): string => direction(f.value!, stated(id, f, 'percent', max, { abs: true }));
  /** A computed metric, written and recorded. */
  const num = (id: string, m: Metric, kind: Kind, max = 1, options: { abs?: boolean; verdictOf?: string } = {}): string => {
    const value = options.abs ? Math.abs(m.value!) : m.value!;
    const f = options.verdictOf ? findingFor(options.verdictOf) : undefined;
    return ledger.metric(id, m, written(value, m.precision, kind, m.unit, max), f ? { verdict: f.verdict, reason: f.reason } : {});
  };
  /** A number a source states, with its hedge ("about", "more than") as printed. */
  const stated = (id: string, f: Fact, kind: Kind, max = 2, options: { abs?: boolean; value?: number } = {}): string => {
    const raw = options.value ?? f.value!;
    const value = options.abs ? Math.abs(raw) : raw;
    const precision = statedPrecision(value, f.qualifier);
    const text = `${t(`qualifiers.${f.qualifier}`)}${written(value, { digits: null, approx: false }, kind, f.unit, max)}`;
    // The verdict of this number as a claim (recomputed, or checked against a series), not of a
    // correction recorded beside it (`/printed` judges what the paper printed, not this value).
    const verdict = metrics.reconciliation.findings.find((x) => x.id === `facts/${f.id}` || (x.id.startsWith(`facts/${f.id}/`) && !x.id.endsWith('/printed')));
    return ledger.add({
      id,
      text,
      kind: 'number',
      value: raw,
      unit: f.unit,
      period: { start: f.period_start ?? undefined, end: f.period_end ?? undefined },
      precision,
      method: 'stated by the source',
      rows: [{ dataset: 'facts', rows: [f.id] }],
      sources: sourcesOf([f]),
      ...(verdict ? { verdict: verdict.verdict, reason: verdict.reason } : {}),
    });
  };
  /** A value read from a data row (a table cell, a rule), recorded with its row. */
  const fromRow = (
    id: string,
    text: string,
    value: number,
    unit: string,
    dataset: 'policy-rules' | 'power-generation' | 'phases' | 'emissions',
    row: string,
    sources: readonly string[],
  ): string =>
    ledger.add({ id, text, kind: 'number', value, unit, precision: EXACT, method: `read from ${dataset}.csv`, rows: [{ dataset, rows: [row] }], sources });

  // Cover: how far the data reaches, per market and measure ---------------------------------------
  const reachLine = (r: SeriesReach) => {
    const who = data.markets.some((m) => m.id === r.subject) ? marketName(r.subject) : regionName(r.subject);
    const until = r.last.endsWith('-12-31') && r.basis !== 'daily' ? yearText(+r.last.slice(0, 4)) : date(r.last);
    return sentence(
      'brief.reachItem',
      { who, measure: t(`reach.${r.measure}`), basis: t(`reach.basis.${r.basis}`), until },
      { slot: `brief.reach.${r.subject}.${r.measure}.${r.basis}` },
    );
  };
  const asOfIso =
    metrics.reach
      .map((r) => r.last)
      .sort()
      .at(-1) ?? '1970-01-01';
  // Which series reaches that far, so a reader does not take the date for all of them.
  const reachingLatest = metrics.reach.filter((r) => r.last === asOfIso && r.subject !== 'world');
  const latestSeries =
    reachingLatest.length > 0 && reachingLatest.length < metrics.reach.length
      ? reachingLatest
          .map(
            (r) =>
              `${data.markets.some((x) => x.id === r.subject) ? marketName(r.subject) : regionName(r.subject)}${t('brief.seriesJoin')}${t(`reach.${r.measure}`)}`,
          )
          .join(t('brief.listSeparator'))
      : null;
  const asOf = latestSeries
    ? sentence('brief.asOfSeries', { date: date(asOfIso), series: latestSeries }, { slot: 'brief.asOf' })
    : sentence('brief.asOf', { date: date(asOfIso) }, { slot: 'brief.asOf' });
  const reach = metrics.reach.filter((r) => r.subject !== 'world').map(reachLine);
  const readDates = data.sources
    .map((s) => s.retrieved)
    .filter((d): d is string => d !== null)
    .sort();
  const readOn =
    readDates.length === 0
      ? null
      : readDates[0] === readDates.at(-1)
        ? sentence('brief.readOn', { date: date(readDates[0]!) }, { slot: 'brief.readOn' })
        : sentence('brief.readBetween', { from: date(readDates[0]!), to: date(readDates.at(-1)!) }, { slot: 'brief.readOn' });

  // Key figures ---------------------------------------------------------------------------------
  const keyFigures: KeyFigure[] = [];
  const volumeClaim = fact(subject, 'traded-volume-share-of-reference');
  if (window && metrics.volume.ratio.value !== null) {
    keyFigures.push({
      label: t('keyFigures.volumeShare'),
      value: num('keyFigures.volumeShare', metrics.volume.ratio, 'percent', 2, volumeClaim ? { verdictOf: `facts/${volumeClaim.id}` } : {}),
      note: sentence('keyFigures.volumeShareNote', { from: date(window.start), to: date(window.end) }),
      cites: citations.cite(metrics.volume.ratio.sources),
    });
  }
  if (metrics.prices.ratio.value !== null && metrics.prices.bands[reference]) {
    keyFigures.push({
      label: t('keyFigures.priceRatio'),
      value: num('keyFigures.priceRatio', metrics.prices.ratio, 'times', 1),
      note: sentence('keyFigures.priceRatioNote', { currency: currencyName(currencyOf(reference), lang) }),
      cites: citations.cite(metrics.prices.ratio.sources),
    });
  }
  const implied = metrics.prices.subjectImplied;
  if (window && implied && implied.value.value !== null) {
    keyFigures.push({
      label: t('keyFigures.impliedPrice'),
      value: num('keyFigures.impliedPrice', implied.value, 'price', 1),
      note: sentence('keyFigures.impliedPriceNote', { from: date(window.start), to: date(window.end) }),
      cites: citations.cite(implied.value.sources),
    });
  }
  const turnoverRef = metrics.coverage[reference]?.turnoverRatio;
  const turnoverSub = metrics.coverage[subject]?.turnoverRatio;
  if (turnoverRef?.value != null && turnoverSub?.value != null) {
    const ref = num('keyFigures.turnover.reference', turnoverRef, 'number', 1);
    const sub = num('keyFigures.turnover.subject', turnoverSub, 'number', 3);
    const bare = (m: Metric, max: number) => written(m.value!, m.precision, 'number', m.unit, max, false);
    keyFigures.push({
      // The figure itself bare ("7 : 0.03"); the note says each with its "about".
      label: t('keyFigures.turnover'),
      value: `${bare(turnoverRef, 1)} : ${bare(turnoverSub, 3)}`,
      note: sentence('keyFigures.turnoverNote', { eu: ref, cn: sub }),
      cites: citations.cite([...turnoverRef.sources, ...turnoverSub.sources]),
    });
  }
  const revenue = data.facts
    .filter((f) => f.market === reference && f.indicator === 'auction-revenue' && f.value !== null && f.period_end)
    .sort((a, b) => a.period_end!.localeCompare(b.period_end!))
    .at(-1);
  if (revenue) {
    keyFigures.push({
      label: fill(t('keyFigures.auctionRevenue'), { year: year(revenue.period_end!.slice(0, 4)) }, 'keyFigures.auctionRevenue'),
      value: stated('keyFigures.auctionRevenue', revenue, 'money'),
      note: t('keyFigures.auctionRevenueNote'),
      cites: citations.cite(sourcesOf([revenue])),
    });
  }

  citeCharts('key-figures');

  // Global picture ------------------------------------------------------------------------------
  const global: Paragraph[] = [];
  const w = (indicator: string) => fact('world', indicator);
  const inForce = w('ets-in-force');
  const inDev = w('ets-in-development');
  const consider = w('ets-under-consideration');
  if (inForce && inDev && consider) {
    global.push(
      para(
        'global.inForce',
        {
          date: month(inForce.period_end!),
          inForce: stated('global.inForce', inForce, 'count'),
          inDevelopment: stated('global.inDevelopment', inDev, 'count'),
          consideration: stated('global.consideration', consider, 'count'),
        },
        sourcesOf([inForce, inDev, consider]),
      ),
    );
  }
  const [gdp, pop, emis] = [w('ets-share-of-world-gdp'), w('ets-share-of-world-population'), w('ets-share-of-world-emissions')];
  if (gdp && pop && emis) {
    // The sentence words the hedges itself ("about …"), so the values go without their qualifier.
    const plain = (id: string, f: Fact) =>
      ledger.add({
        id,
        text: formatPercent(f.value!, lang, 0),
        kind: 'number',
        value: f.value,
        unit: f.unit,
        precision: statedPrecision(f.value, f.qualifier),
        method: 'stated by the source',
        rows: [{ dataset: 'facts', rows: [f.id] }],
        sources: sourcesOf([f]),
      });
    global.push(
      para(
        'global.shares',
        { gdp: plain('global.shares.gdp', gdp), population: plain('global.shares.population', pop), emissions: plain('global.shares.emissions', emis) },
        sourcesOf([gdp, pop, emis]),
      ),
    );
  }
  const [nzE, nzG] = [w('net-zero-pledges-share-of-emissions'), w('net-zero-pledges-share-of-gdp-ppp')];
  if (nzE && nzG) {
    const plain = (id: string, f: Fact) =>
      ledger.add({
        id,
        text: formatPercent(f.value!, lang, 0),
        kind: 'number',
        value: f.value,
        unit: f.unit,
        precision: statedPrecision(f.value, f.qualifier),
        method: 'stated by the source',
        rows: [{ dataset: 'facts', rows: [f.id] }],
        sources: sourcesOf([f]),
      });
    global.push(
      para(
        'global.netZero',
        { date: month(nzE.period_end!), emissions: plain('global.netZero.emissions', nzE), gdp: plain('global.netZero.gdp', nzG) },
        sourcesOf([nzE, nzG]),
      ),
    );
  }
  const refMarket = data.markets.find((m) => m.id === reference);
  const [inst, share, total] = [fact(reference, 'entities'), fact(reference, 'share-of-jurisdiction-emissions'), fact(reference, 'cumulative-revenue')];
  if (refMarket?.launch_date && inst && share && total) {
    global.push(
      para(
        'global.eu',
        {
          launch: yearText(refMarket.launch_date.slice(0, 4)),
          installations: stated('global.eu.installations', inst, 'count'),
          share: stated('global.eu.share', share, 'percent', 0),
          revenue: stated('global.eu.revenue', total, 'money'),
        },
        sourcesOf([refMarket, inst, share, total]),
      ),
    );
  }

  citeCharts('global');

  // Phases ---------------------------------------------------------------------------------------
  const phasesIntro = { text: sentence('phases.intro', {}), cites: [] };
  const phaseRows = data.phases.filter((p) => p.market === reference).sort((a, b) => a.phase - b.phase);
  const rules = data['policy-rules'].filter((r) => r.market === reference);
  /** A rule's values over a phase's years: "1.74%"; "2.2% (2021–2023); 4.3% (2024–2027) …". */
  const rulesOver = (parameter: string, from: number, to: number | null, kind: Kind): string => {
    const rows = ruleHistory(data, reference, parameter as never).filter((r) => r.valid_from <= (to ?? 9999) && (r.valid_to ?? 9999) >= from);
    if (rows.length === 0) return '—';
    const one = (r: (typeof rows)[number]) => {
      const value = fromRow(
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
    return rows.map((r) => `${one(r)} (${span(r.valid_from, r.valid_to)})`).join(t('notes.gapSeparator'));
  };
  const phaseTable: TableView = {
    caption: t('phases.tableCaption'),
    columns: ['phase', 'years', 'scope', 'gases', 'cap', 'allocation', 'penalty'].map((c) => t(`phases.columns.${c}`)),
    flagged: [],
    rows: phaseRows.map((p) => {
      const key = [{ dataset: 'phases' as const, rows: [`${p.market}/${p.phase}`] }];
      return [
        ordinal(p.phase),
        span(p.start_year, p.end_year),
        ledger.text(`phases.${p.phase}.sectors`, lang === 'zh-CN' ? p.sectors_zh : p.sectors_en, key, sourcesOf([p])),
        ledger.text(`phases.${p.phase}.gases`, p.gases, key, sourcesOf([p])),
        rulesOver('cap-reduction-factor', p.start_year, p.end_year, 'percent'),
        ledger.text(`phases.${p.phase}.allocation`, lang === 'zh-CN' ? p.allocation_zh : p.allocation_en, key, sourcesOf([p])),
        rulesOver('penalty', p.start_year, p.end_year, 'price'),
      ];
    }),
    cites: citations.cite([...sourcesOf(phaseRows), ...sourcesOf(rules.filter((r) => r.parameter === 'cap-reduction-factor' || r.parameter === 'penalty'))]),
  };
  const lines: Paragraph[] = [];
  for (const pm of metrics.phases[reference] ?? []) {
    if (pm.statedHigh.value === null || pm.statedLow.value === null) continue;
    const phaseYears = span(+pm.period.start!.slice(0, 4), pm.period.end ? +pm.period.end.slice(0, 4) : null);
    const factOf = (m: Metric) => data.facts.find((f) => m.inputs.some((i) => i.dataset === 'facts' && i.rows.includes(f.id)));
    const lowFact = factOf(pm.statedLow);
    const highFact = factOf(pm.statedHigh);
    if (!lowFact || !highFact) continue;
    const low = stated(`phases.${pm.phase}.low`, lowFact, 'price');
    const high = stated(`phases.${pm.phase}.high`, highFact, 'price');
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
        para(
          'phases.phaseLineObserved',
          {
            phase: ordinal(pm.phase),
            years: phaseYears,
            low,
            high,
            min: num(`phases.${pm.phase}.observedMin`, pm.observedMin, 'price', 2),
            max: num(`phases.${pm.phase}.observedMax`, pm.observedMax, 'price', 2),
            partial: covered ? '' : fill(t('phases.partial'), { from: date(from), to: date(to) }, 'phases.partial'),
          },
          [...sources, ...pm.observedMax.sources],
          { slot: `phases.line.${pm.phase}` },
        ),
      );
    } else {
      lines.push(para('phases.phaseLine', { phase: ordinal(pm.phase), years: phaseYears, low, high }, sources, { slot: `phases.line.${pm.phase}` }));
    }
  }
  const volumeFacts = data.facts
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
  // The largest stated year, when it is not the last: a fall after a peak is not "growth".
  const peakVol = volumeFacts.reduce<Fact | undefined>((a, b) => (a === undefined || b.value! > a.value! ? b : a), undefined);
  const volumeValues =
    firstVol && lastVol
      ? {
          first: stated('phases.volumes.first', firstVol, 'tonnes'),
          firstYear: year(firstVol.period_start!.slice(0, 4)),
          last: stated('phases.volumes.last', lastVol, 'tonnes'),
          lastYear: year(lastVol.period_start!.slice(0, 4)),
        }
      : undefined;
  const volumes =
    firstVol && lastVol && firstVol !== lastVol && volumeValues
      ? peakVol && peakVol !== lastVol && peakVol !== firstVol
        ? para(
            'phases.volumesPeak',
            { ...volumeValues, peak: stated('phases.volumes.peak', peakVol, 'tonnes'), peakYear: year(peakVol.period_start!.slice(0, 4)) },
            sourcesOf([firstVol, peakVol, lastVol]),
            { slot: 'phases.volumes', compares: true },
          )
        : para('phases.volumes', volumeValues, sourcesOf([firstVol, lastVol]), { slot: 'phases.volumes', compares: true })
      : null;

  citeCharts('phases');

  // Mechanisms -----------------------------------------------------------------------------------
  const mechanisms: Paragraph[] = [];
  const ruleValue = (r: (typeof rules)[number], value = r.value, id = `mechanisms.${r.parameter}.${r.valid_from}`) =>
    fromRow(id, ruleText(value, r.unit), value, r.unit, 'policy-rules', `${r.market}/${r.parameter}/${r.valid_from}`, sourcesOf([r]));
  /** The row whose value the paper printed, for a parameter (its paper_value). */
  const paperRule = (parameter: string) => rules.filter((r) => r.parameter === parameter && r.paper_value !== null).sort((a, b) => a.valid_from - b.valid_from);
  const lrf = paperRule('cap-reduction-factor');
  if (lrf.length >= 2) {
    const [a, b] = [lrf[0]!, lrf.at(-1)!];
    mechanisms.push(
      para(
        'mechanisms.cap',
        {
          first: ruleValue(a, a.paper_value!, 'mechanisms.cap.first'),
          firstYear: year(a.valid_from),
          last: ruleValue(b, b.paper_value!, 'mechanisms.cap.last'),
          lastYear: year(b.valid_from),
        },
        [...sourcesOf([a, b])],
      ),
    );
  }
  const msrParam = (name: string) => paperRule(name)[0];
  const [upper, lower, rate, release] = [
    msrParam('msr-upper-threshold'),
    msrParam('msr-lower-threshold'),
    msrParam('msr-intake-rate'),
    msrParam('msr-release-amount'),
  ];
  if (upper && lower && rate && release) {
    mechanisms.push(
      para(
        'mechanisms.msr',
        {
          upper: ruleValue(upper, upper.paper_value!),
          lower: ruleValue(lower, lower.paper_value!),
          rate: ruleValue(rate, rate.paper_value!, 'mechanisms.msr.paperRate'),
          release: ruleValue(release, release.paper_value!),
        },
        sourcesOf([upper, lower, rate, release]),
      ),
    );
  }
  mechanisms.push({ text: sentence('mechanisms.mrv', {}), cites: citations.cite(paperSources) });
  const pen = paperRule('penalty');
  if (pen.length >= 2) {
    mechanisms.push(
      para(
        'mechanisms.penalty',
        {
          first: ruleValue(pen[0]!, pen[0]!.paper_value!, 'mechanisms.penalty.first'),
          firstYears: span(pen[0]!.valid_from, pen[0]!.valid_to),
          second: ruleValue(pen[1]!, pen[1]!.paper_value!, 'mechanisms.penalty.second'),
          secondFrom: year(pen[1]!.valid_from),
        },
        sourcesOf(pen.slice(0, 2)),
      ),
    );
  }
  // The law in force, where it differs from the paper: each change with its years and act.
  const changes = ruleChanges(data, reference);
  if (changes.length > 0) {
    const items = changes.map((c) =>
      ruleChangeText(
        c.parameter,
        c.paper.paper_value!,
        c.paper.unit,
        c.later.map((r) => ({ value: r.value, unit: r.unit, from: r.valid_from, to: r.valid_to, act: r.act, indexedTo: r.indexed_to })),
        c.differs,
        `mechanisms.law.${c.parameter}`,
      ),
    );
    mechanisms.push(
      para(
        'mechanisms.lawInForce',
        { changes: items.join(t('notes.gapSeparator')) },
        changes.flatMap((c) => sourcesOf([c.paper, ...c.later])),
      ),
    );
  }

  /** "the MSR intake rate: the paper gives 12%; in force 24% in 2019–2023 (Decision …)". */
  function ruleChangeText(parameter: string, paperValue: number, unit: string, later: readonly RuleChangeRow[], differs: boolean, id: string): string {
    return fill(
      t(differs ? 'rules.changedDiffers' : 'rules.changedLater'),
      {
        parameter: t(`rules.parameters.${parameter}`),
        paper: ruleNumber(parameter, paperValue, unit, `${id}.paper`),
        periods: rulePeriods(parameter, later, id),
      },
      differs ? 'rules.changedDiffers' : 'rules.changedLater',
    );
  }
  /** "24% in 2019–2023 (Directive (EU) 2018/410); 24% in 2024–2030 (Decision (EU) 2023/852)". */
  function rulePeriods(parameter: string, later: readonly RuleChangeRow[], id: string): string {
    return later
      .map((r, i) => {
        const v = ruleNumber(parameter, r.value, r.unit, `${id}.later.${i}`);
        const shown = r.indexedTo ? fill(t('rules.indexed'), { value: v, index: localIndex(r.indexedTo) }, 'rules.indexed') : v;
        return fill(
          t('rules.period'),
          {
            value: shown,
            years: span(r.from, r.to),
            act: ledger.text(`${id}.act.${i}`, r.act, [{ dataset: 'policy-rules', rows: [`${reference}/${parameter}/${r.from}`] }], []),
          },
          'rules.period',
        );
      })
      .join(t('rules.periodSeparator'));
  }
  /** A rule's value as the law writes it: 833 Mt, 24%, 2.2%, EUR 100/t. */
  function ruleText(v: number, u: string): string {
    return u === 't'
      ? formatTonnes(v, lang)
      : u === '%' || u === '%/yr'
        ? formatPercent(v, lang, v % 1 === 0 ? 0 : 2)
        : formatPrice(v, currencyOfUnit(u) ?? '', lang, 0);
  }
  function ruleNumber(parameter: string, v: number, u: string, at: string): string {
    return ledger.add({
      id: at,
      text: ruleText(v, u),
      kind: 'number',
      value: v,
      unit: u,
      precision: EXACT,
      method: 'read from policy-rules.csv',
      rows: [{ dataset: 'policy-rules', rows: [`${reference}/${parameter}`] }],
      sources: sourcesOf(rules.filter((r) => r.parameter === parameter)),
    });
  }
  /** The index's name in this language when the strings have it, else as data/ writes it. */
  function localIndex(index: string): string {
    try {
      return t(`rules.indexes.${index}`);
    } catch {
      return index;
    }
  }

  citeCharts('mechanisms');

  // Results --------------------------------------------------------------------------------------
  const growth = metrics.auctionRevenueGrowth[reference];
  const printedCagr = fact(reference, 'auction-revenue-cagr');
  const revFirst = growth?.period?.start?.slice(0, 4);
  let revenueParagraph: Paragraph | null = null;
  if (revenue && growth && growth.value !== null && revFirst) {
    const values = {
      last: stated('results.revenue.last', revenue, 'money'),
      lastYear: year(revenue.period_end!.slice(0, 4)),
      firstYear: year(revFirst),
      recomputed: num('results.revenue.recomputed', growth, 'percent', 1, printedCagr ? { verdictOf: `facts/${printedCagr.id}` } : {}),
    };
    revenueParagraph = printedCagr
      ? para(
          'results.revenue',
          { ...values, printed: stated('results.revenue.printed', printedCagr, 'percent', 0) },
          [...growth.sources, ...sourcesOf([printedCagr, revenue])],
          { slot: 'results.revenue' },
        )
      : para('results.revenueSame', values, [...growth.sources, ...sourcesOf([revenue])], { slot: 'results.revenue' });
    const memberStates = metrics.memberStateRevenueGrowth[reference];
    if (memberStates && memberStates.value !== null && memberStates.period?.start && memberStates.period.end) {
      revenueParagraph = {
        text: `${revenueParagraph.text}${t('brief.sentenceJoin')}${sentence('results.revenueMemberStates', {
          from: year(memberStates.period.start.slice(0, 4)),
          to: year(memberStates.period.end.slice(0, 4)),
          growth: num('results.revenue.memberStates', memberStates, 'percent', 1),
        })}`,
        cites: citations.cite([...revenueParagraph.cites.map((n) => citations.list()[n - 1]!), ...memberStates.sources]),
      };
    }
  }
  const emissionsParagraphs: Paragraph[] = [];
  const covered = asCovered(data, reference);
  const change = metrics.emissionsChange[reference];
  const trend = metrics.emissionsTrend[reference];
  const scope = (id: string) =>
    ledger.text(`scope:${id}`, scopeName(id), [{ dataset: 'scopes', rows: [id] }], sourcesOf(data.scopes.filter((s) => s.id === id)));
  function scopeName(id: string): string {
    const s = data.scopes.find((x) => x.id === id);
    return s ? (lang === 'zh-CN' ? s.label_zh : s.label_en) : id;
  }
  if (covered.length >= 2 && change && trend) {
    const [first, last] = [covered[0]!, covered.at(-1)!];
    const tonnes = (id: string, r: typeof first) =>
      fromRow(id, formatTonnes(r.value, lang), r.value, 't', 'emissions', `${r.market}/${r.year}/${r.scope}/${r.coverage}`, sourcesOf([r]));
    const ends = {
      first: tonnes('results.emissions.first', first),
      firstYear: year(first.year),
      last: tonnes('results.emissions.last', last),
      lastYear: year(last.year),
    };
    if (first.coverage === last.coverage && change.value !== null && trend.value !== null) {
      emissionsParagraphs.push(
        para(
          'results.emissions',
          { ...ends, change: num('results.emissions.change', change, 'percent', 1), perYear: num('results.emissions.perYear', trend, 'percent', 1) },
          change.sources,
          { slot: 'results.emissions' },
        ),
      );
    } else {
      emissionsParagraphs.push(
        para(
          'results.emissionsScopes',
          { ...ends, firstScope: scope(first.coverage), lastScope: scope(last.coverage) },
          sourcesOf([first, last, ...data.scopes.filter((s) => s.id === first.coverage || s.id === last.coverage)]),
          { slot: 'results.emissions' },
        ),
      );
      if (change.value !== null && trend.value !== null && change.scope) {
        const [a, b] = [+change.period!.start!.slice(0, 4), +change.period!.end!.slice(0, 4)];
        // Years whose value includes an estimate are said to, since the estimate is not a measurement.
        const estimated = data.emissions.filter((r) => r.coverage === change.scope && r.estimated === true && r.year >= a && r.year <= b).map((r) => r.year);
        emissionsParagraphs.push(
          para(
            estimated.length > 0 ? 'results.emissionsComparableEstimated' : 'results.emissionsComparable',
            {
              scope: scope(change.scope),
              from: year(a),
              to: year(b),
              change: moved('results.emissions.change', change, 1),
              perYear: num('results.emissions.perYear', trend, 'percent', 1, { abs: true }),
              ...(estimated.length > 0 ? { estimatedYears: span(Math.min(...estimated), Math.max(...estimated)) } : {}),
            },
            [...change.sources, ...sourcesOf(data.scopes.filter((s) => s.id === change.scope))],
            { slot: 'results.emissionsComparable' },
          ),
        );
      }
      const changesOfScope = scopeChanges(data, reference).map((c) => year(c.year));
      if (changesOfScope.length > 0)
        emissionsParagraphs.push(
          para('results.scopeChanges', { years: changesOfScope.join(t('brief.listSeparator')) }, sourcesOf(data.scopes.filter((s) => s.market === reference))),
        );
    }
    // A like-for-like change a source reports for the latest year, where the data cannot compute one.
    const official = data.facts.find(
      (f) =>
        f.market === reference &&
        f.indicator === 'covered-emissions-change' &&
        !f.derived &&
        f.value !== null &&
        f.period_end?.startsWith(String(last.year)) &&
        f.period_start !== null,
    );
    if (official && first.coverage !== last.coverage) {
      const comparableEnd = change?.scope && change.period?.end ? +change.period.end.slice(0, 4) : null;
      const values = { from: year(official.period_start!.slice(0, 4)), to: year(last.year), change: movedFact('results.emissions.official', official) };
      emissionsParagraphs.push(
        comparableEnd !== null && comparableEnd < last.year
          ? para('results.emissionsOfficialBasis', { ...values, comparableEnd: year(comparableEnd) }, sourcesOf([official]), {
              slot: 'results.emissionsOfficial',
            })
          : para('results.emissionsOfficial', values, sourcesOf([official]), { slot: 'results.emissionsOfficial' }),
      );
    }
  }
  // The paper's Figure 7: emissions on one scope against real GDP, and its claim of opposite moves.
  const decoupling: Paragraph[] = [];
  const gdpRegion = gdpRegionOf(data, reference);
  const indexed = gdpRegion ? emissionsAndGdp(data, reference, gdpRegion) : null;
  if (indexed) {
    /** Emissions and GDP over two years, in words, with whether emissions fell while GDP grew. */
    const over = (from: number, to: number, id: string) => {
      const em = emissionsChange(data, reference, from, to, indexed.scope);
      const gdp = gdpChange(data, indexed.region, from, to);
      if (em.value === null || gdp.value === null) return null;
      return {
        em,
        gdp,
        values: {
          scope: scope(indexed.scope),
          region: regionName(indexed.region),
          from: year(from),
          to: year(to),
          emissions: moved(`${id}.emissions`, em, 1),
          gdp: moved(`${id}.gdp`, gdp, 1),
        },
      };
    };
    const [first, last] = [indexed.years[0]!.year, indexed.years.at(-1)!.year];
    const whole = over(first, last, 'results.decoupling');
    if (whole) {
      const key = decoupled(whole.em, whole.gdp) ? 'results.decoupled' : 'results.notDecoupled';
      decoupling.push(para(key, { ...whole.values, base: year(indexed.baseYear) }, [...whole.em.sources, ...whole.gdp.sources]));
    }
    // Each claim the paper makes about real GDP, with the claim about emissions over the same years.
    for (const claim of data.facts.filter(
      (f) => f.market === reference && f.indicator === 'real-gdp-change' && f.subject === indexed.region && f.period_start && f.period_end,
    )) {
      const emClaim = data.facts.find(
        (f) =>
          f.market === reference &&
          f.derived &&
          f.indicator === 'covered-emissions-change' &&
          f.period_start === claim.period_start &&
          f.period_end === claim.period_end,
      );
      const part = over(+claim.period_start!.slice(0, 4), +claim.period_end!.slice(0, 4), `results.decoupling.${claim.id}`);
      const verdicts = [claim, ...(emClaim ? [emClaim] : [])].map((f) => findingFor(`facts/${f.id}`)?.verdict);
      if (!part || verdicts.some((v) => v === undefined)) continue;
      const verdict = verdicts.every((v) => v === 'agrees') ? 'agrees' : verdicts.includes('disagrees') ? 'disagrees' : 'cannot-recompute';
      decoupling.push(
        para(
          'results.decouplingClaim',
          { ...part.values, claim: ledger.label(`facts.${claim.id}.printed`, claim.printed ?? ''), verdict: t(`verdicts.${verdict}`) },
          [...sourcesOf([claim]), ...part.em.sources, ...part.gdp.sources],
        ),
      );
    }
  }
  const mix = Object.values(metrics.powerMix)[0];
  let powerParagraph: Paragraph | null = null;
  let powerTable: TableView | null = null;
  let powerRegion: Paragraph | null = null;
  if (mix) {
    const s = (type: string) => mix.sources.find((x) => x.sourceType === type);
    const [coal, wind, solar] = [s('coal'), s('wind'), s('solar')];
    const mixRows = data['power-generation'].filter((r) => r.region === mix.region);
    const pct = (id: string, m: Metric, d: number) => ledger.metric(id, m, formatPercent(m.value!, lang, d));
    if (coal && wind && solar) {
      powerParagraph = para(
        'results.power',
        {
          region: regionName(mix.region),
          from: year(mix.years.from),
          to: year(mix.years.to),
          coal: moved('results.power.coal', coal.growth, 1),
          coalFrom: pct('results.power.coalFrom', coal.shareFrom, 2),
          coalTo: pct('results.power.coalTo', coal.shareTo, 2),
          wind: moved('results.power.wind', wind.growth, 1),
          windFrom: pct('results.power.windFrom', wind.shareFrom, 2),
          windTo: pct('results.power.windTo', wind.shareTo, 2),
          solar: moved('results.power.solar', solar.growth, 0),
          solarFrom: pct('results.power.solarFrom', solar.shareFrom, 2),
          solarTo: pct('results.power.solarTo', solar.shareTo, 2),
        },
        sourcesOf(mixRows),
      );
    }
    const findingsFor = (type: string) => metrics.reconciliation.findings.filter((f) => f.id.startsWith(`power-generation/${mix.region}/${type}/`));
    const printedRow = (y: number, type: string) => mixRows.find((r) => r.year === y && r.source_type === type);
    const cell = (id: string, text: string, value: number, row: (typeof mixRows)[number] | undefined, unit = 'GWh') =>
      fromRow(id, text, value, unit, 'power-generation', row ? `${row.region}/${row.year}/${row.source_type}` : mix.region, row ? sourcesOf([row]) : []);
    powerTable = {
      caption: fill(t('results.tableCaption'), { region: regionName(mix.region), from: year(mix.years.from), to: year(mix.years.to) }, 'results.tableCaption'),
      columns: [
        t('results.columns.source'),
        `${year(mix.years.from)} GWh`,
        `${year(mix.years.to)} GWh`,
        `${t('results.columns.growth')} (%)`,
        fill(t('results.columns.share'), { year: year(mix.years.from) }, 'results.columns.share'),
        fill(t('results.columns.share'), { year: year(mix.years.to) }, 'results.columns.share'),
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
          b?.paper_share_pct == null
            ? ''
            : cell(`${id}.shareTo`, formatNumber(b.paper_share_pct, lang, 2, b.paper_share_pct !== 100), b.paper_share_pct, b, '%'),
          check,
        ];
      }),
      flagged: mix.sources.map(
        (x) =>
          findingsFor(x.sourceType).some((f) => f.verdict === 'disagrees') ||
          (x.sourceType === 'total' && [mix.unlistedGwh.from, mix.unlistedGwh.to].some((g) => g.value !== null && g.value !== 0)),
      ),
      cites: citations.cite(sourcesOf(mixRows)),
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
      powerRegion = para(
        'results.powerRegion',
        {
          year: year(y),
          table: cell('results.table1.totalCompared', formatNumber(ours, lang), ours, mine),
          other: regionName(region),
          otherTotal: fromRow(
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
  }

  // Table 1 beside another region's generation by source for the same years (Ember's EU-27).
  let powerComparedTable: TableView | null = null;
  let powerComparedNote: Paragraph | null = null;
  const compared = mix ? powerCompared(data, mix.region) : null;
  if (compared) {
    const other = regionName(compared.otherRegion);
    const table = regionName(compared.region);
    // Column heads name each side's publisher (sources.csv), so a reader sees whose figure a cell is.
    const publisherOf = (region: string) => {
      const ids = compared.rows.filter((r) => r.region === region).flatMap((r) => r.source.split(';'));
      return data.sources.find((x) => ids.includes(x.id))?.publisher ?? region;
    };
    const ref = ledger.label(
      'results.compared.ref',
      localRef(compared.rows.find((r) => r.region === compared.region && r.paper_ref)?.paper_ref ?? table, lang),
    );
    const side = (region: string, name: string) =>
      ledger.label(`results.compared.side.${region}`, fill(t('results.comparedSide'), { name, publisher: publisherOf(region) }, 'results.comparedSide'));
    const rowOf = (region: string, y: number, type: string) => compared.rows.find((r) => r.region === region && r.year === y && r.source_type === type);
    const gwhCell = (region: string, y: number, type: string, value: number | null) => {
      const row = rowOf(region, y, type);
      return value === null || !row
        ? '—'
        : fromRow(
            `results.compared.${region}.${y}.${type}`,
            formatNumber(value, lang),
            value,
            'GWh',
            'power-generation',
            `${region}/${y}/${type}`,
            sourcesOf([row]),
          );
    };
    powerComparedTable = {
      caption: fill(
        t('results.comparedCaption'),
        { ref, other, years: compared.years.map((y) => year(y)).join(t('brief.listSeparator')) },
        'results.comparedCaption',
      ),
      columns: [t('results.columns.source'), ...compared.years.flatMap((y) => [`${year(y)}: ${ref}`, `${year(y)}: ${side(compared.otherRegion, other)}`])],
      rows: compared.sources.map((x) => [
        t(`powerSources.${x.sourceType}`),
        ...compared.years.flatMap((y) => [
          gwhCell(compared.region, y, x.sourceType, x.table[y] ?? null),
          gwhCell(compared.otherRegion, y, x.sourceType, x.other[y] ?? null),
        ]),
      ]),
      flagged: compared.sources.map((x) => compared.years.some((y) => (x.table[y] ?? null) === null || (x.other[y] ?? null) === null)),
      cites: citations.cite(sourcesOf(compared.rows)),
    };
    const total = compared.sources.find((x) => x.sourceType === 'total')!;
    const only = (side: 'table' | 'other') =>
      compared.sources
        .filter(
          (x) =>
            x.sourceType !== 'total' &&
            compared.years.every((y) => x[side][y] !== null) &&
            compared.years.every((y) => x[side === 'table' ? 'other' : 'table'][y] === null),
        )
        .map((x) => t(`powerSources.${x.sourceType}`));
    const ratios = compared.years.filter((y) => total.ratio[y] !== null && total.ratio[y] !== undefined);
    if (ratios.length > 0) {
      const pct = (y: number) =>
        ledger.add({
          id: `results.compared.ratio.${y}`,
          text: formatPercent(total.ratio[y]! * 100, lang, 0),
          kind: 'number',
          value: total.ratio[y]! * 100,
          unit: '%',
          method: `${compared.otherRegion} total ÷ ${compared.region} total, ${y}`,
          rows: [{ dataset: 'power-generation', rows: [`${compared.region}/${y}/total`, `${compared.otherRegion}/${y}/total`] }],
          sources: sourcesOf(compared.rows.filter((r) => r.year === y && r.source_type === 'total')),
        });
      powerComparedNote = para(
        'results.comparedNote',
        {
          other,
          table,
          ratios: ratios.map((y) => fill(t('results.comparedRatio'), { ratio: pct(y), year: year(y) }, 'results.comparedRatio')).join(t('brief.listSeparator')),
          onlyTable: only('table').join(t('brief.listSeparator')) || '—',
          onlyOther: only('other').join(t('brief.listSeparator')) || '—',
        },
        sourcesOf(compared.rows),
      );
    }
  }

  citeCharts('results');

  // Problems -------------------------------------------------------------------------------------
  const overAllocationText = sentence('problems.overAllocation', {});
  // The company of the paper's Figure 8: the one company-rules.csv holds a rule for.
  const companyRule = data['company-rules'][0];
  const profit = companyRule ? fact(reference, 'surplus-allowance-sales', companyRule.label) : undefined;
  const amChange = companyRule ? fact(reference, 'emissions-change-per-year', companyRule.label) : undefined;
  const arcelor =
    profit && amChange
      ? para(
          'problems.arcelor',
          {
            profit: stated('problems.arcelor.profit', profit, 'money'),
            profitYears: span(+profit.period_start!.slice(0, 4), +profit.period_end!.slice(0, 4)),
            from: year(amChange.period_start!.slice(0, 4)),
            to: year(amChange.period_end!.slice(0, 4)),
            change: stated('problems.arcelor.change', amChange, 'percent', 1, { abs: true }),
          },
          sourcesOf([profit, amChange]),
        )
      : null;
  // The same company from the registry: its surplus over the paper's years, its trend, and what the rule may miss.
  const arcelorRecomputed: Paragraph[] = [];
  const surplus = companyRule ? companySurplus(data, companyRule.company) : null;
  if (surplus?.years.some((y) => y.verified.value !== null)) {
    const company = ledger.label(`company:${surplus.company}`, surplus.label);
    if (profit?.period_start && profit.period_end) {
      const [a, b] = [+profit.period_start.slice(0, 4), +profit.period_end.slice(0, 4)];
      const ys = surplus.years.filter((y) => y.year >= a && y.year <= b && y.verified.value !== null);
      if (ys.length > 0) {
        const total = (pick: (y: (typeof ys)[number]) => Metric): Metric => ({
          ...pick(ys[0]!),
          value: ys.reduce((s, y) => s + (pick(y).value ?? 0), 0),
          period: { start: `${ys[0]!.year}-01-01`, end: `${ys.at(-1)!.year}-12-31` },
          method: `sum over ${ys[0]!.year}–${ys.at(-1)!.year} of ${pick(ys[0]!).method}`,
          inputs: ys.flatMap((y) => pick(y).inputs),
          sources: [...new Set(ys.flatMap((y) => pick(y).sources))],
        });
        const finding = findingFor(`facts/${profit.id}`);
        arcelorRecomputed.push(
          para(
            'problems.arcelorSurplus',
            {
              company,
              years: span(ys[0]!.year, ys.at(-1)!.year),
              allocated: num(
                'problems.arcelor.allocated',
                total((y) => y.allocated),
                'tonnes',
              ),
              verified: num(
                'problems.arcelor.verified',
                total((y) => y.verified),
                'tonnes',
              ),
              surplus: num(
                'problems.arcelor.surplus',
                total((y) => y.surplus),
                'tonnes',
              ),
              verdict: t(`verdicts.${finding?.verdict ?? 'cannot-recompute'}`),
            },
            ys.flatMap((y) => y.surplus.sources),
          ),
        );
      }
    }
    const changeFinding = amChange ? findingFor(`facts/${amChange.id}`) : undefined;
    if (amChange && changeFinding && changeFinding.recomputed !== null) {
      const m: Metric = {
        value: changeFinding.recomputed,
        unit: '%/yr',
        method: changeFinding.method,
        inputs: [],
        sources: [],
        period: { start: amChange.period_start ?? undefined, end: amChange.period_end ?? undefined },
      };
      arcelorRecomputed.push(
        para(
          'problems.arcelorTrend',
          {
            company,
            from: year(amChange.period_start!.slice(0, 4)),
            to: year(amChange.period_end!.slice(0, 4)),
            recomputed: moved('problems.arcelor.recomputed', m, 2),
            printed: stated('problems.arcelor.printedChange', amChange, 'percent', 1, { abs: true }),
            verdict: t(`verdicts.${changeFinding.verdict}`),
          },
          sourcesOf([amChange]),
        ),
      );
    }
    // What the matching rule may miss or wrongly include, with this data's counts.
    const holderSources = data.sources.filter((x) =>
      surplus.accounts.some((a) => data.installations.some((i) => i.account === a.account && i.market === a.market && i.source.split(';').includes(x.id))),
    );
    const taken = holderSources.map((x) => x.published).find((p): p is string => !!p);
    const count = (id: string, n: number) =>
      ledger.add({
        id,
        text: formatCount(n, lang),
        kind: 'number',
        value: n,
        unit: 'count',
        rows: [{ dataset: 'company-rules', rows: [surplus.company] }],
        sources: [],
      });
    arcelorRecomputed.push(
      para(
        taken ? 'problems.arcelorRuleDated' : 'problems.arcelorRule',
        {
          company,
          accounts: count('problems.arcelor.accounts', surplus.accounts.length),
          withoutHolder: count('problems.arcelor.withoutHolder', surplus.accounts.filter((a) => !a.matchedBy.some((h) => h.field === 'holder')).length),
          byName: count('problems.arcelor.byName', surplus.accounts.filter((a) => a.matchedBy.every((h) => h.field === 'name')).length),
          excluded: count('problems.arcelor.excluded', surplus.excluded.length),
          ...(taken ? { taken: /^\d{4}-\d{2}$/.test(taken) ? month(`${taken}-01`) : ledger.label(`published:${taken}`, taken) } : {}),
        },
        sourcesOf(surplus.rules),
      ),
    );
  }
  // The paper's emission trends by phase, each against the data over the claim's own years.
  const phaseTrends: Paragraph[] = [];
  for (const pm of metrics.phases[reference] ?? []) {
    const f = statedTrendIn(data, reference, pm.period);
    const finding = f ? findingFor(`facts/${f.id}`) : undefined;
    if (!f || !finding) continue;
    const claimYears = span(+f.period_start!.slice(0, 4), +f.period_end!.slice(0, 4));
    const values = { phase: ordinal(pm.phase), claimYears, printed: movedFact(`problems.phaseTrend.${pm.phase}.printed`, f, 2) };
    const sources = [...sourcesOf([f]), ...pm.emissionsChangePerYear.sources];
    const place = { slot: `problems.phaseTrend.${pm.phase}` };
    const recomputed = () =>
      direction(
        finding.recomputed!,
        ledger.add({
          id: `problems.phaseTrend.${pm.phase}.recomputed`,
          text: written(Math.abs(finding.recomputed!), finding.precision, 'percent', '%/yr', 2),
          kind: 'number',
          value: finding.recomputed,
          unit: '%/yr',
          precision: finding.precision,
          period: { start: f.period_start ?? undefined, end: f.period_end ?? undefined },
          method: finding.method,
          rows: finding.inputs ?? [],
          sources: finding.sources ?? [],
          verdict: finding.verdict,
          reason: finding.reason,
          ...(finding.because && 'scope' in finding.because && finding.because.scope ? { scope: finding.because.scope } : {}),
        }),
      );
    const b = finding.because;
    if (finding.recomputed !== null && b?.kind === 'unstated') {
      phaseTrends.push(
        para(
          'problems.phaseTrendUnstated',
          { ...values, recomputed: recomputed(), scope: b.scope ? scope(b.scope) : t('verdicts.because.dataScope') },
          sources,
          place,
        ),
      );
    } else if (finding.recomputed !== null) {
      const onScope = b?.kind === 'recomputed' && b.scope ? b.scope : undefined;
      phaseTrends.push(
        para(
          onScope ? 'problems.phaseTrendComparable' : 'problems.phaseTrend',
          { ...values, recomputed: recomputed(), ...(onScope ? { scope: scope(onScope) } : {}) },
          sources,
          place,
        ),
      );
    } else if (b?.kind === 'scope') {
      phaseTrends.push(para('problems.phaseTrendNotComparable', { ...values, firstScope: scope(b.firstScope), lastScope: scope(b.lastScope) }, sources, place));
    }
  }

  citeCharts('problems');

  // China compared -------------------------------------------------------------------------------
  const china: Paragraph[] = [];
  const subMarket = data.markets.find((m) => m.id === subject);
  const entities = metrics.coverage[subject]?.entities;
  const coveredSub = metrics.coverage[subject]?.coveredEmissions;
  if (subMarket?.launch_date && entities?.value != null && coveredSub?.value != null) {
    // A market may have its own wording (China's first entities were all power companies); others take the plain one.
    const launchKey = hasString(t, `china.launchFor.${subject}`) ? `china.launchFor.${subject}` : 'china.launch';
    china.push(
      para(
        launchKey,
        {
          launch: date(subMarket.launch_date),
          entities: num('china.launch.entities', entities, 'count'),
          covered: num('china.launch.covered', coveredSub, 'tonnes'),
        },
        [...entities.sources, ...coveredSub.sources],
        { slot: 'china.launch' },
      ),
    );
  }
  const v = metrics.volume;
  if (window && v.subject.total.value !== null && v.reference.total.value !== null && v.ratio.value !== null) {
    const threshold = volumeClaim && volumeClaim.qualifier === 'below' ? volumeClaim.value! : null;
    const key = threshold === null ? 'china.volumePlain' : v.ratio.value < threshold ? 'china.volumeBelow' : 'china.volumeAbove';
    china.push(
      para(
        key,
        {
          from: date(window.start),
          to: date(window.end),
          subject: num('china.volume.subject', v.subject.total, 'tonnes'),
          reference: num('china.volume.reference', v.reference.total, 'tonnes'),
          ratio: num('china.volume.ratio', v.ratio, 'percent', 2, volumeClaim ? { verdictOf: `facts/${volumeClaim.id}` } : {}),
          // The sentence says "under" itself: the threshold is written bare.
          ...(threshold === null
            ? {}
            : {
                threshold: ledger.add({
                  id: 'china.volume.threshold',
                  text: formatPercent(threshold, lang, 0),
                  kind: 'number',
                  value: threshold,
                  unit: volumeClaim!.unit,
                  method: 'stated by the paper',
                  rows: [{ dataset: 'facts', rows: [volumeClaim!.id] }],
                  sources: sourcesOf([volumeClaim!]),
                }),
              }),
        },
        [...v.ratio.sources, ...(volumeClaim ? sourcesOf([volumeClaim]) : [])],
        { slot: 'china.volume', compares: threshold !== null },
      ),
    );
  }
  const subBand = metrics.prices.bands[subject];
  const refBand = metrics.prices.bands[reference];
  const refCurrency = currencyOf(reference);
  const subInRef = subBand?.converted[refCurrency];
  if (
    subBand &&
    refBand &&
    subInRef &&
    [subBand.stated.low, subBand.stated.high, refBand.stated.low, refBand.stated.high, subInRef.low, subInRef.high].every((m) => m.value !== null) &&
    metrics.prices.ratio.value !== null
  ) {
    const bare = (id: string, m: Metric, kind: Kind, max: number) =>
      ledger.metric(id, m, written(m.value!, { digits: m.precision?.digits ?? null, approx: false }, kind, m.unit, max));
    china.push(
      para(
        'china.prices',
        {
          cnLow: bare('china.prices.subjectLow', subBand.stated.low, 'price', 0),
          cnHigh: bare('china.prices.subjectHigh', subBand.stated.high, 'price', 0),
          cnLowEur: bare('china.prices.subjectLowConverted', subInRef.low, 'price', 1),
          cnHighEur: bare('china.prices.subjectHighConverted', subInRef.high, 'price', 1),
          euLow: bare('china.prices.referenceLow', refBand.stated.low, 'price', 0),
          euHigh: bare('china.prices.referenceHigh', refBand.stated.high, 'price', 0),
          ratio: bare('china.prices.ratio', metrics.prices.ratio, 'number', 1),
        },
        [...metrics.prices.ratio.sources, ...subInRef.low.sources],
      ),
    );
    // A price the source states inside the window above the band it gives for the window.
    const above = window
      ? data.facts
          .filter(
            (f) =>
              f.market === reference &&
              f.subject === null &&
              f.indicator === 'price-high' &&
              f.value !== null &&
              refBand.stated.high.value !== null &&
              f.value > refBand.stated.high.value &&
              f.period_start !== null &&
              f.period_start >= window.start &&
              (f.period_end ?? '') <= window.end,
          )
          .sort((a, b) => b.value! - a.value!)[0]
      : undefined;
    if (above)
      china.push(
        para(
          'china.pricesAbove',
          { price: stated('china.prices.above', above, 'price', 0), date: date(above.period_end ?? above.period_start!) },
          sourcesOf([above]),
        ),
      );
  }
  const observed = window ? metrics.daily[subject] : undefined;
  if (observed && observed.low.value !== null && observed.high.value !== null) {
    china.push(
      para(
        'china.observed',
        { low: num('china.observed.low', observed.low, 'price', 2), high: num('china.observed.high', observed.high, 'price', 2) },
        observed.low.sources,
      ),
    );
  }
  if (implied && implied.value.value !== null && implied.withinStatedBand !== null) {
    china.push(
      para(
        'china.implied',
        { implied: num('china.implied', implied.value, 'price', 1), inside: choose(implied.withinStatedBand ? 'china.insideBand' : 'china.outsideBand') },
        implied.value.sources,
      ),
    );
  }
  const latest = metrics.latest;
  if (latest && latest.tradingDays.value !== null && latest.volume.value !== null && latest.low.value !== null && latest.high.value !== null) {
    china.push(
      para(
        'china.latest',
        {
          end: date(latest.window.end),
          days: num('china.latest.days', latest.tradingDays, 'number', 0),
          volume: num('china.latest.volume', latest.volume, 'tonnes'),
          low: num('china.latest.low', latest.low, 'price', 2),
          high: num('china.latest.high', latest.high, 'price', 2),
        },
        latest.volume.sources,
      ),
    );
  }
  if (turnoverRef?.value != null && turnoverSub?.value != null) {
    const asShare: Metric = { ...turnoverSub, value: turnoverSub.value * 100, unit: '%' };
    china.push(
      para('china.turnover', { eu: num('china.turnover.reference', turnoverRef, 'number', 1), cn: num('china.turnover.subject', asShare, 'percent', 1) }, [
        ...turnoverRef.sources,
        ...turnoverSub.sources,
      ]),
    );
  }

  citeCharts('china-compared');

  // Recommendations ------------------------------------------------------------------------------
  const recs = [...data.recommendations].sort((a, b) => a.order - b.order);
  const item = (r: (typeof recs)[number]): ListItem => {
    const rows = [{ dataset: 'recommendations' as const, rows: [r.id] }];
    return {
      title: ledger.text(`recommendations.${r.id}.title`, lang === 'zh-CN' ? r.title_zh : r.title_en, rows, sourcesOf([r])),
      text: ledger.text(`recommendations.${r.id}.text`, lang === 'zh-CN' ? r.text_zh : r.text_en, rows, sourcesOf([r])),
    };
  };
  citations.cite(sourcesOf(recs));

  citeCharts('recommendations');

  // Data notes -----------------------------------------------------------------------------------
  const findings = metrics.reconciliation.findings;
  const shownFindings: Finding[] = findings.filter((f) => f.verdict !== 'agrees');
  const countOf = (verdict: string) =>
    ledger.add({
      id: `notes.count.${verdict}`,
      text: String(findings.filter((f) => f.verdict === verdict).length),
      kind: 'number',
      value: findings.filter((f) => f.verdict === verdict).length,
      unit: 'count',
      rows: [],
      sources: [],
    });
  const notes = {
    intro: {
      text: sentence('notes.reconciliationIntro', {
        total: ledger.add({
          id: 'notes.count.total',
          text: String(findings.length),
          kind: 'number',
          value: findings.length,
          unit: 'count',
          rows: [],
          sources: [],
        }),
        agrees: countOf('agrees'),
        disagrees: countOf('disagrees'),
        notComparable: countOf('not-comparable'),
        superseded: countOf('superseded'),
        cannotRecompute: countOf('cannot-recompute'),
      }),
      cites: [],
    },
    findings: {
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
                .map((v, i) =>
                  ledger.add({
                    id: `${f.id}.recomputed.${i}`,
                    text: byUnit(v, f.unit),
                    kind: 'number',
                    value: v,
                    unit: f.unit,
                    method: f.method,
                    rows: f.inputs ?? [],
                    sources: f.sources ?? [],
                    verdict: f.verdict,
                    reason: f.reason,
                  }),
                )
                .join(t('rules.periodSeparator'))
            : ledger.add({
                id: `${f.id}.recomputed`,
                text: byUnit(f.recomputed, f.unit, f.precision),
                kind: 'number',
                value: f.recomputed,
                unit: f.unit,
                precision: f.precision,
                method: f.method,
                rows: f.inputs ?? [],
                sources: f.sources ?? [],
                verdict: f.verdict,
                reason: f.reason,
              }),
        t(`verdicts.${f.verdict}`),
        f.because ? because(f.because, f.id) : '',
      ]),
      flagged: shownFindings.map((f) => f.verdict === 'disagrees'),
      cites: [],
    },
    gaps: dataGaps(),
  };

  /** Any recomputed number in its unit, written the way a reader of `lang` expects. */
  function byUnit(value: number, unit: string, precision?: Precision): string {
    // An approximate recomputation is written as such ("about 0.5%").
    if (precision?.approx)
      return written(value, precision, unit === '%' || unit === '%/yr' ? 'percent' : 'number', unit, 2) + (unit === '%/yr' ? t('units.perYear') : '');
    return formatByUnit(value, unit, lang);
  }

  /** A verdict's reason in the brief's language. */
  function because(b: Because, id: string): string {
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
          {
            unit: currencyName(b.unit, lang),
            printedUnit: currencyName(b.printedUnit, lang),
            sources: b.sources.map((x) => data.sources.find((y) => y.id === x)?.publisher ?? x).join(t('notes.gapSeparator')),
          },
          'verdicts.because.unitLabel',
        );
      case 'recorded':
        return fill(
          t('verdicts.because.recorded'),
          { sources: b.sources.map((s) => data.sources.find((x) => x.id === s)?.publisher ?? s).join(t('notes.gapSeparator')) },
          'verdicts.because.recorded',
        );
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
  }

  /** What the brief cannot show yet, from the data: rough or absent annual volumes, missing series. */
  function dataGaps(): Paragraph | null {
    const market = marketName(reference);
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
        items.push(
          fill(
            t('notes.gapPhasePrices'),
            {
              market,
              phases: phasesMissing
                .map((p) =>
                  fill(
                    t('notes.gapPhase'),
                    { phase: fill(t('phases.label'), { phase: ordinal(p.phase) }, 'phases.label'), years: span(p.start_year, p.end_year) },
                    'notes.gapPhase',
                  ),
                )
                .join(t('notes.gapSeparator')),
            },
            'notes.gapPhasePrices',
          ),
        );
      }
      if (!priceSeries.some((x) => x.months.some((m) => m.volume !== null)))
        items.push(fill(t('notes.gapSeriesVolumes'), { market }, 'notes.gapSeriesVolumes'));
    }
    // Series of the paper's figures that data/ cannot draw yet (the charts that would show them).
    const missing = {
      gdp: !indexed,
      arcelor: !surplus?.years.some((y) => y.verified.value !== null),
      // Per-auction rows after an import, else the shipped yearly aggregates (as Figure 5 draws).
      auctionPrice: !auctionFigures(data, reference).some((y) => y.price !== null),
    };
    for (const [key, absent] of Object.entries(missing)) {
      // Names of the paper's figures ("Figure 7") are labels, not quantities.
      if (absent) items.push(ledger.label(`notes.gapSeries.${key}`, t(`notes.gapSeries.${key}`)));
    }
    return items.length > 0 ? { text: sentence('notes.gaps', { items: items.join(t('notes.gapSeparator')) }), cites: [] } : null;
  }

  citeCharts('data-notes');
  citations.cite(ctx.templateCites ?? []);

  // Sources, in order of first citation ------------------------------------------------------------
  const sources = citations.list().map((id, i) => {
    const s = data.sources.find((x) => x.id === id);
    if (!s) throw new Error(`source "${id}" is cited but not in sources.csv`);
    const read = s.retrieved ? fill(t('notes.retrieved'), { date: formatDate(s.retrieved, lang) }, 'notes.retrieved') : t('notes.localCopy');
    return { n: i + 1, id, title: s.title, publisher: s.publisher, url: s.url, retrieved: read };
  });

  return {
    lang,
    // Titles are names (a configuration may set them), not statements of number.
    title: ledger.label('brief.title', t('brief.title')),
    subtitle: ledger.label('brief.subtitle', t('brief.subtitle')),
    asOfIso,
    asOf,
    reach,
    readOn,
    keyFigures,
    global,
    phases: { intro: phasesIntro, table: phaseTable, lines, volumes },
    mechanisms,
    results: {
      revenue: revenueParagraph,
      emissions: emissionsParagraphs,
      decoupling,
      power: powerParagraph,
      powerTable,
      powerRegion,
      powerCompared: powerComparedTable,
      powerComparedNote,
    },
    problems: { overAllocation: { text: overAllocationText, cites: citations.cite(paperSources) }, arcelor, arcelorRecomputed, phaseTrends },
    china,
    recommendations: recs.filter((r) => r.kind === 'recommendation').map(item),
    outlook: recs.filter((r) => r.kind === 'outlook').map(item),
    notes,
    sources,
    chartCites,
    ledger,
  };
}

/** Whether the strings have `key` (a translator throws for a key it does not have). */
function hasString(t: (key: string) => string, key: string): boolean {
  try {
    t(key);
    return true;
  } catch (error) {
    if (error instanceof UnknownStringError) return false;
    throw error;
  }
}
