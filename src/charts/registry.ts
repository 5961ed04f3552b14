import { preferredSeries, type DailySeries } from '../data/daily-series.js';
import type { Data } from '../data/datasets/index.js';
import { daysBetween, isLeapYear, yearStart } from '../data/dates.js';
import { annualVolumes } from '../metrics/annual-volumes.js';
import { auctionFigures } from '../metrics/auction-figures.js';
import { everySeriesMonths, seriesMonths } from '../metrics/daily.js';
import { phasesWithoutPrices } from '../metrics/phase-gaps.js';
import { emissionsAndGdp, gdpRegionOf, INDEX_BASE } from '../metrics/decoupling.js';
import { asCovered, companySurplus, comparableSeries, scopeChanges, scopeLabel, statedTrendIn, type Metrics } from '../metrics/index.js';
import { sourcesOf } from '../metrics/types.js';
import { isPartialYear } from '../metrics/period.js';
import { reduceSeries } from './reduce.js';

export type Row = Record<string, string | number | null>;

export interface ChartContext {
  readonly data: Data;
  /** Daily trading series, reduced so that a chart's size does not grow with the rows. */
  readonly daily: readonly DailySeries[];
  readonly metrics: Metrics;
  readonly lang: 'zh-CN' | 'en';
  readonly t: (key: string) => string;
  /** "Phase 2" / "第2阶段". */
  readonly phaseLabel: (phase: number) => string;
  readonly marketLabel: (market: string) => string;
  /** An ISO date as the reader's language writes it (titles and descriptions). */
  readonly dateLabel: (iso: string) => string;
}

export interface ChartBuild {
  /** `table` is the chart's main data: shown as its data table and offered as CSV. */
  readonly datasets: { readonly table: readonly Row[] } & Readonly<Record<string, readonly Row[]>>;
  /** Values for {placeholders} in the chart's strings (title, description). */
  readonly placeholders: Readonly<Record<string, string | number>>;
  /** Source ids behind the chart, for its caption. */
  readonly sources: readonly string[];
  /**
   * Tables written beside the chart's CSV as `<chart>-<name>.csv` (e.g. the accounts a company's
   * figure sums, for a reader to review); each header is the string `charts.<id>.<name>.<field>`.
   */
  readonly files?: readonly { readonly name: string; readonly fields: readonly string[]; readonly rows: readonly Row[] }[];
}

export interface ChartDefinition {
  readonly id: string;
  readonly height: number;
  /** The table's columns; each header is the string `charts.<id>.<field>`. */
  readonly fields: readonly string[];
  /** null when data/ cannot draw the chart (the brief then says what is missing). */
  build(ctx: ChartContext): ChartBuild | null;
}

/** 2021-07-16 -> 2021.537: a date on a continuous year axis. */
function fractionalYear(iso: string): number {
  const year = +iso.slice(0, 4);
  return year + daysBetween(yearStart(year), iso) / (isLeapYear(year) ? 366 : 365);
}

/** Source ids each once, sorted: the order a chart's caption cites them in. */
const uniqueSorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
/** The sources rows cite (their ";"-separated source column), each once, sorted. */
const citedSources = (rows: readonly { source: string }[]) => uniqueSorted(sourcesOf(rows));

/** The first and last years of a chart's rows (in order): its strings' {from} and {to}. */
const yearSpan = (rows: readonly { readonly year: number }[]) => ({ from: rows[0]!.year, to: rows.at(-1)!.year });

/**
 * A table's columns as the long rows a chart of several lines draws: for each year, one row per
 * series, holding its label and that column's value under the field `as`.
 */
function seriesRows<R extends { readonly year: number }>(
  table: readonly R[],
  as: string,
  series: readonly (readonly [label: string, column: keyof R])[],
): Row[] {
  return table.flatMap((r) => series.map(([label, column]) => ({ year: r.year, series: label, [as]: r[column] as Row[string] })));
}
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

function phaseOfYear(data: Data, market: string, year: number): number | undefined {
  return data.phases.find((p) => p.market === market && p.start_year <= year && year <= (p.end_year ?? Infinity))?.phase;
}

/**
 * Rows for each market of the comparison (reference first), over the comparison window; null when
 * either market lacks a number, so a chart never shows one market alone.
 */
