import { annualVolumes } from '../metrics/annual-volumes.js';
import type { Data } from '../data/datasets/index.js';
import type { Finding, Metric, Metrics } from '../metrics/index.js';
import { fill, formatByUnit, formatCount, formatDate, formatMoney, formatMonth, formatNumber, formatPercent, formatPrice, formatTonnes, formatYear, type Lang } from './format.js';

/**
 * Everything a brief shows, in one language, as plain text and numbers: sentences are filled from
 * metrics here, so templates only lay them out. Pure: the same data, metrics and strings give the
 * same view.
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
  readonly asOfIso: string;
  readonly asOf: string;
  readonly keyFigures: readonly KeyFigure[];
  readonly global: readonly Paragraph[];
  readonly phases: { readonly intro: Paragraph; readonly table: TableView; readonly lines: readonly Paragraph[]; readonly volumes: Paragraph | null };
  readonly mechanisms: readonly Paragraph[];
  readonly results: { readonly revenue: Paragraph | null; readonly emissions: Paragraph | null; readonly power: Paragraph | null; readonly powerTable: TableView | null };
  readonly problems: { readonly overAllocation: Paragraph; readonly arcelor: Paragraph | null; readonly phaseTrends: Paragraph | null };
  readonly china: readonly Paragraph[];
  readonly recommendations: readonly ListItem[];
  readonly outlook: readonly ListItem[];
  readonly notes: { readonly intro: Paragraph; readonly findings: TableView; readonly gaps: Paragraph | null };
  readonly sources: readonly SourceView[];
  /** Footnote numbers for each chart's sources. */
  readonly chartCites: Readonly<Record<string, readonly number[]>>;
}

export interface ViewContext {
  readonly data: Data;
  readonly metrics: Metrics;
  readonly lang: Lang;
  readonly t: (key: string) => string;
  /** Per section, in reading order, the charts it shows and their sources (cited after its text). */
  readonly chartsBySection?: Readonly<Record<string, readonly { readonly id: string; readonly sources: readonly string[] }[]>>;
}

/** Numbers footnotes in the order sources are first cited. */
class Citations {
  private readonly order: string[] = [];
  cite(ids: readonly string[]): number[] {
    return [...new Set(ids)].map((id) => {
      let i = this.order.indexOf(id);
      if (i === -1) i = this.order.push(id) - 1;
      return i + 1;
    }).sort((a, b) => a - b);
  }
  list(): readonly string[] {
    return this.order;
  }
}

type Fact = Data['facts'][number];

/** "Table 1", "Fig. 7" as a Chinese reader writes them: 表1, 图7. */
function localRef(ref: string, lang: Lang): string {
  return lang === 'zh-CN' ? ref.replace(/Table\s*(\d+)/g, '表$1').replace(/Fig\.\s*(\d+)/g, '图$1') : ref;
}

/**
 * Series of the paper's figures that data/ does not hold yet: each is missing while facts.csv
 * has no row of its indicator for the reference market (the row it would take to fill it).
 */
const PAPER_SERIES: readonly { key: string; indicator: string; subject?: string }[] = [
  { key: 'gdp', indicator: 'real-gdp' },
  { key: 'arcelor', indicator: 'verified-emissions', subject: 'ArcelorMittal' },
  { key: 'auctionPrice', indicator: 'average-auction-price' },
];

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

/** What the brief cannot show yet, from the data: rough or absent annual volumes, missing series. */
function dataGaps(data: Data, reference: string, lang: Lang, t: (key: string) => string): Paragraph | null {
  const market = t(`markets.${reference}`);
  const volumes = annualVolumes(data, reference);
  const years = [...new Set(volumes.map((v) => v.year))];
  const rough = years.filter((y) => !volumes.some((v) => v.year === y && v.qualifier === 'exact'));
  const absent = years.length > 0 ? Array.from({ length: years.at(-1)! - years[0]! + 1 }, (_, i) => years[0]! + i).filter((y) => !years.includes(y)) : [];
  const items: string[] = [];
  if (rough.length > 0) items.push(fill(t('notes.gapRoughVolumes'), { market, years: yearRanges(rough, lang) }, 'notes.gapRoughVolumes'));
  if (absent.length > 0) items.push(fill(t('notes.gapAbsentVolumes'), { market, years: yearRanges(absent, lang) }, 'notes.gapAbsentVolumes'));
  for (const series of PAPER_SERIES) {
    const held = data.facts.some((f) => f.market === reference && f.indicator === series.indicator && f.value !== null && (series.subject === undefined || f.subject === series.subject));
    if (!held) items.push(t(`notes.gapSeries.${series.key}`));
  }
  return items.length > 0 ? { text: fill(t('notes.gaps'), { items: items.join(t('notes.gapSeparator')) }, 'notes.gaps'), cites: [] } : null;
}

