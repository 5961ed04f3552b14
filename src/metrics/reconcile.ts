import type { Data } from '../data/datasets/index.js';
import { agreesWithPrinted, COMPARISON_RULE, type Qualifier } from './compare.js';
import { auctionRevenueGrowth, emissionsChange, emissionsChangePerYear } from './growth.js';
import type { PowerMix } from './power-mix.js';
import type { ImpliedPrice, PriceBand } from './price.js';
import { periodOf, type Fact } from './select.js';
import { metric, unavailable, type Metric } from './types.js';
import type { VolumeComparison } from './volume.js';
import type { DailyStats } from './daily.js';

/** One printed number set against its recomputation from data/. */
export interface Finding {
  readonly id: string;
  /** The dataset holding the printed number. */
  readonly dataset: 'facts' | 'power-generation';
  /** Where it is printed: section, figure or table. */
  readonly ref: string;
  /** The words as printed. */
  readonly claim: string;
  readonly printed: number;
  /** Upper end when the claim is a range ("40–60"); the qualifier is then "within". */
  readonly printedHigh?: number | undefined;
  readonly qualifier: Qualifier | 'within';
  readonly recomputed: number | null;
  readonly unit: string;
  /** true or false; null when data/ cannot recompute it (see `method`). */
  readonly agrees: boolean | null;
  readonly method: string;
  readonly note?: string | undefined;
}

export interface ReconcileInputs {
  readonly volume: VolumeComparison;
  readonly subjectBand: PriceBand | null;
  readonly impliedPrice: ImpliedPrice | null;
  readonly powerMixes: readonly PowerMix[];
  /** Daily statistics over the comparison window, per market. */
  readonly daily: Readonly<Record<string, DailyStats>>;
}

/** Stated window figures that daily data can recompute: indicator -> the statistic. */
const FROM_DAILY: Readonly<Record<string, (s: DailyStats) => Metric>> = {
  'trading-days': (s) => s.tradingDays,
  'traded-volume': (s) => s.volume,
  turnover: (s) => s.turnover,
  'price-band-low': (s) => s.low,
  'price-band-high': (s) => s.high,
};

/**
 * Derived numbers the paper prints, by indicator: how to recompute each from data/. Keyed by
 * indicator, never by market, so the same claim about another market is checked the same way.
 */
const RECOMPUTE: Readonly<Record<string, (data: Data, fact: Fact, inputs: ReconcileInputs) => Metric>> = {
  'traded-volume-share-of-reference': (_data, _fact, inputs) => inputs.volume.ratio,
  'auction-revenue-cagr': (data, fact) => auctionRevenueGrowth(data, fact.market),
  'covered-emissions-change-per-year': (data, fact) => emissionsChangePerYear(data, fact.market, yearOf(fact.period_start), yearOf(fact.period_end)),
  'covered-emissions-change': (data, fact) => emissionsChange(data, fact.market, yearOf(fact.period_start), yearOf(fact.period_end)),
  'years-in-operation': (data, fact) => {
    const launch = data.markets.find((m) => m.id === fact.market)?.launch_date;
    if (!launch || !fact.period_end) return unavailable('years', 'whole years since launch', 'needs the launch date and the period end');
    const years = Math.floor((Date.parse(fact.period_end) - Date.parse(launch)) / (365.25 * 86_400_000));
    return metric({ value: years, unit: 'years', method: `whole years from launch (${launch}) to ${fact.period_end}`, inputs: [{ dataset: 'markets', rows: [fact.market] }], sources: [] });
  },
};

const yearOf = (date: string | null) => (date === null ? Number.NaN : +date.slice(0, 4));

export function reconcile(data: Data, inputs: ReconcileInputs): Finding[] {
  const findings: Finding[] = [];
  for (const fact of data.facts) {
    if (fact.derived && fact.value !== null) findings.push(derivedFinding(data, fact, inputs));
    if (fact.paper_value !== null && fact.value !== null && fact.paper_value !== fact.value) findings.push(correctionFinding(fact));
    if ((fact.indicator === 'price-high' || fact.indicator === 'price-low') && fact.value !== null && fact.subject === null) {
      const f = priceExtremeFinding(data, fact);
      if (f) findings.push(f);
    }
  }
  for (const fact of data.facts) {
    const stats = inputs.daily[fact.market];
    const pick = FROM_DAILY[fact.indicator];
    if (!stats || !pick || fact.value === null || fact.subject !== null) continue;
    if (fact.period_start !== stats.window.start || fact.period_end !== stats.window.end) continue;
    findings.push(finding(fact, `facts/${fact.id}/daily`, pick(stats)));
  }
  if (inputs.impliedPrice && inputs.subjectBand) findings.push(...impliedPriceFindings(inputs.impliedPrice, inputs.subjectBand));
  for (const mix of inputs.powerMixes) findings.push(...powerMixFindings(data, mix));
  return findings;
}