function perComparedMarket(ctx: ChartContext, rowsFor: (market: string) => { rows: Row[]; sources: readonly string[] } | null): ChartBuild | null {
  const { window, subject, reference } = ctx.metrics.comparison;
  if (!window) return null;
  const rows: Row[] = [];
  const sources = new Set<string>();
  for (const market of [reference, subject]) {
    const part = rowsFor(market);
    if (!part) return null;
    rows.push(...part.rows);
    for (const x of part.sources) sources.add(x);
  }
  return { datasets: { table: rows }, placeholders: { from: ctx.dateLabel(window.start), to: ctx.dateLabel(window.end) }, sources: [...sources].sort() };
}

/**
 * The years of the paper's printed claim about the market's verified emissions that reaches
 * furthest beyond the data (its Figure 6 trend), else its longest, against the years the data
 * reach: what part of the paper's figure the chart can show. Empty when no claim is recorded.
 */
function paperYears(ctx: ChartContext, market: string, from: number, to: number, comparableTo: number | undefined): string {
  const years = (f: { period_start: string | null; period_end: string | null }) => [+f.period_start!.slice(0, 4), +f.period_end!.slice(0, 4)] as const;
  const outside = (f: { period_start: string | null; period_end: string | null }) => {
    const [a, b] = years(f);
    return [...Array.from({ length: Math.max(0, from - a) }, (_, i) => a + i), ...Array.from({ length: Math.max(0, b - to) }, (_, i) => to + 1 + i)];
  };
  // The claim reaching furthest beyond the data, else the longest.
  const claim = ctx.data.facts
    .filter(
      (f) =>
        f.market === market &&
        f.subject === null &&
        f.indicator.startsWith('covered-emissions') &&
        f.paper_ref !== null &&
        f.period_start !== null &&
        f.period_end !== null,
    )
    .sort((x, y) => outside(y).length - outside(x).length || years(y)[1] - years(y)[0] - (years(x)[1] - years(x)[0]))[0];
  if (!claim) return '';
  const [a, b] = years(claim);
  const missing = outside(claim);
  return ctx
    .t(missing.length > 0 ? 'charts.emissions-part.paperMissing' : 'charts.emissions-part.paperCovered')
    .replace('{ref}', claim.paper_ref!)
    .replace('{from}', String(a))
    .replace('{to}', String(b))
    .replace('{missing}', missing.join(ctx.lang === 'zh-CN' ? '、' : ', '))
    .replace('{comparableTo}', String(comparableTo ?? to));
}

/** The publishers (sources.csv) of the sources cited, each once, in order of first citation. */
const publishersOf = (ctx: ChartContext, ids: readonly string[]) =>
  [...new Set(ids.map((id) => ctx.data.sources.find((s) => s.id === id.trim())?.publisher).filter((p): p is string => !!p))].join(', ');

/** The unit large totals are charted in: 亿 (10^8) in Chinese, billions in English. */
const bigUnit = (ctx: ChartContext) => (ctx.lang === 'zh-CN' ? 1e8 : 1e9);

/** The reference market of the comparison, whose history the paper's figures show. */
const referenceOf = (ctx: ChartContext) => ctx.metrics.comparison.reference;

