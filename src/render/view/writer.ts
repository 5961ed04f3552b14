import { currencyOfUnit } from '../../data/datasets/common.js';
import type { Data } from '../../data/datasets/index.js';
import { decimalsFor, EXACT, roundSignificant, type Metric, type Precision } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { statedPrecision } from '../../metrics/precision.js';
import { fill, formatCount, formatDate, formatMoney, formatMonth, formatNumber, formatPercent, formatPrice, formatTonnes, formatYear } from '../format.js';
import { UnknownStringError } from '../i18n.js';
import { Ledger, numberTokens } from '../ledger.js';
import { comparedNameForms } from '../market-names.js';
import type { Paragraph, ViewContext } from './types.js';

/**
 * The shared writer of a brief's view: every section builder writes its numbers, labels and
 * sentences through it, so that each number is recorded in the one ledger as it is written and
 * each source is numbered in the order the brief first cites it. Section builders must run in
 * reading order: the footnote numbers and the ledger's order follow the calls.
 */

export type Fact = Data['facts'][number];
export type Kind = 'percent' | 'tonnes' | 'price' | 'money' | 'number' | 'times' | 'count';
/** Where a sentence goes when it has other wordings or recurs, and whether comparing numbers chose it. */
export interface Place {
  readonly slot?: string;
  readonly compares?: boolean;
}

/** Numbers footnotes in the order sources are first cited. */
export class Citations {
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

/** Digits typed into a sentence's own words: a hard-coded number that would go stale. */
function typedNumbers(template: string, names: readonly string[]): string[] {
  return numberTokens(names.reduce((text, name) => text.split(name).join(' '), template.replace(/\{\w+\}/g, ' ')));
}

/** Whether the strings have `key` (a translator throws for a key it does not have). */
export function hasString(t: (key: string) => string, key: string): boolean {
  try {
    t(key);
    return true;
  } catch (error) {
    if (error instanceof UnknownStringError) return false;
    throw error;
  }
}

export type Writer = ReturnType<typeof createWriter>;

export function createWriter(ctx: ViewContext) {
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
  /** Numbers the sources of a section's charts, cited after its text. */
  const citeCharts = (section: string) => {
    for (const chart of ctx.chartsBySection?.[section] ?? []) chartCites[chart.id] = citations.cite(chart.sources);
  };
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
  const checkedTemplate = (key: string, values: Record<string, string | number>): string => {
    const template = t(key);
    const typed = typedNumbers(template, names);
    if (typed.length > 0)
      throw new Error(`i18n "${key}": the sentence has a number typed into its words (${typed.join(', ')}); put it in data/ and pass it as a placeholder`);
    for (const [name, value] of Object.entries(values)) {
      if (!ledger.holds(String(value))) throw new Error(`i18n "${key}": {${name}} = "${String(value)}" states a number that is not in the ledger`);
    }
    return template;
  };
  /**
   * Part of a sentence (a clause a sentence joins with others), checked as a sentence is; the
   * sentence it goes into records it.
   */
  const phrase = (key: string, values: Record<string, string | number>): string => fill(checkedTemplate(key, values), values, key);
  const sentence = (key: string, values: Record<string, string | number>, place: Place = {}): string => {
    const template = checkedTemplate(key, values);
    // Only the chosen words this sentence holds are its own (one left by a sentence not stated is dropped).
    const words = chosen
      .splice(0)
      .filter((c) => Object.values(values).some((v) => String(v).includes(c.text)))
      .map((c) => c.key);
    const text = fill(template, values, key);
    return ledger.sentence({ slot: place.slot ?? key, key, text, comparisons: [...(place.compares ? [key] : []), ...words] });
  };
  const para = (key: string, values: Record<string, string | number>, sources: readonly string[], place: Place = {}): Paragraph => ({
    text: sentence(key, values, place),
    cites: citations.cite(sources),
  });
  /** The latest stated value of a market's indicator (about `subjectName`, when given). */
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
  /** A percent a source states, written bare: the sentence words its hedge ("about …") itself. */
  const statedPlain = (id: string, f: Fact): string =>
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
  const moved = (id: string, m: Metric, max: number): string => direction(m.value!, num(id, m, 'percent', max, { abs: true }));
  const movedFact = (id: string, f: Fact, max = 1): string => direction(f.value!, stated(id, f, 'percent', max, { abs: true }));
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
  /** A scope of emissions by name (scopes.csv), recorded as text. */
  const scope = (id: string) => {
    const s = data.scopes.find((x) => x.id === id);
    const name = s ? (lang === 'zh-CN' ? s.label_zh : s.label_en) : id;
    return ledger.text(`scope:${id}`, name, [{ dataset: 'scopes', rows: [id] }], sourcesOf(data.scopes.filter((x) => x.id === id)));
  };

  return {
    data,
    metrics,
    lang,
    t,
    ledger,
    citations,
    chartCites,
    citeCharts,
    choose,
    sentence,
    phrase,
    para,
    fact,
    currencyOf,
    marketName,
    regionName,
    findingFor,
    date,
    month,
    year,
    yearText,
    span,
    ordinal,
    written,
    direction,
    num,
    stated,
    statedPlain,
    moved,
    movedFact,
    fromRow,
    scope,
    powerHighlight: ctx.powerHighlight,
  };
}
