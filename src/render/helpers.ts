import Handlebars from 'handlebars';
import { decimalsFor, EXACT, roundSignificant, type Metric } from '../metrics/index.js';
import { didYouMean } from '../suggest.js';
import { fill, formatCell, formatDate, formatMoney, formatNumber, formatPercent, formatPrice, formatTonnes, type Lang } from './format.js';
import { UnknownStringError } from './i18n.js';
import type { Ledger } from './ledger.js';

/**
 * The helpers a brief's templates write numbers, charts and citations with (README, "Write your
 * own brief"). Every number they write goes through the brief's ledger, so numbers.json and the
 * change report see it, and an unknown name stops the build at the template's line and column.
 */

/** What a template reaches by name while it renders (set by renderPageAndSections for its brief). */
export interface AuthorContext {
  /** Every metric by its catalogue name (see metrics/catalogue.ts). */
  readonly metrics: ReadonlyMap<string, Metric>;
  /** Every chart id a brief may place (the registry's), drawn or not. */
  readonly charts: ReadonlySet<string>;
  /** Every source id of data/, and the footnote number of each the brief cites. */
  readonly sourceIds: ReadonlySet<string>;
  readonly footnotes: ReadonlyMap<string, number>;
  readonly ledger: Ledger;
}

/** Where the helpers read the language and words of the template being rendered (set just before). */
export interface HelperState {
  t: (key: string) => string;
  lang: Lang;
  /** The template file being rendered (a partial's own while it renders), for errors. */
  file: string;
  author: AuthorContext | undefined;
  /** Ledger entries already made in this render (a section renders in the brief and as a fragment). */
  recorded: Set<string>;
}

/** Handlebars passes a helper the place of its call in the template, its hash and the render's data. */
interface HelperOptions {
  readonly loc?: { readonly start: { readonly line: number; readonly column: number } };
  readonly hash?: Readonly<Record<string, unknown>>;
  readonly data?: { readonly root?: { readonly charts?: Readonly<Record<string, unknown>> } };
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
}

/** Helpers that write a number given to them; a number typed into the template is refused (see typedNumbers). */
export const NUMBER_HELPERS = ['num', 'percent', 'money'] as const;

export class TemplateNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateNameError';
  }
}

function at(state: HelperState, options: HelperOptions | undefined): string {
  return options?.loc ? `${state.file}:${options.loc.start.line}:${options.loc.start.column + 1}` : state.file;
}

/** A metric as a reader expects it, to the precision it carries: "about 2%", "2.3亿吨", "CNY 54.40/t". */
export function writeMetric(m: Metric & { value: number }, lang: Lang, t: (key: string) => string): string {
  const p = m.precision ?? EXACT;
  const v = roundSignificant(m.value, p.digits);
  const d = decimalsFor(m.value, p.digits, 2);
  const price = /^([A-Z]{3})\/t$/.exec(m.unit);
  const body =
    m.unit === '%'
      ? formatPercent(v, lang, d)
      : m.unit === '%/yr'
        ? `${formatPercent(v, lang, d)}${lang === 'zh-CN' ? '/年' : ' a year'}`
        : m.unit === 't' || m.unit === 't/yr'
          ? formatTonnes(v, lang, m.unit === 't/yr')
          : price
            ? formatPrice(v, price[1]!, lang, d)
            : /^[A-Z]{3}$/.test(m.unit)
              ? formatMoney(v, m.unit, lang)
              : m.unit === 'ratio'
                ? fill(t('brief.times'), { x: formatNumber(v, lang, d) }, 'brief.times')
                : m.unit === 'GWh'
                  ? `${formatNumber(v, lang, d)} GWh`
                  : formatNumber(v, lang, d);
  return `${p.approx ? t('qualifiers.approx') : ''}${body}`;
}