function finding(fact: Fact, id: string, recomputed: Metric, claim = fact.printed ?? String(fact.value)): Finding {
  const value = recomputed.value;
  return {
    id, dataset: 'facts', ref: fact.paper_ref ?? '', claim, printed: fact.value!, qualifier: fact.qualifier, recomputed: value, unit: fact.unit,
    agrees: value === null ? null : agreesWithPrinted(fact.value!, value, fact.qualifier),
    method: value === null ? `not recomputable: ${recomputed.missing ?? recomputed.method}` : recomputed.method,
    ...(fact.note ? { note: fact.note } : {}),
  };
}

function derivedFinding(data: Data, fact: Fact, inputs: ReconcileInputs): Finding {
  const recompute = fact.subject === null ? RECOMPUTE[fact.indicator] : undefined;
  const m = recompute
    ? recompute(data, fact, inputs)
    : unavailable(fact.unit, fact.indicator, fact.subject !== null ? `data/ has no series for ${fact.subject}` : `no recomputation is defined for ${fact.indicator}`);
  return finding(fact, `facts/${fact.id}`, m);
}

/** A number the paper printed that data/ records differently (a typo or a wrong unit), with why. */
function correctionFinding(fact: Fact): Finding {
  return {
    id: `facts/${fact.id}/printed`, dataset: 'facts', ref: fact.paper_ref ?? '', claim: fact.printed ?? String(fact.paper_value), printed: fact.paper_value!,
    qualifier: 'exact', recomputed: fact.value, unit: fact.unit, agrees: false,
    method: `value recorded in facts.csv from ${fact.source}`, ...(fact.note ? { note: fact.note } : {}),
  };
}

/** A stated high or low against the extreme of the daily series over the same years, when data/ has it. */
function priceExtremeFinding(data: Data, fact: Fact): Finding | null {
  const { start, end } = periodOf(fact);
  if (!start || !end || !start.endsWith('-01-01') || !end.endsWith('-12-31')) return null; // only whole years
  const years: number[] = [];
  for (let y = +start.slice(0, 4); y <= +end.slice(0, 4); y++) years.push(y);
  const rows = years.map((y) => data['price-annual'].find((r) => r.market === fact.market && r.year === y));
  if (rows.some((r) => r === undefined)) return null;
  const present = rows as NonNullable<(typeof rows)[number]>[];
  const high = fact.indicator === 'price-high';
  const value = high ? Math.max(...present.map((r) => r.max)) : Math.min(...present.map((r) => r.min));
  const first = present[0]!;
  const last = present.at(-1)!;
  const coverage = `${first.first_date} – ${last.last_date}`;
  const m = metric({
    value, unit: `${first.currency}/t`, method: `${high ? 'highest' : 'lowest'} daily ${first.instrument} price in price-annual.csv, ${coverage}`,
    inputs: [{ dataset: 'price-annual', rows: present.map((r) => `${r.market}/${r.year}/${r.instrument}`) }], sources: [],
  });
  return finding(fact, `facts/${fact.id}/series`, m);
}

function impliedPriceFindings(implied: ImpliedPrice, band: PriceBand): Finding[] {
  const v = implied.value.value;
  const { low, high } = band.stated;
  if (low.value === null || high.value === null) return [];
  return [
    { id: `facts/${band.market}/implied-price-within-band`, dataset: 'facts', ref: '§7', claim: `${low.value}–${high.value} ${low.unit}`, printed: low.value, printedHigh: high.value, qualifier: 'within', recomputed: v, unit: low.unit, agrees: v === null ? null : v >= low.value && v <= high.value, method: `${implied.value.method}; agrees if within the stated band` },
  ];
}

function powerMixFindings(data: Data, mix: PowerMix): Finding[] {
  const out: Finding[] = [];
  for (const s of mix.sources) {
    const printedRow = (year: number) => data['power-generation'].find((r) => r.region === mix.region && r.year === year && r.source_type === s.sourceType);
    const a = printedRow(mix.years.from);
    const b = printedRow(mix.years.to);
    const add = (id: string, printed: number | null | undefined, m: Metric, claim: string) => {
      if (printed === null || printed === undefined || m.value === null) return;
      out.push({
        id: `power-generation/${mix.region}/${s.sourceType}/${id}`, dataset: 'power-generation', ref: a?.paper_ref ?? '', claim, printed, qualifier: 'exact', recomputed: m.value, unit: '%',
        agrees: agreesWithPrinted(printed, m.value, 'exact'), method: m.method, ...(a?.note ? { note: a.note } : {}),
      });
    };
    // Claims quote the table's own label and cell, so they read the same in any language.
    add(`share-${mix.years.from}`, a?.paper_share_pct, s.shareFrom, `${s.label} ${mix.years.from}: ${a?.paper_share_pct}%`);
    add(`share-${mix.years.to}`, b?.paper_share_pct, s.shareTo, `${s.label} ${mix.years.to}: ${b?.paper_share_pct}%`);
    add('growth', b?.paper_growth_pct, s.growth, `${s.label} ${mix.years.from}→${mix.years.to}: ${b?.paper_growth_pct}%`);
  }
  return out;
}

export { COMPARISON_RULE };
