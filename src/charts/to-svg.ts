import type { TopLevelSpec } from 'vega-lite';
import type { FontSet } from '../fonts/font-set.js';
import type { Weight } from '../fonts/noto-sans-sc.js';
import { FONT_FAMILY } from '../fonts/noto-sans-sc.js';
import { checkRuntimeExpressions, checkSpecExpressions } from './expressions.js';
import { externalReferences } from './validate.js';
import { validateSpec } from './validate.js';

/* A Vega-Lite spec and its rows in, static SVG out (localised, with the project's fonts). */

export interface ChartLocale {
  /** d3-format locale definition (decimal, thousands, grouping, currency). */
  readonly number: Record<string, unknown>;
  /** d3-time-format locale definition. */
  readonly time: Record<string, unknown>;
}

export interface RenderOptions {
  readonly width: number;
  readonly height: number;
  readonly locale: ChartLocale;
  /** Replaces "i18n:key" strings anywhere in the spec. */
  readonly strings: Readonly<Record<string, string>>;
  /** Named datasets the spec refers to with {"name": ...}. */
  readonly datasets: Readonly<Record<string, readonly Record<string, unknown>[]>>;
  readonly fonts: FontSet;
  /** Default category colours (a spec that names its own keeps them). */
  readonly palette?: readonly string[] | undefined;
  /**
   * Text the spec or theme sets smaller is drawn at this size (px). A chart drawn for narrow
   * screens sets it, so that scaled to the width it is shown at, no text reads under 9 CSS px.
   */
  readonly minFontSize?: number | undefined;
}

type Vega = typeof import('vega');

/** Vega, Vega-Lite and the interpreter, loaded on the first chart: a build that takes every chart from the cache never loads them. */
let engine: Promise<{ vega: Vega; compile: typeof import('vega-lite').compile; interpreter: unknown }> | undefined;
function loadEngine() {
  engine ??= Promise.all([import('vega'), import('vega-lite'), import('vega-interpreter')]).then(([vega, vl, vi]) => ({
    vega,
    compile: vl.compile,
    interpreter: vi.expressionInterpreter,
  }));
  return engine;
}

let measuringWith: FontSet | undefined;

/**
 * Vega lays text out with `textMetrics.width`; without a canvas it guesses 0.8 em per character,
 * far off for Chinese. This points it at the brief's own font, so labels are placed, truncated and
 * avoided with the widths the reader will actually see.
 */
function measureWith(vega: Vega, fonts: FontSet): void {
  if (measuringWith === fonts) return;
  measuringWith = fonts;
  const metrics = (vega as unknown as { textMetrics: unknown }).textMetrics as { width: (item: Record<string, unknown>, text: unknown) => number };
  metrics.width = (item, text) => {
    const size = typeof item.fontSize === 'number' ? item.fontSize : 11;
    const weight: Weight = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? 700 : 400;
    return fonts.measure(String(text ?? ''), size, weight);
  };
}

/** Replaces every "i18n:key" string in a JSON value; an unknown key is an error, not blank text. */
export function localise<T>(value: T, strings: Readonly<Record<string, string>>, where: string): T {
  if (typeof value === 'string' && value.startsWith('i18n:')) {
    const key = value.slice(5);
    const text = Object.hasOwn(strings, key) ? strings[key] : undefined;
    if (text === undefined) throw new Error(`${where}: no translation for "${key}"`);
    // Vega-Lite copies field titles into the expressions that describe marks, escaping quotes but
    // not backslashes: a backslash broke the expression ("\3c" is a syntax error) or ended its
    // string early. Refused, naming the string, rather than changed into another character.
    if (text.includes('\\'))
      throw new Error(`${where}: the string "${key}" holds a backslash (\\), which Vega-Lite would copy unescaped into an expression; write it without one`);
    return text as T;
  }
  if (Array.isArray(value)) return value.map((v) => localise(v, strings, where)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localise(v, strings, where)])) as T;
  }
  return value;
}

/** The brief's look, shared by every chart: its font, sizes and quiet axes. */
const DEFAULT_PALETTE = ['#1f4e79', '#c0504d', '#7f9f3f', '#8064a2', '#f79646', '#4bacc6', '#7f7f7f', '#c39b00', '#2e8b57', '#b65fa0', '#555'];

