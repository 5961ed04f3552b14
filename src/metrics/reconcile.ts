import type { Data } from '../data/datasets/index.js';
import { agreesWithPrinted, COMPARISON_RULE, type Qualifier } from './compare.js';
import { emissionsChange, emissionsChangePerYear } from './emissions.js';
import { auctionRevenueOfYear } from './auction-figures.js';
import { companySurplus } from './company.js';
import { gdpChange } from './decoupling.js';
import { auctionRevenueGrowth, cagr } from './growth.js';
import type { PowerMix } from './power-mix.js';
import type { ImpliedPrice, PriceBand } from './price.js';
import { periodOf, type Fact } from './select.js';
import { isPartialYear } from './period.js';
import type { Precision } from './precision.js';
import { ruleChanges } from './policy-rules.js';
import { metric, sourcesOf, unavailable, type InputRef, type Metric } from './types.js';
import type { VolumeComparison } from './volume.js';
import { dailyStats, type DailyStats } from './daily.js';
import { daysBetween, yearEnd, yearStart } from '../data/dates.js';

/**
 * What recomputation says of a printed number: it agrees; it disagrees; it is not comparable (the
 * data's scope or definition differs from the claim's); it is superseded (the law or the data
 * changed since the paper: the reason cites the act or newer source); or data/ cannot recompute it.
 */