export function registerHelpers(hb: typeof Handlebars, state: HelperState): void {
  const author = (options: HelperOptions): AuthorContext => {
    if (!state.author) throw new TemplateNameError(`${at(state, options)}: metrics, charts and citations are available in section templates only`);
    return state.author;
  };
  /** Records once per render (the brief and its fragments render a section each) and returns the text. */
  const once = (key: string, record: () => string, text: string): string => {
    if (!state.recorded.has(key)) {
      state.recorded.add(key);
      record();
    }
    return text;
  };
  const metricNamed = (name: unknown, options: HelperOptions): Metric => {
    const { metrics } = author(options);
    const m = typeof name === 'string' ? metrics.get(name) : undefined;
    if (!m)
      throw new TemplateNameError(
        `${at(state, options)}: unknown metric "${String(name)}"${didYouMean(String(name), metrics.keys())}; \`ets-brief metrics --list\` lists them`,
      );
    return m;
  };
  /** A day in words, recorded as a label where a brief's ledger is at hand. */
  const day = (iso: string | undefined): string => {
    if (!iso) return '';
    const text = formatDate(iso, state.lang);
    const ledger = state.author?.ledger;
    return ledger ? once(`date|${iso}`, () => ledger.label(`date:${iso}`, text), text) : text;
  };
  /** A number the template was given (from the view), written and recorded where it is written. */
  const given = (value: unknown, text: (v: number) => string, unit: string, options: HelperOptions): string => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return '';
    const written = text(value);
    const ledger = author(options).ledger;
    const id = `template:${at(state, options)}`;
    return once(
      `${id}|${written}`,
      () => ledger.add({ id, text: written, kind: 'number', value, unit, method: 'written by the template', rows: [], sources: [] }),
      written,
    );
  };

  // An unknown key names the template and the line of the {{t}} call, not only the strings file.
  // With placeholders ({{t "key" x=(metric "…")}}) the string is filled and stated as a sentence.
  hb.registerHelper('t', (key: unknown, options: HelperOptions) => {
    let template: string;
    try {
      template = state.t(String(key));
    } catch (error) {
      if (!(error instanceof UnknownStringError)) throw error;
      throw new Error(`${at(state, options)}: ${error.message}`, { cause: error });
    }
    const values = options.hash ?? {};
    if (Object.keys(values).length === 0) return template;
    const text = fill(template, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])), `${at(state, options)}: "${String(key)}"`);
    const ledger = author(options).ledger;
    return once(`sentence|${String(key)}|${text}`, () => ledger.sentence({ slot: String(key), key: String(key), text, comparisons: [] }), text);
  });
  hb.registerHelper('cell', (v: unknown) => formatCell(v, state.lang));

  hb.registerHelper('metric', (name: unknown, options: HelperOptions) => {
    const m = metricNamed(name, options);
    if (m.value === null) return state.t('brief.notAvailable');
    const text = writeMetric(m as Metric & { value: number }, state.lang, state.t);
    const ledger = author(options).ledger;
    return once(`metric|${String(name)}|${text}`, () => ledger.metric(`metric:${String(name)}`, m, text), text);
  });
  // {{#ifMetric "name"}}…{{else}}…{{/ifMetric}}: whether data/ gives the metric a value.
  hb.registerHelper('ifMetric', function (this: unknown, name: unknown, options: HelperOptions) {
    return metricNamed(name, options).value !== null ? options.fn!(this) : options.inverse!(this);
  });
  hb.registerHelper('num', (value: unknown, options: HelperOptions) =>
    given(value, (v) => formatNumber(v, state.lang, typeof options.hash?.decimals === 'number' ? options.hash.decimals : 0), '', options),
  );
  hb.registerHelper('percent', (value: unknown, options: HelperOptions) => given(value, (v) => formatPercent(v, state.lang), '%', options));
  hb.registerHelper('money', (value: unknown, currency: unknown, options: HelperOptions) => {
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
      throw new TemplateNameError(`${at(state, options)}: money needs a currency code ("EUR", "CNY"), got ${JSON.stringify(currency)}`);
    return given(value, (v) => formatMoney(v, currency, state.lang), currency, options);
  });
  // A date names a period: a label in the ledger, not a quantity.
  hb.registerHelper('date', (iso: unknown, options: HelperOptions) => {
    if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(iso))
      throw new TemplateNameError(`${at(state, options)}: date needs an ISO day ("2021-07-16"), got ${JSON.stringify(iso)}`);
    return day(iso);
  });
  // The period a metric covers ("16 July 2021 – 31 December 2022"), its days as labels.
  hb.registerHelper('period', (name: unknown, options: HelperOptions) => {
    const { start, end } = metricNamed(name, options).period ?? {};
    return start && end && start !== end ? `${day(start)} – ${day(end)}` : day(end ?? start);
  });
  // The figure, numbered with the others (renderPageAndSections numbers the charts the templates place).
  hb.registerHelper('chart', (id: unknown, options: HelperOptions) => {
    const { charts } = author(options);
    if (typeof id !== 'string' || !charts.has(id))
      throw new TemplateNameError(
        `${at(state, options)}: unknown chart "${String(id)}"${didYouMean(String(id), charts)}; \`ets-brief charts --list\` lists them`,
      );
    const view = options.data?.root?.charts?.[id] ?? null;
    return new hb.SafeString(hb.partials.chart!(view, { data: options.data }) as string);
  });
  // A footnote marker for a source of sources.csv, listed with the section's sources.
  hb.registerHelper('cite', (id: unknown, options: HelperOptions) => {
    const { sourceIds, footnotes } = author(options);
    const n = typeof id === 'string' ? footnotes.get(id) : undefined;
    if (n === undefined)
      throw new TemplateNameError(`${at(state, options)}: unknown source "${String(id)}"${didYouMean(String(id), sourceIds)} (not in sources.csv)`);
    return new hb.SafeString(hb.partials.cites!({ cites: [n] }, { data: options.data }) as string);
  });
}