export function buildView(ctx: ViewContext): BriefView {
  const { data, metrics, lang, t } = ctx;
  const citations = new Citations();
  const chartCites: Record<string, readonly number[]> = {};
  const citeCharts = (section: string) => {
    for (const chart of ctx.chartsBySection?.[section] ?? []) chartCites[chart.id] = citations.cite(chart.sources);
  };
  const sourcesOf = (rows: readonly { source: string }[]) => rows.flatMap((r) => r.source.split(';').map((s) => s.trim()));
  const para = (key: string, values: Record<string, string | number>, sources: readonly string[]): Paragraph => ({
    text: fill(t(key), values, key),
    cites: citations.cite(sources),
  });
  const { subject, reference, window } = metrics.comparison;
  // Paragraphs that summarise the source paper in words cite what its recommendations cite.
  const paperSources = [...new Set(sourcesOf(data.recommendations))];
  const fact = (market: string, indicator: string, subjectName: string | null = null): Fact | undefined =>
    data.facts.filter((f) => f.market === market && f.indicator === indicator && f.subject === subjectName && f.value !== null).sort((a, b) => (a.period_end ?? '').localeCompare(b.period_end ?? '')).at(-1);
  const qualified = (text: string, f: Fact | undefined) => `${f ? t(`qualifiers.${f.qualifier}`) : ''}${text}`;
  const factOfMetric = (m: Metric) => data.facts.find((f) => m.inputs.some((i) => i.dataset === 'facts' && i.rows.includes(f.id)));
  const currencyOf = (market: string) => data.markets.find((m) => m.id === market)?.currency ?? 'EUR';
  const pct = (m: Metric | undefined, decimals = 1) => (m && m.value !== null ? formatPercent(m.value, lang, decimals) : null);
  const all = (...values: (string | null | undefined)[]) => values.every((v) => v !== null && v !== undefined);

  // Key figures ---------------------------------------------------------------------------------
  const keyFigures: KeyFigure[] = [];
  const bandMid = (market: string) => metrics.prices.bands[market];
  if (window && metrics.volume.ratio.value !== null) {
    keyFigures.push({
      label: t('keyFigures.volumeShare'), value: formatPercent(metrics.volume.ratio.value, lang, 2),
      note: fill(t('keyFigures.volumeShareNote'), { from: formatDate(window.start, lang), to: formatDate(window.end, lang) }, 'keyFigures.volumeShareNote'),
      cites: citations.cite(metrics.volume.ratio.sources),
    });
  }
  if (metrics.prices.ratio.value !== null && bandMid(reference)) {
    keyFigures.push({
      label: t('keyFigures.priceRatio'), value: fill(t('brief.times'), { x: formatNumber(metrics.prices.ratio.value, lang, 1) }, 'brief.times'),
      note: t('keyFigures.priceRatioNote'), cites: citations.cite(metrics.prices.ratio.sources),
    });
  }
  const implied = metrics.prices.subjectImplied;
  if (window && implied && implied.value.value !== null) {
    keyFigures.push({
      label: t('keyFigures.impliedPrice'), value: formatPrice(implied.value.value, currencyOf(subject), lang),
      note: fill(t('keyFigures.impliedPriceNote'), { from: formatDate(window.start, lang), to: formatDate(window.end, lang) }, 'keyFigures.impliedPriceNote'),
      cites: citations.cite(implied.value.sources),
    });
  }
  const turnoverEu = metrics.coverage[reference]?.turnoverRatio;
  const turnoverCn = metrics.coverage[subject]?.turnoverRatio;
  if (turnoverEu?.value != null && turnoverCn?.value != null) {
    keyFigures.push({
      label: t('keyFigures.turnover'),
      value: `${formatNumber(turnoverEu.value, lang, 1)} : ${formatNumber(turnoverCn.value, lang, 3)}`,
      note: fill(t('keyFigures.turnoverNote'), { eu: formatNumber(turnoverEu.value, lang, 1), cn: formatNumber(turnoverCn.value, lang, 3) }, 'keyFigures.turnoverNote'),
      cites: citations.cite([...turnoverEu.sources, ...turnoverCn.sources]),
    });
  }
  const revenue = data.facts
    .filter((f) => f.market === reference && f.indicator === 'auction-revenue' && f.value !== null && f.period_end)
    .sort((a, b) => a.period_end!.localeCompare(b.period_end!))
    .at(-1);
  if (revenue) {
    keyFigures.push({
      label: fill(t('keyFigures.auctionRevenue'), { year: revenue.period_end!.slice(0, 4) }, 'keyFigures.auctionRevenue'),
      value: formatMoney(revenue.value!, revenue.unit, lang), note: t('keyFigures.auctionRevenueNote'), cites: citations.cite(sourcesOf([revenue])),
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
    global.push(para('global.inForce', { date: formatMonth(inForce.period_end!, lang), inForce: inForce.value!, inDevelopment: inDev.value!, consideration: consider.value! }, sourcesOf([inForce, inDev, consider])));
  }
  const [gdp, pop, emis] = [w('ets-share-of-world-gdp'), w('ets-share-of-world-population'), w('ets-share-of-world-emissions')];
  if (gdp && pop && emis) {
    global.push(para('global.shares', { gdp: formatPercent(gdp.value!, lang, 0), population: formatPercent(pop.value!, lang, 0), emissions: formatPercent(emis.value!, lang, 0) }, sourcesOf([gdp, pop, emis])));
  }
  const [nzE, nzG] = [w('net-zero-pledges-share-of-emissions'), w('net-zero-pledges-share-of-gdp-ppp')];
  if (nzE && nzG) global.push(para('global.netZero', { date: formatMonth(nzE.period_end!, lang), emissions: formatPercent(nzE.value!, lang, 0), gdp: formatPercent(nzG.value!, lang, 0) }, sourcesOf([nzE, nzG])));
  const refMarket = data.markets.find((m) => m.id === reference);
  const [inst, share, total] = [fact(reference, 'entities'), fact(reference, 'share-of-jurisdiction-emissions'), fact(reference, 'cumulative-revenue')];
  if (refMarket?.launch_date && inst && share && total) {
    global.push(para('global.eu', {
      launch: formatYear(refMarket.launch_date.slice(0, 4), lang), installations: formatCount(inst.value!, lang), share: formatPercent(share.value!, lang, 0),
      revenue: formatMoney(total.value!, total.unit, lang),
    }, sourcesOf([refMarket, inst, share, total])));
  }

  citeCharts('global');

  // Phases ---------------------------------------------------------------------------------------
  const phaseRows = data.phases.filter((p) => p.market === reference).sort((a, b) => a.phase - b.phase);
  const years = (start: number, end: number | null) => (end === null ? fill(t('phases.open'), { start }, 'phases.open') : `${start}–${end}`);
  const phaseTable: TableView = {
    caption: t('phases.tableCaption'),
    columns: ['phase', 'years', 'scope', 'gases', 'cap', 'allocation', 'penalty'].map((c) => t(`phases.columns.${c}`)),
    flagged: [],
    rows: phaseRows.map((p) => [
      String(p.phase), years(p.start_year, p.end_year), lang === 'zh-CN' ? p.sectors_zh : p.sectors_en, p.gases,
      p.cap_reduction_pct_per_year === null ? '—' : formatPercent(p.cap_reduction_pct_per_year, lang, 2),
      lang === 'zh-CN' ? p.allocation_zh : p.allocation_en,
      p.penalty_eur_per_t === null ? '—' : formatPrice(p.penalty_eur_per_t, 'EUR', lang, 0),
    ]),
    cites: citations.cite(sourcesOf(phaseRows)),
  };
  const refCurrency = currencyOf(reference);
  const lines: Paragraph[] = [];
  for (const pm of metrics.phases[reference] ?? []) {
    if (pm.statedHigh.value === null || pm.statedLow.value === null) continue;
    const phaseYears = years(+pm.period.start!.slice(0, 4), pm.period.end ? +pm.period.end.slice(0, 4) : null);
    const low = qualified(formatPrice(pm.statedLow.value, refCurrency, lang, 2), factOfMetric(pm.statedLow));
    const high = qualified(formatPrice(pm.statedHigh.value, refCurrency, lang, 2), factOfMetric(pm.statedHigh));
    const sources = [...pm.statedHigh.sources, ...pm.statedLow.sources];
    if (pm.observedMax.value !== null && pm.observedMin.value !== null) {
      const rows = data['price-annual'].filter((r) => r.market === reference && pm.observedMax.inputs.some((i) => i.rows.includes(`${r.market}/${r.year}/${r.instrument}`)));
      const from = rows.map((r) => r.first_date).sort()[0]!;
      const to = rows.map((r) => r.last_date).sort().at(-1)!;
      const covered = from <= `${pm.period.start!.slice(0, 4)}-01-07` && (!pm.period.end || to >= `${pm.period.end.slice(0, 4)}-12-24`);
      lines.push(para('phases.phaseLineObserved', {
        phase: pm.phase, years: phaseYears, low, high,
        min: formatPrice(pm.observedMin.value, refCurrency, lang, 2), max: formatPrice(pm.observedMax.value, refCurrency, lang, 2),
        partial: covered ? '' : fill(t('phases.partial'), { from: formatDate(from, lang), to: formatDate(to, lang) }, 'phases.partial'),
      }, [...sources, ...pm.observedMax.sources]));
    } else {
      lines.push(para('phases.phaseLine', { phase: pm.phase, years: phaseYears, low, high }, sources));
    }
  }
  const volumeFacts = data.facts
    .filter((f) => f.market === reference && f.subject === null && f.value !== null && f.indicator === 'traded-volume' && f.period_start?.endsWith('-01-01') && f.period_end?.endsWith('-12-31') && f.period_start.slice(0, 4) === f.period_end.slice(0, 4))
    .sort((a, b) => a.period_start!.localeCompare(b.period_start!));
  const firstVol = volumeFacts[0];
  const lastVol = volumeFacts.at(-1);
  const volumes = firstVol && lastVol && firstVol !== lastVol
    ? para('phases.volumes', {
        first: formatTonnes(firstVol.value!, lang), firstYear: firstVol.period_start!.slice(0, 4),
        last: qualified(formatTonnes(lastVol.value!, lang), lastVol), lastYear: lastVol.period_start!.slice(0, 4),
      }, sourcesOf([firstVol, lastVol]))
    : null;

  citeCharts('phases');

  // Mechanisms -----------------------------------------------------------------------------------
  const mechanisms: Paragraph[] = [];
  const lrf = (n: number) => phaseRows.find((p) => p.phase === n)?.cap_reduction_pct_per_year ?? null;
  const [p3, p4] = [lrf(3), lrf(4)];
  if (p3 !== null && p4 !== null) mechanisms.push(para('mechanisms.cap', { p3: formatPercent(p3, lang, 2), p4: formatPercent(p4, lang, 1) }, sourcesOf(phaseRows)));
  const msr = data['msr-parameters'].filter((p) => p.market === reference);
  const param = (name: string) => msr.find((p) => p.parameter === name);
  const [upper, lower, rate, release] = [param('upper-threshold'), param('lower-threshold'), param('intake-rate'), param('release-amount')];
  if (upper && lower && rate && release) {
    mechanisms.push(para('mechanisms.msr', {
      upper: formatTonnes(upper.value, lang), lower: formatTonnes(lower.value, lang), rate: formatPercent(rate.value, lang, 0), release: formatTonnes(release.value, lang),
    }, sourcesOf(msr)));
  }
  mechanisms.push({ text: t('mechanisms.mrv'), cites: citations.cite(paperSources) });
  const penalty = (n: number) => phaseRows.find((p) => p.phase === n)?.penalty_eur_per_t ?? null;
  const [pen1, pen2] = [penalty(1), penalty(2)];
  if (pen1 !== null && pen2 !== null) {
    mechanisms.push(para('mechanisms.penalty', { p1: formatPrice(pen1, 'EUR', lang, 0), p2: formatPrice(pen2, 'EUR', lang, 0) }, sourcesOf(phaseRows.filter((p) => p.phase <= 2))));
  }

  citeCharts('mechanisms');

  // Results --------------------------------------------------------------------------------------
  const growth = metrics.auctionRevenueGrowth[reference];
  const printedCagr = fact(reference, 'auction-revenue-cagr');
  const revFirst = growth?.period?.start?.slice(0, 4);
  let revenueParagraph: Paragraph | null = null;
  if (revenue && growth && growth.value !== null && revFirst) {
    const values = { last: formatMoney(revenue.value!, revenue.unit, lang), lastYear: revenue.period_end!.slice(0, 4), firstYear: revFirst, recomputed: formatPercent(growth.value, lang, 1) };
    revenueParagraph = printedCagr
      ? para('results.revenue', { ...values, printed: formatPercent(printedCagr.value!, lang, 0) }, [...growth.sources, ...sourcesOf([printedCagr, revenue])])
      : para('results.revenueSame', values, [...growth.sources, ...sourcesOf([revenue])]);
  }
  const emissionRows = data.emissions.filter((r) => r.market === reference && r.scope === 'verified-ets').sort((a, b) => a.year - b.year);
  const change = metrics.emissionsChange[reference];
  const trend = metrics.emissionsTrend[reference];
  const emissionsParagraph = emissionRows.length >= 2 && change?.value != null && trend?.value != null
    ? para('results.emissions', {
        first: formatTonnes(emissionRows[0]!.value, lang), firstYear: emissionRows[0]!.year, last: formatTonnes(emissionRows.at(-1)!.value, lang), lastYear: emissionRows.at(-1)!.year,
        change: formatPercent(change.value, lang, 1), perYear: formatPercent(trend.value, lang, 1),
      }, [...change.sources])
    : null;
  const mix = Object.values(metrics.powerMix)[0];
  let powerParagraph: Paragraph | null = null;
  let powerTable: TableView | null = null;
  if (mix) {
    const s = (type: string) => mix.sources.find((x) => x.sourceType === type);
    const [coal, wind, solar] = [s('coal'), s('wind'), s('solar')];
    const mixRows = data['power-generation'].filter((r) => r.region === mix.region);
    if (coal && wind && solar) {
      powerParagraph = para('results.power', {
        from: mix.years.from, to: mix.years.to,
        coal: formatPercent(coal.growth.value!, lang, 1), coalFrom: formatPercent(coal.shareFrom.value!, lang, 2), coalTo: formatPercent(coal.shareTo.value!, lang, 2),
        wind: formatPercent(wind.growth.value!, lang, 1), windFrom: formatPercent(wind.shareFrom.value!, lang, 2), windTo: formatPercent(wind.shareTo.value!, lang, 2),
        solar: formatPercent(solar.growth.value!, lang, 0), solarFrom: formatPercent(solar.shareFrom.value!, lang, 2), solarTo: formatPercent(solar.shareTo.value!, lang, 2),
      }, sourcesOf(mixRows));
    }
    const findingsFor = (type: string) => metrics.reconciliation.findings.filter((f) => f.id.startsWith(`power-generation/${mix.region}/${type}/`));
    const printedRow = (year: number, type: string) => mixRows.find((r) => r.year === year && r.source_type === type);
    powerTable = {
      caption: fill(t('results.tableCaption'), { from: mix.years.from, to: mix.years.to }, 'results.tableCaption'),
      columns: [
        t('results.columns.source'), `${mix.years.from} GWh`, `${mix.years.to} GWh`, `${t('results.columns.growth')} (%)`,
        fill(t('results.columns.share'), { year: mix.years.from }, 'results.columns.share'), fill(t('results.columns.share'), { year: mix.years.to }, 'results.columns.share'), t('results.columns.check'),
      ],
      rows: mix.sources.map((x) => {
        const a = printedRow(mix.years.from, x.sourceType);
        const b = printedRow(mix.years.to, x.sourceType);
        const bad = findingsFor(x.sourceType).filter((f) => f.agrees === false);
        const check = bad.length === 0 ? '✓' : `✗ ${bad.map((f) => formatNumber(f.recomputed!, lang, 2)).join(' / ')}`;
        return [
          t(`powerSources.${x.sourceType}`), formatNumber(x.gwh.from, lang), formatNumber(x.gwh.to, lang),
          b?.paper_growth_pct == null ? '' : formatNumber(b.paper_growth_pct, lang, 2),
          // Shares as Table 1 prints them: two decimals (0.60, 24.90); the total row prints 100.
          a?.paper_share_pct == null ? '' : formatNumber(a.paper_share_pct, lang, 2, a.paper_share_pct !== 100),
          b?.paper_share_pct == null ? '' : formatNumber(b.paper_share_pct, lang, 2, b.paper_share_pct !== 100), check,
        ];
      }),
      flagged: mix.sources.map((x) => findingsFor(x.sourceType).some((f) => f.agrees === false)),
      cites: citations.cite(sourcesOf(mixRows)),
    };
  }

  citeCharts('results');

  // Problems -------------------------------------------------------------------------------------
  const profit = fact(reference, 'surplus-allowance-sales', 'ArcelorMittal');
  const amChange = fact(reference, 'emissions-change-per-year', 'ArcelorMittal');
  const arcelor = profit && amChange
    ? para('problems.arcelor', {
        profit: formatMoney(profit.value!, profit.unit, lang), from: amChange.period_start!.slice(0, 4), to: amChange.period_end!.slice(0, 4),
        change: formatPercent(Math.abs(amChange.value!), lang, 1),
      }, sourcesOf([profit, amChange]))
    : null;
  const trendFacts = [1, 2, 3].map((n) => {
    const pm = metrics.phases[reference]?.find((p) => p.phase === n);
    const f = data.facts.find((x) => x.market === reference && x.indicator === 'covered-emissions-change-per-year' && pm && x.period_start === pm.period.start && x.period_end === pm.period.end);
    return { pm, f };
  });
  const phaseTrends = trendFacts.every(({ pm, f }) => pm && f && pm.emissionsChangePerYear.value !== null)
    ? para('problems.phaseTrends', Object.fromEntries(trendFacts.flatMap(({ pm, f }, i) => [
        [`p${i + 1}`, formatPercent(f!.value!, lang, 2)], [`r${i + 1}`, formatPercent(pm!.emissionsChangePerYear.value!, lang, 2)],
      ])), [...sourcesOf(trendFacts.map(({ f }) => f!)), ...trendFacts.flatMap(({ pm }) => pm!.emissionsChangePerYear.sources)])
    : null;

  citeCharts('problems');

  // China compared -------------------------------------------------------------------------------
  const china: Paragraph[] = [];
  const subMarket = data.markets.find((m) => m.id === subject);
  const entities = metrics.coverage[subject]?.entities;
  const covered = metrics.coverage[subject]?.coveredEmissions;
  if (subMarket?.launch_date && entities?.value != null && covered?.value != null) {
    china.push(para('china.launch', { launch: formatDate(subMarket.launch_date, lang), entities: formatCount(entities.value, lang), covered: formatTonnes(covered.value, lang) }, [...entities.sources, ...covered.sources]));
  }
  const v = metrics.volume;
  if (window && v.subject.total.value !== null && v.reference.total.value !== null && v.ratio.value !== null) {
    const claim = fact(subject, 'traded-volume-share-of-reference');
    const threshold = claim && claim.qualifier === 'below' ? claim.value! : null;
    const key = threshold === null ? 'china.volumePlain' : v.ratio.value < threshold ? 'china.volumeBelow' : 'china.volumeAbove';
    china.push(para(key, {
      from: formatDate(window.start, lang), to: formatDate(window.end, lang), subject: formatTonnes(v.subject.total.value, lang), reference: formatTonnes(v.reference.total.value, lang),
      ratio: formatPercent(v.ratio.value, lang, 2), ...(threshold === null ? {} : { threshold: formatPercent(threshold, lang, 0) }),
    }, [...v.ratio.sources, ...(claim ? sourcesOf([claim]) : [])]));
  }
  const cnBand = metrics.prices.bands[subject];
  const euBand = metrics.prices.bands[reference];
  if (cnBand && euBand && all(...[cnBand.stated.low, cnBand.stated.high, euBand.stated.low, euBand.stated.high, cnBand.converted.EUR.low, cnBand.converted.EUR.high].map((m) => (m.value === null ? null : 'ok'))) && metrics.prices.ratio.value !== null) {
    const sub = currencyOf(subject);
    china.push(para('china.prices', {
      cnLow: formatPrice(cnBand.stated.low.value!, sub, lang, 0), cnHigh: formatPrice(cnBand.stated.high.value!, sub, lang, 0),
      cnLowEur: formatPrice(cnBand.converted.EUR.low.value!, 'EUR', lang, 1), cnHighEur: formatPrice(cnBand.converted.EUR.high.value!, 'EUR', lang, 1),
      euLow: formatPrice(euBand.stated.low.value!, refCurrency, lang, 0), euHigh: formatPrice(euBand.stated.high.value!, refCurrency, lang, 0),
      ratio: formatNumber(metrics.prices.ratio.value, lang, 1),
    }, [...metrics.prices.ratio.sources, ...cnBand.converted.EUR.low.sources]));
  }
  if (implied && implied.value.value !== null && implied.withinStatedBand !== null) {
    china.push(para('china.implied', { implied: formatPrice(implied.value.value, currencyOf(subject), lang), inside: t(implied.withinStatedBand ? 'china.insideBand' : 'china.outsideBand') }, implied.value.sources));
  }
  const latest = metrics.latest;
  if (latest && latest.tradingDays.value !== null && latest.volume.value !== null && latest.low.value !== null && latest.high.value !== null) {
    const sub = currencyOf(subject);
    china.push(para('china.latest', {
      end: formatDate(latest.window.end, lang), days: formatNumber(latest.tradingDays.value, lang), volume: formatTonnes(latest.volume.value, lang),
      low: formatPrice(latest.low.value, sub, lang, 2), high: formatPrice(latest.high.value, sub, lang, 2),
    }, latest.volume.sources));
  }
  if (turnoverEu?.value != null && turnoverCn?.value != null) {
    china.push(para('china.turnover', { eu: formatNumber(turnoverEu.value, lang, 1), cn: formatPercent(turnoverCn.value * 100, lang, 1) }, [...turnoverEu.sources, ...turnoverCn.sources]));
  }

  citeCharts('china-compared');

  // Recommendations ------------------------------------------------------------------------------
  const recs = [...data.recommendations].sort((a, b) => a.order - b.order);
  const item = (r: (typeof recs)[number]): ListItem => ({ title: lang === 'zh-CN' ? r.title_zh : r.title_en, text: lang === 'zh-CN' ? r.text_zh : r.text_en });
  citations.cite(sourcesOf(recs));

  citeCharts('recommendations');

  // Data notes -----------------------------------------------------------------------------------
  const findings = metrics.reconciliation.findings;
  const disagree = findings.filter((f) => f.agrees === false);
  const unchecked = findings.filter((f) => f.agrees === null);
  const shownFindings: Finding[] = [...disagree, ...unchecked];
  const notes = {
    intro: { text: fill(t('notes.reconciliationIntro'), { total: findings.length, disagree: disagree.length, unchecked: unchecked.length }, 'notes.reconciliationIntro'), cites: [] },
    findings: {
      caption: t('notes.reconciliation'),
      columns: ['where', 'claim', 'recomputed', 'agrees'].map((c) => t(`notes.columns.${c}`)),
      rows: shownFindings.map((f) => [
        localRef(f.ref, lang), f.claim,
        f.recomputed === null ? '—' : formatByUnit(f.recomputed, f.unit, lang),
        t(f.agrees === true ? 'notes.yes' : f.agrees === false ? 'notes.no' : 'notes.unknown'),
      ]),
      flagged: shownFindings.map((f) => f.agrees === false),
      cites: [],
    },
    gaps: dataGaps(data, reference, lang, t),
  };

  citeCharts('data-notes');

  // Sources, in order of first citation ------------------------------------------------------------
  const sources = citations.list().map((id, i) => {
    const s = data.sources.find((x) => x.id === id);
    if (!s) throw new Error(`source "${id}" is cited but not in sources.csv`);
    return { n: i + 1, id, title: s.title, publisher: s.publisher, url: s.url, retrieved: fill(t('notes.retrieved'), { date: formatDate(s.retrieved, lang) }, 'notes.retrieved') };
  });
  const asOfIso = [...data.sources.map((s) => s.retrieved)].sort().at(-1)!;

  return {
    lang,
    title: t('brief.title'),
    subtitle: t('brief.subtitle'),
    asOfIso,
    asOf: fill(t('brief.asOf'), { date: formatDate(asOfIso, lang) }, 'brief.asOf'),
    keyFigures,
    global,
    phases: { intro: { text: t('phases.intro'), cites: [] }, table: phaseTable, lines, volumes },
    mechanisms,
    results: { revenue: revenueParagraph, emissions: emissionsParagraph, power: powerParagraph, powerTable },
    problems: { overAllocation: { text: t('problems.overAllocation'), cites: citations.cite(paperSources) }, arcelor, phaseTrends },
    china,
    recommendations: recs.filter((r) => r.kind === 'recommendation').map(item),
    outlook: recs.filter((r) => r.kind === 'outlook').map(item),
    notes,
    sources,
    chartCites,
  };
}