export const VERDICTS = ['agrees', 'disagrees', 'not-comparable', 'superseded', 'cannot-recompute'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a verdict is what it is, as data a brief words in its own language. */
export type Because =
  | { readonly kind: 'scope'; readonly firstYear: number; readonly firstScope: string; readonly lastYear: number; readonly lastScope: string }
  | { readonly kind: 'shorter'; readonly from: number; readonly to: number; readonly claimFrom: number; readonly claimTo: number }
  | { readonly kind: 'partial'; readonly first: string; readonly last: string }
  | {
      readonly kind: 'rule';
      readonly paperFrom: number;
      readonly paperTo: number | null;
      readonly differs: boolean;
      readonly changes: readonly RuleChangeRow[];
    }
  | { readonly kind: 'recorded'; readonly sources: readonly string[] }
  | { readonly kind: 'unitLabel'; readonly unit: string; readonly printedUnit: string; readonly sources: readonly string[] }
  | { readonly kind: 'missing' }
  /** The platforms' reports in data/ sum to less than a claimed total: another platform may make up the rest. */
  | { readonly kind: 'platforms' }
  | { readonly kind: 'recomputed'; readonly scope?: string | undefined }
  | { readonly kind: 'unstated'; readonly scope?: string | undefined }
  /** A company's accounts found by their holders' names as the registry had them when its files were taken. */
  | { readonly kind: 'holders' };

/** Claims about a change of emissions: they compare only when the claim says what it covers. */
const SCOPED_INDICATORS: ReadonlySet<string> = new Set(['covered-emissions-change-per-year', 'covered-emissions-change']);

export interface RuleChangeRow {
  readonly value: number;
  readonly unit: string;
  readonly from: number;
  readonly to: number | null;
  readonly act: string;
  readonly indexedTo: string | null;
}

/** One printed number set against its recomputation from data/. */
export interface Finding {
  readonly id: string;
  /** The dataset holding the printed number. */
  readonly dataset: 'facts' | 'power-generation' | 'policy-rules';
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
  readonly verdict: Verdict;
  /** Why, in words, for every verdict but "agrees": the scopes, the act, the missing input. */
  readonly reason?: string | undefined;
  /** The same reason as data, for the brief to word in its language. */
  readonly because?: Because | undefined;
  /** How precisely the recomputed value is known (see Metric.precision). */
  readonly precision?: Precision | undefined;
  readonly method: string;
  /** The rows and sources the recomputed value comes from, so the ledger can trace it like any number. */
  readonly inputs?: readonly InputRef[] | undefined;
  readonly sources?: readonly string[] | undefined;
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
  'covered-emissions-change-per-year': (data, fact) =>
    emissionsChangePerYear(data, fact.market, yearOf(fact.period_start), yearOf(fact.period_end), fact.coverage ?? undefined),
  'covered-emissions-change': (data, fact) =>
    emissionsChange(data, fact.market, yearOf(fact.period_start), yearOf(fact.period_end), fact.coverage ?? undefined),
  'years-in-operation': (data, fact) => {
    const launch = data.markets.find((m) => m.id === fact.market)?.launch_date;
    if (!launch || !fact.period_end) return unavailable('years', 'whole years since launch', 'needs the launch date and the period end');
    const years = Math.floor(daysBetween(launch, fact.period_end) / 365.25);
    return metric({
      value: years,
      unit: 'years',
      method: `whole years from launch (${launch}) to ${fact.period_end}`,
      inputs: [{ dataset: 'markets', rows: [fact.market] }],
      sources: [],
    });
  },
};

/**
 * Derived numbers about a subject of a market (a company, the region whose GDP is compared), by
 * indicator: the subject is looked up in data/ (company-rules.csv's company or label, gdp.csv's
 * region), never named here.
 */
const RECOMPUTE_SUBJECT: Readonly<Record<string, (data: Data, fact: Fact, subject: string) => Metric>> = {
  'real-gdp-change': (data, fact, region) => gdpChange(data, region, yearOf(fact.period_start), yearOf(fact.period_end)),
  'emissions-change-per-year': (data, fact, subject) => {
    const from = yearOf(fact.period_start);
    const to = yearOf(fact.period_end);
    const method = `compound annual change of ${subject}'s verified emissions, summed over the accounts its rule in company-rules.csv finds`;
    const company = companyOf(data, subject);
    if (!company) return unavailable('%/yr', method, `company-rules.csv has no rule for ${subject}`);
    const a = company.years.find((y) => y.year === from)?.verified;
    const b = company.years.find((y) => y.year === to)?.verified;
    if (!a || !b || a.value === null || b.value === null)
      return unavailable('%/yr', method, `account-years.csv has no verified emissions of ${subject}'s accounts for ${from} and ${to}`);
    return metric({
      value: cagr(a.value, b.value, to - from),
      unit: '%/yr',
      period: { start: yearStart(from), end: yearEnd(to) },
      method: `${method}, ${from} to ${to}`,
      inputs: [...a.inputs, ...b.inputs],
      sources: [...a.sources, ...b.sources],
    });
  },
  'surplus-allowance-sales': (data, fact, subject) => {
    const from = yearOf(fact.period_start);
    const to = yearOf(fact.period_end);
    const method = `${subject}'s income from selling surplus allowances`;
    const years = companyOf(data, subject)?.years.filter((y) => y.year >= from && y.year <= to && y.surplus.value !== null) ?? [];
    const surplus = years.reduce((s, y) => s + y.surplus.value!, 0);
    // The registry holds allocation and emissions: the surplus, not what was sold, when, or at what price.
    return unavailable(
      'EUR',
      method,
      years.length === 0
        ? `data/ has no free allocation and verified emissions of ${subject}'s accounts for ${from}–${to}`
        : `the registry records free allocation and verified emissions, not sales or their prices: the surplus of ${subject}'s matched accounts over ${years[0]!.year}–${years.at(-1)!.year} is ${Math.round(surplus)} t, but which of it was sold, when and at what price is not in data/`,
    );
  },
};

/** A company's surplus by the rule whose company id or label is `subject`. */
function companyOf(data: Data, subject: string) {
  const rule = data['company-rules'].find((r) => r.company === subject || r.label === subject);
  return rule ? companySurplus(data, rule.company) : null;
}

const yearOf = (date: string | null) => (date === null ? Number.NaN : +date.slice(0, 4));

export function reconcile(data: Data, inputs: ReconcileInputs): Finding[] {
  const findings: Finding[] = [];
  for (const fact of data.facts) {
    if (fact.derived && fact.value !== null) findings.push(derivedFinding(data, fact, inputs));
    if (fact.value !== null && ((fact.paper_value !== null && fact.paper_value !== fact.value) || (fact.paper_unit !== null && fact.paper_unit !== fact.unit)))
      findings.push(correctionFinding(fact));
    if (fact.indicator === 'auction-revenue' && fact.value !== null && fact.subject === null) {
      const f = auctionRevenueFinding(data, fact);
      if (f) findings.push(f);
    }
    if ((fact.indicator === 'price-high' || fact.indicator === 'price-low') && fact.value !== null && fact.subject === null) {
      const f = priceExtremeFinding(data, fact);
      const d = dailyExtremeFinding(data, fact);
      // The annual series and the daily one are often the same days: one line, unless they differ.
      if (f && !(d && d.recomputed === f.recomputed && d.verdict === f.verdict)) findings.push(f);
      if (d) findings.push(d);
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
  findings.push(...ruleFindings(data));
  return findings;
}

function finding(fact: Fact, id: string, recomputed: Metric, claim = fact.printed ?? String(fact.value)): Finding {
  const value = recomputed.value;
  const base = {
    id,
    dataset: 'facts' as const,
    ref: fact.paper_ref ?? '',
    claim,
    printed: fact.value!,
    qualifier: fact.qualifier,
    recomputed: value,
    unit: fact.unit,
    inputs: recomputed.inputs,
    sources: recomputed.sources,
    ...(fact.note ? { note: fact.note } : {}),
    ...(recomputed.precision ? { precision: recomputed.precision } : {}),
  };
  if (recomputed.notComparable !== undefined) {
    const because: Because = recomputed.scopeBreak ? { kind: 'scope', ...recomputed.scopeBreak } : { kind: 'missing' };
    return { ...base, verdict: 'not-comparable', reason: recomputed.notComparable, because, method: recomputed.method };
  }
  if (value === null)
    return { ...base, verdict: 'cannot-recompute', reason: recomputed.missing ?? recomputed.method, because: { kind: 'missing' }, method: recomputed.method };
  const shorter = shorterThanClaim(fact, recomputed);
  if (shorter) return { ...base, verdict: 'cannot-recompute', reason: shorter.reason, because: shorter.because, method: recomputed.method };
  if (SCOPED_INDICATORS.has(fact.indicator) && fact.coverage === null) {
    // The data's value is shown, on its scope; the claim's own scope is unknown, so no verdict.
    return {
      ...base,
      verdict: 'not-comparable',
      method: recomputed.method,
      because: { kind: 'unstated', scope: recomputed.scope },
      reason: `the source does not say which emissions or countries its figure covers; on ${recomputed.scope ?? "the data's scope"} the data give the value shown (${recomputed.method})`,
    };
  }
  const agrees = agreesWithPrinted(fact.value!, value, fact.qualifier);
  return {
    ...base,
    verdict: agrees ? 'agrees' : 'disagrees',
    ...(agrees ? {} : { reason: recomputed.method, because: { kind: 'recomputed', scope: recomputed.scope } }),
    method: recomputed.method,
  };
}

/**
 * A recomputation over fewer years than the claim (the data, on one scope, stops earlier) cannot
 * confirm or refute it; the reason says what it does cover.
 */
function shorterThanClaim(fact: Fact, m: Metric): { reason: string; because: Because } | undefined {
  const year = (d: string | null | undefined) => (d ? +d.slice(0, 4) : undefined);
  const [cs, ce, ms, me] = [year(fact.period_start), year(fact.period_end), year(m.period?.start), year(m.period?.end)];
  if (cs === undefined || ce === undefined || ms === undefined || me === undefined) return undefined;
  if (ms <= cs && me >= ce) return undefined;
  return {
    reason: `recomputable only for ${ms}–${me} (${m.method}); the claim covers ${cs}–${ce}`,
    because: { kind: 'shorter', from: ms, to: me, claimFrom: cs, claimTo: ce },
  };
}

function derivedFinding(data: Data, fact: Fact, inputs: ReconcileInputs): Finding {
  const recompute = fact.subject === null ? RECOMPUTE[fact.indicator] : undefined;
  const bySubject = fact.subject !== null ? RECOMPUTE_SUBJECT[fact.indicator] : undefined;
  const m = recompute
    ? recompute(data, fact, inputs)
    : bySubject
      ? bySubject(data, fact, fact.subject!)
      : unavailable(
          fact.unit,
          fact.indicator,
          fact.subject !== null ? `data/ has no series for ${fact.subject}` : `no recomputation is defined for ${fact.indicator}`,
        );
  const f = finding(fact, `facts/${fact.id}`, m);
  // A company's figure sums the accounts its rule finds by today's holder names: a plant bought
  // or sold within the claim's years is counted in all of them, so the company the paper measured
  // and the one the data sum are not known to be the same: the value is shown, without a verdict.
  if (bySubject && companyOf(data, fact.subject!) && (f.verdict === 'agrees' || f.verdict === 'disagrees')) {
    return {
      ...f,
      verdict: 'not-comparable',
      reason:
        "the accounts are found by the holder names the registry had when its files were taken; plants bought or sold within the claim's years are counted in every year",
      because: { kind: 'holders' },
    };
  }
  return f;
}

/** The paper's value of a rule against the rows in policy-rules.csv: the value in force and the act. */
function ruleFindings(data: Data): Finding[] {
  const markets = [...new Set(data['policy-rules'].map((r) => r.market))];
  const out: Finding[] = [];
  for (const market of markets) {
    for (const change of ruleChanges(data, market)) {
      const p = change.paper;
      const later = change.later
        .map((r) => `${formatRuleValue(r)} ${r.valid_from}–${r.valid_to ?? ''} (${r.act}${r.indexed_to ? `, indexed to the ${r.indexed_to}` : ''})`)
        .join('; ');
      out.push({
        id: `policy-rules/${market}/${p.parameter}`,
        dataset: 'policy-rules',
        ref: p.paper_ref ?? '',
        claim: formatRuleValue({ ...p, value: p.paper_value! }),
        printed: p.paper_value!,
        qualifier: 'exact',
        recomputed: change.later.at(-1)?.value ?? p.value,
        unit: p.unit,
        verdict: 'superseded',
        reason: change.differs ? `in force: ${later}` : `the paper's value applied ${p.valid_from}–${p.valid_to ?? ''}; since: ${later}`,
        because: {
          kind: 'rule',
          paperFrom: p.valid_from,
          paperTo: p.valid_to,
          differs: change.differs,
          changes: change.later.map((r) => ({ value: r.value, unit: r.unit, from: r.valid_from, to: r.valid_to, act: r.act, indexedTo: r.indexed_to })),
        },
        method: 'policy-rules.csv: rows with their validity and legal act',
        ...(p.note ? { note: p.note } : {}),
        inputs: [{ dataset: 'policy-rules', rows: change.later.map(ruleRowId) }],
        sources: sourcesOf(change.later),
      });
    }
    const superseded = new Set(ruleChanges(data, market).map((c) => `${c.parameter}/${c.paper.valid_from}`));
    for (const r of data['policy-rules'].filter((x) => x.market === market && x.paper_value !== null)) {
      // Rows the paper's value is right for (a superseded row is reported above, once per parameter).
      if (superseded.has(`${r.parameter}/${r.valid_from}`) || r.paper_value !== r.value || r.indexed_to !== null) continue;
      out.push({
        id: `policy-rules/${market}/${r.parameter}/${r.valid_from}`,
        dataset: 'policy-rules',
        ref: r.paper_ref ?? '',
        claim: formatRuleValue({ ...r, value: r.paper_value! }),
        printed: r.paper_value!,
        qualifier: 'exact',
        recomputed: r.value,
        unit: r.unit,
        verdict: 'agrees',
        method: `in force ${r.valid_from}–${r.valid_to ?? ''} under ${r.act}`,
        inputs: [{ dataset: 'policy-rules', rows: [ruleRowId(r)] }],
        sources: sourcesOf([r]),
      });
    }
  }
  return out;
}

/** A policy-rules row as the ledger names it: market, parameter and the day it took effect. */
const ruleRowId = (r: { market: string; parameter: string; valid_from: number }) => `${r.market}/${r.parameter}/${r.valid_from}`;

const formatRuleValue = (r: { value: number; unit: string }) => (r.unit === '%' || r.unit === '%/yr' ? `${r.value}%` : `${r.value} ${r.unit}`);

/** A number the paper printed that data/ records differently (a typo or a wrong unit), with why. */
function correctionFinding(fact: Fact): Finding {
  // The sources the recorded value comes from, besides the paper itself.
  const recordedFrom = sourcesOf([fact]).filter((x) => x !== 'paper');
  return {
    id: `facts/${fact.id}/printed`,
    dataset: 'facts',
    ref: fact.paper_ref ?? '',
    claim: fact.printed ?? String(fact.paper_value),
    printed: fact.paper_value ?? fact.value!,
    qualifier: 'exact',
    recomputed: fact.value,
    unit: fact.unit,
    verdict: 'disagrees',
    reason: fact.note ?? `recorded from ${fact.source}`,
    because:
      fact.paper_unit !== null && fact.paper_unit !== fact.unit && (fact.paper_value === null || fact.paper_value === fact.value)
        ? { kind: 'unitLabel', unit: fact.unit, printedUnit: fact.paper_unit, sources: recordedFrom }
        : { kind: 'recorded', sources: recordedFrom },
    method: `value recorded in facts.csv from ${fact.source}`,
    ...(fact.note ? { note: fact.note } : {}),
    inputs: [{ dataset: 'facts', rows: [fact.id] }],
    sources: recordedFrom,
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
    value,
    unit: `${first.currency}/t`,
    method: `${high ? 'highest' : 'lowest'} daily ${first.instrument} price in price-annual.csv, ${coverage}`,
    inputs: [{ dataset: 'price-annual', rows: present.map((r) => `${r.market}/${r.year}/${r.instrument}`) }],
    sources: sourcesOf(present),
  });
  const f = finding(fact, `facts/${fact.id}/series`, m);
  // A series that misses part of the period can only refute a claim, not confirm it: a lower low
  // (higher high) than printed is a contradiction; a higher one may lie in the missing days.
  const partial = present.some((r) => isPartialYear(r));
  const contradicts = high ? value > fact.value! : value < fact.value!;
  if (partial && f.verdict === 'disagrees' && !contradicts) {
    return {
      ...f,
      verdict: 'cannot-recompute',
      reason: `the series covers ${coverage} only, part of the period`,
      because: { kind: 'partial', first: first.first_date, last: last.last_date },
    };
  }
  return f;
}

/**
 * A stated year's auction revenue against the sum of the platforms' auction reports for that
 * year. The reports can only refute it from below: a platform data/ lacks (the UK's auctions on
 * ICE) is missing from the sum, so a sum under the claim cannot confirm or refute it.
 */
function auctionRevenueFinding(data: Data, fact: Fact): Finding | null {
  const { start, end } = periodOf(fact);
  if (!start || !end || start.slice(0, 4) !== end.slice(0, 4) || !start.endsWith('-01-01') || !end.endsWith('-12-31')) return null;
  const m = auctionRevenueOfYear(data, fact.market, +start.slice(0, 4), fact.unit);
  if (m.value === null) return null;
  const f = finding(fact, `facts/${fact.id}/auctions`, m);
  if (f.verdict === 'disagrees' && m.value < fact.value!) {
    return {
      ...f,
      verdict: 'cannot-recompute',
      reason: `the auction reports in data/ sum to less than the claim (${m.method}); a platform they do not cover would make up the rest`,
      because: { kind: 'platforms' },
    };
  }
  return f;
}

/**
 * A stated high or low against the daily closes of one series over the claim's own dates (daily
 * rows, or the shipped months lying wholly within them). Where the series does not reach both
 * ends it can only refute the claim.
 */
function dailyExtremeFinding(data: Data, fact: Fact): Finding | null {
  const { start, end } = periodOf(fact);
  if (!start || !end) return null;
  const stats = dailyStats(data, fact.market, { start, end });
  if (!stats) return null;
  const high = fact.indicator === 'price-high';
  const m = high ? stats.high : stats.low;
  if (m.value === null) return null;
  const f = finding(fact, `facts/${fact.id}/daily`, m);
  // Days the series misses can only lower a low or raise a high: a partial series confirms nothing,
  // and refutes a claim only when what it has already lies beyond it.
  const contradicts = high ? m.value > fact.value! : m.value < fact.value!;
  if (m.coverage && !m.coverage.complete && !(f.verdict === 'disagrees' && contradicts)) {
    return {
      ...f,
      verdict: 'cannot-recompute',
      reason: `the series covers ${m.coverage.first} – ${m.coverage.last} only, part of the period`,
      because: { kind: 'partial', first: m.coverage.first, last: m.coverage.last },
    };
  }
  return f;
}

function impliedPriceFindings(implied: ImpliedPrice, band: PriceBand): Finding[] {
  const v = implied.value.value;
  const { low, high } = band.stated;
  if (low.value === null || high.value === null) return [];
  return [
    {
      id: `facts/${band.market}/implied-price-within-band`,
      dataset: 'facts',
      ref: '§7',
      claim: `${low.value}–${high.value} ${low.unit}`,
      printed: low.value,
      printedHigh: high.value,
      qualifier: 'within',
      recomputed: v,
      unit: low.unit,
      verdict: v === null ? 'cannot-recompute' : v >= low.value && v <= high.value ? 'agrees' : 'disagrees',
      method: `${implied.value.method}; agrees if within the stated band`,
      inputs: implied.value.inputs,
      sources: implied.value.sources,
      ...(v === null ? { because: { kind: 'missing' } as const } : v >= low.value && v <= high.value ? {} : { because: { kind: 'recomputed' } as const }),
    },
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
        id: `power-generation/${mix.region}/${s.sourceType}/${id}`,
        dataset: 'power-generation',
        ref: a?.paper_ref ?? '',
        claim,
        printed,
        qualifier: 'exact',
        recomputed: m.value,
        unit: '%',
        verdict: agreesWithPrinted(printed, m.value, 'exact') ? 'agrees' : 'disagrees',
        method: m.method,
        ...(a?.note ? { note: a.note } : {}),
        inputs: m.inputs,
        sources: m.sources,
        ...(agreesWithPrinted(printed, m.value, 'exact') ? {} : { because: { kind: 'recomputed' } as const }),
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