function theme(width: number, height: number, palette: readonly string[] = DEFAULT_PALETTE, minFontSize = 0): Record<string, unknown> {
  const size = (px: number) => Math.max(px, minFontSize);
  return {
    font: `'${FONT_FAMILY}', sans-serif`,
    background: null,
    view: { stroke: null, continuousWidth: width, continuousHeight: height },
    // Labels that would overlap are thinned (every other one), as a narrow drawing needs.
    axis: {
      labelOverlap: true,
      labelFontSize: size(11),
      titleFontSize: size(11),
      titleFontWeight: 'normal',
      labelColor: '#333',
      titleColor: '#333',
      gridColor: '#e6e6e6',
      domainColor: '#888',
      tickColor: '#888',
    },
    // Two legends below a narrow chart would run off its side: there they stack.
    legend: {
      labelFontSize: size(11),
      titleFontSize: size(11),
      titleFontWeight: 'normal',
      orient: 'bottom',
      labelLimit: 0,
      layout: { bottom: { direction: width < 480 ? 'vertical' : 'horizontal', anchor: 'start' } },
    },
    title: { fontSize: size(13), fontWeight: 'bold', anchor: 'start', color: '#111' },
    text: { fontSize: size(11) },
    range: { category: [...palette] },
  };
}

/** The spec with every font size below `min` raised to it (mark, axis and legend sizes alike). */
function withMinFontSize<T>(value: T, min: number): T {
  if (Array.isArray(value)) return value.map((v) => withMinFontSize(v, min)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, /fontSize$/i.test(k) && typeof v === 'number' && v < min ? min : withMinFontSize(v, min)]),
    ) as T;
  }
  return value;
}

/**
 * Each mark's description (Vega writes it as the item's aria-label) as its SVG <title> too, which
 * browsers show as a tooltip on hover without any script. Vega escaped the label for an attribute
 * (& < > " and line breaks as references), which is also valid element text, so data reaches the
 * title as text, never as markup.
 */
export function titlesFromDescriptions(svg: string): string {
  return svg.replace(
    /<(\w+) aria-label="([^"]*)" role="graphics-symbol"([^>]*?)(\/?)>/g,
    (_, tag: string, label: string, rest: string, selfClosing: string) =>
      `<${tag} role="graphics-symbol"${rest}><title>${label}</title>${selfClosing ? `</${tag}>` : ''}`,
  );
}

/**
 * Binds a Vega-Lite spec to data and words, and renders it to static SVG in Node. Expressions are
 * evaluated by vega-interpreter, never compiled with `new Function`, so a spec cannot run code.
 */
export async function renderChart(spec: TopLevelSpec, options: RenderOptions, where: string): Promise<string> {
  const { vega, compile, interpreter } = await loadEngine();
  measureWith(vega, options.fonts);
  // Whoever calls, the spec is checked where it runs: no URLs, bounded row growth (validate.ts).
  // As written: the words put in later are text (the rendered SVG is checked again below).
  validateSpec(spec, where);
  const min = options.minFontSize ?? 0;
  const localised = localise(min > 0 ? withMinFontSize(spec, min) : spec, options.strings, where);
  // Expressions are checked before anything runs (see expressions.ts): first as written, with
  // their path in the spec, then as Vega parsed them, with those Vega-Lite added.
  checkSpecExpressions(localised, (code) => vega.parseExpression(code), where);
  const bound = {
    ...localised,
    datasets: options.datasets,
    width: options.width,
    height: options.height,
    config: theme(options.width, options.height, options.palette, min),
    autosize: { type: 'fit', contains: 'padding' },
    // Room for the half of an edge tick label that sits outside the plot.
    padding: { top: 12, right: 8, bottom: 4, left: 4 },
  } as TopLevelSpec;
  // Vega and Vega-Lite errors ("Illegal callee type", an unknown field type…) name no file.
  const named = (error: unknown) => new Error(`${where}: ${(error as Error).message ?? String(error)}`, { cause: error });
  let runtime: ReturnType<Vega['parse']>;
  try {
    runtime = vega.parse(compile(bound).spec, undefined, { ast: true });
  } catch (error) {
    throw named(error);
  }
  checkRuntimeExpressions(runtime, where);
  const view = new vega.View(runtime, {
    renderer: 'none',
    expr: interpreter as never,
    locale: options.locale as never,
  });
  let svg: string;
  try {
    svg = await view.toSVG();
  } catch (error) {
    throw named(error);
  } finally {
    view.finalize();
  }
  const external = externalReferences(svg);
  if (external.length > 0) throw new Error(`${where}: the chart drew references outside itself, which a brief would fetch: ${external.slice(0, 3).join(', ')}`);
  return titlesFromDescriptions(svg);
}