export const CHARTS: readonly ChartDefinition[] = [
  {
    id: 'eua-price',
    height: 240,
    fields: ['period', 'mean', 'min', 'max', 'coverage'],
    build(ctx) {
      const market = referenceOf(ctx);
      // Daily prices where data/ has them (its preferred instrument); the annual aggregates otherwise.
      const series = preferredSeries(ctx.daily, market);
      const daily = series && series.points.length >= 2 ? series : undefined;
      // An annual point from part of its year (the series starts in April 2008, ends in April
      // 2021) says so in its row and is drawn hollow.
      const rows: Row[] = daily
        ? daily.points.map((p) => ({ period: p.date, t: round(fractionalYear(p.date), 5), mean: p.close, min: p.low, max: p.high, coverage: '' }))
        : ctx.data['price-annual']
            .filter((r) => r.market === market)
            .sort((a, b) => a.year - b.year)
            .map((r) => ({
              period: r.year,
              t: r.year,
              mean: round(r.mean, 2),
              min: r.min,
              max: r.max,
              coverage: isPartialYear(r) ? `${ctx.dateLabel(r.first_date)} – ${ctx.dateLabel(r.last_date)}` : '',
            }));
      const partialYears = daily ? [] : rows.filter((r) => r.coverage !== '').map((r) => r.period);
      if (rows.length < 2) return null;
      const first = Math.floor(rows[0]!.t as number);
      const last = Math.floor(rows.at(-1)!.t as number);
      const edge = daily ? 0 : 0.5; // annual points sit mid-year: pad half a year
      const phases = ctx.data.phases
        .filter((p) => p.market === market && (p.end_year ?? Infinity) >= first && p.start_year <= last)
        .map((p) => ({
          label: ctx.phaseLabel(p.phase),
          // The phase's own years (for its tooltip); start and end are where its band is drawn.
          from: p.start_year,
          to: p.end_year ?? '',
          start: Math.max(p.start_year - edge, (rows[0]!.t as number) - edge),
          end: Math.min((p.end_year ?? last) + 1 - edge, (rows.at(-1)!.t as number) + edge),
        }));
      return {
        // Annual points are marked; a daily line of hundreds of points is drawn as a line only,
        // over unseen points (`hover`) that carry each day's tooltip.
        datasets: {
          table: rows,
          phases,
          markers: daily ? [] : rows.filter((r) => r.coverage === ''),
          partial: daily ? [] : rows.filter((r) => r.coverage !== ''),
          hover: daily ? rows : [],
        },
        placeholders: {
          from: first,
          to: last,
          basis: ctx.t(daily ? 'charts.eua-price.basisDaily' : 'charts.eua-price.basisAnnual'),
          years: partialYears.join(ctx.lang === 'zh-CN' ? '、' : ', '),
          partial:
            partialYears.length > 0 ? ctx.t('charts.eua-price.partialNote').replace('{years}', partialYears.join(ctx.lang === 'zh-CN' ? '、' : ', ')) : '',
        },
        sources: daily ? [...daily.sources] : citedSources(ctx.data['price-annual'].filter((r) => r.market === market)),
      };
    },
  },
  {
    id: 'eua-series',
    height: 240,
    fields: ['series', 'month', 'mean', 'low', 'high', 'tradingDays'],
    build(ctx) {
      // The paper's Figures 1–4: the price through the phases, month by month, every publisher's
      // series drawn and labelled on its own (two series are different contracts or rolls, never
      // spliced); daily rows aggregated where data/ has them, else the shipped months.
      const market = referenceOf(ctx);
      const all = everySeriesMonths(ctx.data, market)
        .map((s) => ({ ...s, months: s.months.filter((m) => m.trading_days > 0 && m.mean_close !== null) }))
        .filter((s) => s.months.length >= 2);
      if (all.length === 0) return null;
      const publisher = (s: (typeof all)[number]) => {
        const ids = sourcesOf(s.months);
        return ctx.data.sources.find((x) => ids.includes(x.id))?.publisher ?? s.series;
      };
      // The legend names the series by its id (a validated identifier); the description adds the
      // publisher (sources.csv text, which is escaped in HTML but could read as markup in a drawing).
      const label = (s: (typeof all)[number]) => s.series;
      const midMonth = (month: string) => round(fractionalYear(`${month}-15`), 4);
      const table = all.flatMap((s) =>
        s.months.map((m) => ({
          series: label(s),
          month: m.month,
          t: midMonth(m.month),
          mean: round(m.mean_close!, 2),
          low: m.low,
          high: m.high,
          tradingDays: m.trading_days,
        })),
      );
      const months = table.map((r) => r.month).sort();
      const lastT = Math.max(...table.map((r) => r.t));
      const phases = ctx.data.phases
        .filter((p) => p.market === market && p.start_year <= +months.at(-1)!.slice(0, 4))
        .map((p) => ({
          label: ctx.phaseLabel(p.phase),
          from: p.start_year,
          to: p.end_year ?? '',
          start: p.start_year,
          end: Math.min((p.end_year ?? Infinity) + 1, lastT),
        }));
      const gaps = phasesWithoutPrices(ctx.data, market, all);
      const list = (xs: string[]) => xs.join(ctx.t('charts.eua-series.listSeparator'));
      return {
        datasets: { table, phases },
        placeholders: {
          from: months[0]!,
          to: months.at(-1)!,
          series: list(
            all.map((s) =>
              ctx
                .t('charts.eua-series-part.seriesReach')
                .replace('{series}', `${publisher(s)} (${s.series})`)
                .replace('{from}', ctx.dateLabel(s.months[0]!.first_date))
                .replace('{to}', ctx.dateLabel(s.months.at(-1)!.last_date))
                .replace('{dataset}', ctx.t(`charts.eua-series-part.dataset.${s.dataset}`)),
            ),
          ),
          gap:
            gaps.length === 0
              ? ''
              : ctx
                  .t('charts.eua-series-part.gap')
                  .replace('{phases}', list(gaps.map((p) => `${ctx.phaseLabel(p.phase)} (${p.start_year}–${p.end_year ?? ''})`))),
          volumes: all.some((s) => s.months.some((m) => m.volume !== null)) ? '' : ctx.t('charts.eua-series.noVolumes'),
        },
        sources: citedSources(all.flatMap((s) => s.months)),
      };
    },
  },
  {
    id: 'eua-volume',
    height: 220,
    fields: ['year', 'volume', 'qualifier'],
    build(ctx) {
      const market = referenceOf(ctx);
      const scale = bigUnit(ctx);
      const volumes = annualVolumes(ctx.data, market);
      if (volumes.length < 2) return null;
      const rows: Row[] = volumes.map((v) => ({ year: v.year, volume: round(v.value / scale, 3), qualifier: ctx.t(`measures.${v.qualifier}`) }));
      return {
        datasets: { table: rows },
        placeholders: { from: rows[0]!.year!, to: rows.at(-1)!.year! },
        sources: citedSources(volumes.map((v) => v.fact)),
      };
    },
  },
  {
    id: 'auction-revenue',
    height: 220,
    fields: ['year', 'kind', 'revenue'],
    build(ctx) {
      const market = referenceOf(ctx);
      const scale = bigUnit(ctx);
      const kinds: Record<string, string> = { 'auction-revenue-member-states': 'measures.memberStates', 'auction-revenue': 'measures.total' };
      const facts = ctx.data.facts.filter(
        (f) => f.market === market && f.indicator in kinds && f.unit === 'EUR' && f.value !== null && f.period_start?.slice(0, 4) === f.period_end?.slice(0, 4),
      );
      if (facts.length < 2) return null;
      const rows = facts
        .map((f) => ({ year: +f.period_start!.slice(0, 4), kind: ctx.t(kinds[f.indicator]!), revenue: round(f.value! / scale, 2) }))
        .sort((a, b) => a.year - b.year);
      return { datasets: { table: rows }, placeholders: {}, sources: citedSources(facts) };
    },
  },
  {
    id: 'auction-years',
    height: 240,
    fields: ['year', 'revenue', 'price', 'auctions', 'platforms'],
    build(ctx) {
      // The paper's Figure 5: auction revenue (every allowance type) and the average clearing price
      // of general allowances per year, from the platforms' reports (auctions, or auctions-annual).
      const market = referenceOf(ctx);
      const years = auctionFigures(ctx.data, market);
      if (years.length < 2) return null;
      const scale = bigUnit(ctx);
      const table = years.map((y) => ({
        year: y.year,
        revenue: round(y.revenue / scale, 2),
        price: y.price === null ? null : round(y.price, 2),
        auctions: y.rows.reduce((n, r) => n + r.auctions, 0),
        platforms: y.platforms.join(', '),
      }));
      const bars = years.flatMap((y) => y.rows.map((r) => ({ year: y.year, allowance: r.allowance, revenue: round(r.revenue / scale, 3) })));
      // What the reports leave out, as the rows themselves say it (e.g. a platform they do not
      // cover): each sentence of the years' notes once, with the years it is about where it is not
      // about all of them (the 2012 report's auctions without a stated revenue).
      const yearsOf = new Map<string, number[]>();
      for (const y of years) {
        for (const sentence of new Set(y.rows.flatMap((r) => (r.note ?? '').split(/(?<=\.)\s+/).filter((x) => x !== ''))))
          yearsOf.set(sentence, [...(yearsOf.get(sentence) ?? []), y.year]);
      }
      const notes = [...yearsOf].map(([sentence, ys]) =>
        ys.length === years.length
          ? sentence
          : ctx
              .t('charts.auction-years-part.yearNote')
              .replace('{years}', ys.join(ctx.lang === 'zh-CN' ? '、' : ', '))
              .replace('{note}', sentence),
      );
      return {
        datasets: { table, bars, prices: table.filter((r) => r.price !== null) },
        placeholders: {
          ...yearSpan(table),
          platforms: publishersOf(ctx, sourcesOf(years.flatMap((y) => y.rows))),
          notes: notes.length === 0 ? '' : ctx.t('charts.auction-years-part.notes').replace('{notes}', notes.join(' ')),
        },
        sources: citedSources(years.flatMap((y) => y.rows)),
      };
    },
  },
  {
    id: 'emissions',
    height: 240,
    fields: ['year', 'value', 'scope', 'comparable', 'phase'],
    build(ctx) {
      const market = referenceOf(ctx);
      // Bars: emissions as covered each year, labelled with their scope; a line: the comparable
      // (one-scope) series where data/ has one. Dashed rules mark the years coverage changed, so
      // a step in the bars is never read as a change in emissions.
      const rows = asCovered(ctx.data, market);
      if (rows.length < 2) return null;
      const [comparable] = [...comparableSeries(ctx.data, market).values()];
      const scopeName = (id: string) => scopeLabel(ctx.data, id, ctx.lang);
      const table = rows.map((r) => {
        const c = comparable?.find((x) => x.year === r.year);
        return {
          year: r.year,
          value: round(r.value / 1e6, 1),
          scope: scopeName(r.coverage),
          comparable: c ? round(c.value / 1e6, 1) : null,
          phase: ctx.phaseLabel(phaseOfYear(ctx.data, market, r.year) ?? 0),
        };
      });
      const line = (comparable ?? [])
        .filter((c) => rows.some((r) => r.year === c.year))
        .map((c) => ({ year: c.year, value: round(c.value / 1e6, 1), series: ctx.t('charts.emissions.comparableSeries') }));
      // A change the year after another is marked by its rule only: the two labels would overlap.
      const changes = scopeChanges(ctx.data, market).map((c, i, all) => ({
        year: c.year,
        label: i > 0 && all[i - 1]!.year === c.year - 1 ? '' : ctx.t('charts.emissions.scopeChange'),
      }));
      const used = [...rows, ...(comparable ?? [])];
      return {
        datasets: { table, comparable: line, changes },
        placeholders: {
          ...yearSpan(rows),
          scope: comparable ? scopeName(comparable[0]!.coverage) : '',
          comparable: comparable ? ctx.t('charts.emissions.comparableNote').replace('{scope}', scopeName(comparable[0]!.coverage)) : '',
          paper: paperYears(ctx, market, rows[0]!.year, rows.at(-1)!.year, comparable?.at(-1)?.year),
        },
        sources: citedSources([...used, ...ctx.data.scopes.filter((x) => x.market === market)]),
      };
    },
  },
  {
    id: 'emissions-gdp',
    height: 220,
    fields: ['year', 'emissionsIndex', 'gdpIndex', 'emissions', 'gdp'],
    build(ctx) {
      // The paper's Figure 7: emissions against real GDP, both indexed to the first year they share,
      // emissions on one scope (the comparable series) so a change of coverage is not read as a fall.
      const market = referenceOf(ctx);
      const region = gdpRegionOf(ctx.data, market);
      const series = region ? emissionsAndGdp(ctx.data, market, region) : null;
      if (!series) return null;
      const table = series.years.map((y) => ({
        year: y.year,
        emissionsIndex: round(y.emissionsIndex, 1),
        gdpIndex: round(y.gdpIndex, 1),
        emissions: round(y.emissions / 1e6, 1),
        gdp: round(y.gdp / 1e9, 1),
      }));
      const lines = seriesRows(table, 'index', [
        [ctx.t('charts.emissions-gdp.emissionsSeries'), 'emissionsIndex'],
        [ctx.t('charts.emissions-gdp.gdpSeries'), 'gdpIndex'],
      ]);
      return {
        datasets: { table, lines, base: [{ index: INDEX_BASE }] },
        placeholders: {
          base: series.baseYear,
          baseIndex: INDEX_BASE,
          ...yearSpan(table),
          scope: scopeLabel(ctx.data, series.scope, ctx.lang),
          region: ctx.t(`regions.${series.region}`),
          currency: series.currency,
          priceYear: series.priceYear,
        },
        sources: series.sources,
      };
    },
  },
  {
    id: 'company-surplus',
    height: 240,
    fields: ['year', 'verified', 'allocated', 'surplus', 'accounts'],
    build(ctx) {
      // The paper's Figure 8: a company's verified emissions against its free allocation, from the
      // registry's accounts its rule (company-rules.csv) finds; the accounts are written beside it.
      const company = ctx.data['company-rules'].map((r) => r.company)[0];
      const result = company ? companySurplus(ctx.data, company) : null;
      const years = (result?.years ?? []).filter((y) => y.verified.value !== null);
      if (!result || years.length < 2) return null;
      const mt = (m: { value: number | null }) => (m.value === null ? null : round(m.value / 1e6, 2));
      const table = years.map((y) => ({
        year: y.year,
        verified: mt(y.verified),
        allocated: mt(y.allocated),
        surplus: mt(y.surplus),
        accounts: y.verified.inputs.find((i) => i.dataset === 'account-years')?.rows.length ?? 0,
      }));
      const lines = seriesRows(table, 'value', [
        [ctx.t('charts.company-surplus.verifiedSeries'), 'verified'],
        [ctx.t('charts.company-surplus.allocatedSeries'), 'allocated'],
      ]);
      const hit = (h: { field: string; pattern: string; text: string }) => `${ctx.t(`charts.company-surplus.fields.${h.field}`)}: ${h.text}`;
      const account = (a: (typeof result.accounts)[number], excluded: boolean) => ({
        account: a.account,
        country: a.country,
        installation: a.name,
        holder: a.holder,
        parent: a.parent,
        matchedBy: a.matchedBy.map(hit).join(' | '),
        excludedBy: a.excludedBy.map(hit).join(' | '),
        counted: ctx.t(excluded ? 'charts.company-surplus.no' : 'charts.company-surplus.yes'),
        review: a.reviewReasons
          .map((r) =>
            ctx
              .t(`charts.company-surplus-part.review.${r.kind}`)
              .replace('{holder}', 'holder' in r ? r.holder : '')
              .replace('{status}', 'status' in r ? r.status : ''),
          )
          .join(' | '),
      });
      const accounts = [...result.accounts.map((a) => account(a, false)), ...result.excluded.map((a) => account(a, true))].sort(
        (a, b) => a.account - b.account,
      );
      return {
        datasets: { table, lines },
        placeholders: {
          company: result.label,
          ...yearSpan(table),
          accounts: result.accounts.length,
          file: `company-surplus-accounts.csv`,
        },
        sources: uniqueSorted(years.flatMap((y) => [...y.verified.sources, ...y.allocated.sources])),
        files: [
          {
            name: 'accounts',
            fields: ['account', 'country', 'installation', 'holder', 'parent', 'matchedBy', 'excludedBy', 'counted', 'review'],
            rows: accounts,
          },
        ],
      };
    },
  },
  {
    id: 'phase-trends',
    height: 200,
    fields: ['phase', 'kind', 'change'],
    build(ctx) {
      const market = referenceOf(ctx);
      const rows: Row[] = [];
      const used = [];
      for (const phase of ctx.metrics.phases[market] ?? []) {
        // The paper's figure for (a part of) the phase against its recomputation over the same
        // years (the reconciliation's, on one scope where data/ has one).
        const printed = statedTrendIn(ctx.data, market, phase.period);
        const recomputed = printed ? (ctx.metrics.reconciliation.findings.find((x) => x.id === `facts/${printed.id}`)?.recomputed ?? null) : null;
        if (!printed || printed.value === null || recomputed === null) continue;
        used.push(printed);
        const label = ctx.phaseLabel(phase.phase);
        // Labels sit just outside each bar's end, whichever side of zero it is on.
        rows.push({ phase: label, kind: ctx.t('measures.printed'), change: printed.value, labelY: printed.value + (printed.value >= 0 ? 0.9 : -0.9) });
        rows.push({ phase: label, kind: ctx.t('measures.recomputed'), change: round(recomputed, 2), labelY: recomputed + (recomputed >= 0 ? 0.9 : -0.9) });
      }
      if (rows.length === 0) return null;
      return {
        datasets: { table: rows },
        placeholders: {},
        sources: citedSources([...used, ...ctx.data.emissions.filter((r) => r.market === market)]),
      };
    },
  },
  {
    id: 'power-mix',
    height: 300,
    fields: ['source', 'year', 'share'],
    build(ctx) {
      const [mix] = Object.values(ctx.metrics.powerMix);
      if (!mix) return null;
      const rows: Row[] = [];
      for (const s of mix.sources) {
        if (s.sourceType === 'total') continue;
        const source = ctx.t(`powerSources.${s.sourceType}`);
        rows.push({ source, year: String(mix.years.from), share: round(s.shareFrom.value!, 2) });
        rows.push({ source, year: String(mix.years.to), share: round(s.shareTo.value!, 2) });
      }
      const used = ctx.data['power-generation'].filter((r) => r.region === mix.region);
      return { datasets: { table: rows }, placeholders: { from: mix.years.from, to: mix.years.to }, sources: citedSources(used) };
    },
  },
  {
    id: 'cn-daily',
    // Tall enough that a legend of nine markets below it leaves the plot most of the height.
    height: 340,
    fields: ['market', 'date', 'close'],
    build(ctx) {
      // The subject and the other markets of its jurisdiction (its pilots), from its launch on.
      const subject = ctx.data.markets.find((m) => m.id === ctx.metrics.comparison.subject);
      if (!subject?.launch_date) return null;
      const markets = ctx.data.markets.filter((m) => m.id === subject.id || (m.jurisdiction !== null && m.jurisdiction === subject.jurisdiction));
      const rows: Row[] = [];
      const used: { source: string }[] = [];
      let monthly = false;
      for (const m of markets) {
        const daily = preferredSeries(ctx.daily, m.id);
        // Days with trades since the subject's launch (a day without volume repeats the last price).
        let points = (daily?.points ?? []).filter((p) => p.date >= subject.launch_date! && (p.volume === null || p.volume > 0));
        let sources = daily?.sources ?? [];
        if (points.length < 2) {
          // No daily rows (data/ ships months for publishers whose days may not be redistributed):
          // each month's last trading close, dated on its last day.
          const months =
            seriesMonths(ctx.data, m.id, { start: subject.launch_date, end: '9999-12-31' })?.months.filter(
              (x) => x.trading_days > 0 && x.last_close !== null,
            ) ?? [];
          points = months.map((x) => ({
            date: x.last_date,
            close: x.last_close!,
            low: x.low ?? x.last_close!,
            high: x.high ?? x.last_close!,
            volume: x.volume,
          }));
          sources = sourcesOf(months);
          if (points.length >= 2) monthly = true;
        }
        if (points.length < 2) continue;
        used.push(...sources.map((source) => ({ source })));
        // Each market thinned on its own, so one series' peaks never crowd out another's.
        for (const r of reduceSeries(points, Math.floor(640 / 4 / markets.length), (x) => x.close))
          rows.push({ market: ctx.marketLabel(m.id), date: r.date, close: r.close });
      }
      if (!rows.some((r) => r.market === ctx.marketLabel(subject.id))) return null;
      const dates = rows.map((r) => r.date as string).sort();
      return {
        datasets: { table: rows },
        placeholders: { from: ctx.dateLabel(dates[0]!), to: ctx.dateLabel(dates.at(-1)!), monthly: monthly ? ctx.t('charts.cn-daily-part.monthly') : '' },
        sources: citedSources(used),
      };
    },
  },
  {
    id: 'price-comparison',
    height: 120,
    fields: ['market', 'low', 'high'],
    build: (ctx) =>
      perComparedMarket(ctx, (market) => {
        // In the reference market's currency, converted from each band's own unit.
        const eur = ctx.metrics.prices.bands[market]?.converted[ctx.data.markets.find((m) => m.id === ctx.metrics.comparison.reference)?.currency ?? ''];
        if (!eur || eur.low.value === null || eur.high.value === null) return null;
        return {
          rows: [{ market: ctx.marketLabel(market), low: round(eur.low.value, 2), high: round(eur.high.value, 2) }],
          sources: [...eur.low.sources, ...eur.high.sources],
        };
      }),
  },
  {
    id: 'volume-comparison',
    height: 140,
    fields: ['market', 'measure', 'value'],
    build: (ctx) =>
      perComparedMarket(ctx, (market) => {
        const volume = market === ctx.metrics.comparison.subject ? ctx.metrics.volume.subject.perYear : ctx.metrics.volume.reference.perYear;
        const covered = ctx.metrics.coverage[market]?.coveredEmissions;
        if (volume.value === null || !covered || covered.value === null) return null;
        const label = ctx.marketLabel(market);
        return {
          rows: [
            { market: label, measure: ctx.t('measures.volume'), value: round(volume.value / 1e6, 1) },
            { market: label, measure: ctx.t('measures.covered'), value: round(covered.value / 1e6, 1) },
          ],
          sources: [...volume.sources, ...covered.sources],
        };
      }),
  },
];