/** Helpers whose first argument is a metric's name. */
const METRIC_HELPERS = ['metric', 'ifMetric', 'period'];

/** A call of a helper in a template: its name, first argument if a literal, and place. */
export interface HelperCall {
  readonly helper: string;
  readonly literal: string | number | undefined;
  readonly line: number;
  readonly column: number;
}

/** Every helper call of a template, found in its syntax tree (branches not taken included). */
export function helperCalls(source: string): HelperCall[] {
  const calls: HelperCall[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as {
      type?: string;
      path?: { original?: unknown };
      params?: { type: string; value?: unknown }[];
      loc?: { start: { line: number; column: number } };
    };
    if (
      (n.type === 'MustacheStatement' || n.type === 'SubExpression' || n.type === 'BlockStatement') &&
      typeof n.path?.original === 'string' &&
      n.params &&
      n.params.length > 0 &&
      n.loc
    ) {
      const first = n.params[0]!;
      const literal = first.type === 'StringLiteral' || first.type === 'NumberLiteral' ? (first.value as string | number) : undefined;
      calls.push({ helper: n.path.original, literal, line: n.loc.start.line, column: n.loc.start.column + 1 });
    }
    for (const value of Object.values(node)) if (typeof value === 'object') visit(value);
  };
  visit(Handlebars.parse(source));
  return calls;
}

/**
 * A template's names checked before anything renders, so a misspelt metric, chart or source in a
 * branch the data does not take today still stops the build; a number typed into a number helper
 * is refused (it would not change with the data).
 */
export function checkTemplateNames(
  source: string,
  file: string,
  names: { metrics: ReadonlyMap<string, Metric>; charts: ReadonlySet<string>; sourceIds: ReadonlySet<string> },
): void {
  for (const call of helperCalls(source)) {
    const where = `${file}:${call.line}:${call.column}`;
    const name = String(call.literal);
    if ((NUMBER_HELPERS as readonly string[]).includes(call.helper) && typeof call.literal === 'number') {
      throw new TemplateNameError(
        `${where}: the number ${call.literal} is typed into the template; take it from a metric ({{metric "…"}}) so it follows the data`,
      );
    }
    if (call.literal === undefined) continue;
    if (METRIC_HELPERS.includes(call.helper) && !names.metrics.has(name))
      throw new TemplateNameError(`${where}: unknown metric "${name}"${didYouMean(name, names.metrics.keys())}; \`ets-brief metrics --list\` lists them`);
    if (call.helper === 'chart' && !names.charts.has(name))
      throw new TemplateNameError(`${where}: unknown chart "${name}"${didYouMean(name, names.charts)}; \`ets-brief charts --list\` lists them`);
    if (call.helper === 'cite' && !names.sourceIds.has(name))
      throw new TemplateNameError(`${where}: unknown source "${name}"${didYouMean(name, names.sourceIds)} (not in sources.csv)`);
  }
}
