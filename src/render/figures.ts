import type { TopLevelSpec } from 'vega-lite';
import { CHARTS, type ChartBuild, type ChartContext, type ChartDefinition } from '../charts/registry.js';
import { formatCsv } from '../data/write-table.js';
import { renderChart } from '../charts/to-svg.js';
import { checkBoundNames, checkStringKeys, validateSpec } from '../charts/validate.js';
import { parseJson } from '../json-source.js';
import type { FontSet } from '../fonts/font-set.js';
import { VERSION } from '../version.js';
import { fill, formatCell } from './format.js';
import { lookupString, type Messages } from './i18n.js';
import type { TemplateFiles } from './template-files.js';
import { cacheKey, NO_CACHE, type WorkCache } from './work-cache.js';

/* The brief's charts as figures: each chart's rows picked, drawn wide and narrow, with its table and CSV. */

export interface ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Static SVG, produced by Vega from the spec (text nodes escaped by Vega's SVG renderer). */
  readonly svg: string;
  /** The same chart drawn for narrow containers (see CHART_VARIANTS); brief.css shows one or the other. */
  readonly narrowSvg: string;
  /** Raw cell values; the template formats numbers for the reader's language. */
  readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly (string | number | null)[])[] };
  readonly csv: string;
  readonly csvFile: string;
  readonly csvHref: string;
  readonly sources: readonly string[];
  /** The chart's own last observation: an ISO date, or a year where its rows are yearly; null if its rows say neither. */
  readonly lastObservation: string | null;
  /** Further tables written beside the chart's CSV (see ChartBuild.files). */
  readonly files: readonly { readonly file: string; readonly csv: string }[];
}

/** The wide drawing's width in CSS pixels (it scales down to 600 px; below, the narrow one shows). */
export const CHART_WIDTH = 640;

/**
 * Each chart is drawn twice, and brief.css shows the drawing that fits the width the page gives
 * the chart (a container query, so a section in a narrow column of a wide page gets it too).
 * Scaling one 640 px drawing down to a phone put its text at 4–5 CSS px; raising its font sizes
 * instead would overlap labels laid out for 640 px. So: the wide drawing, shown from 600 px wide,
 * has no text under 10 px (9.4 px or more as shown); the narrow one, laid out again at 360 px
 * with no text under 12 px, is shown below 600 px and reads at 9.3 px or more from 280 px wide
 * (a 320 px phone) up to its largest, 1.4 times its size.
 */
export const CHART_VARIANTS = {
  wide: { width: CHART_WIDTH, minFontSize: 10, heightScale: 1 },
  // A quarter taller, for the larger text (bars of a horizontal chart carry a label each).
  narrow: { width: 360, minFontSize: 12, heightScale: 1.25 },
} as const;
type Variant = keyof typeof CHART_VARIANTS;

/** Renders every chart data/ can draw, in one language. Charts without data are left out. */
export async function renderCharts(
  ctx: ChartContext,
  messages: Messages,
  files: TemplateFiles,
  fonts: FontSet,
  palette?: readonly string[],
  cache: WorkCache = NO_CACHE,
  log: (line: string) => void = () => {},
): Promise<Map<string, ChartView>> {
  const views = new Map<string, ChartView>();
  for (const def of CHARTS) {
    const raw = def.build(ctx);
    if (!raw) continue;
    // Long daily series arrive reduced (see DailySeries), so a chart's size does not grow with the
    // data; its table and CSV hold what the chart shows.
    const built = raw;
    // Errors name the file as it is on disk (an override's own path), at the line where it can be.
    const where = await files.path(`charts/${def.id}.vl.json`);
    const specText = await files.read(`charts/${def.id}.vl.json`);
    const spec = parseJson(specText, where) as TopLevelSpec;
    validateSpec(spec, where, specText);
    const strings = chartStrings(messages, def, built.placeholders);
    const datasets = withTips(def.id, built.datasets, messages);
    checkBoundNames(spec, specText, datasets, where);
    checkStringKeys(spec, specText, strings, where);
    let rendered = false;
    const draw = async (variant: Variant): Promise<string> => {
      const { width, minFontSize, heightScale } = CHART_VARIANTS[variant];
      const height = Math.round(def.height * heightScale);
      // Everything the picture depends on: spec, data, words, size, locale, colours, tool version.
      const key = cacheKey(VERSION, specText, datasets, chartStringsUsed(specText, strings), height, width, minFontSize, messages.locale, palette ?? null);
      let svg = decodeCached(await cache.get('charts', key));
      if (svg === undefined) {
        svg = await renderChart(spec, { width, height, minFontSize, locale: messages.locale, strings, datasets, fonts, palette }, where);
        await cache.put('charts', key, svg);
        rendered = true;
      }
      return hardenSvg(svg, variant);
    };
    const [svg, narrowSvg] = [await draw('wide'), await draw('narrow')];
    log(`chart ${def.id} (${messages.lang}): ${rendered ? 'rendered (inputs changed or not cached)' : 'unchanged, reused'}`);
    const columns = def.fields.map((field) => ctx.t(`charts.${def.id}.${field}`));
    const rows = built.datasets.table.map((row) => def.fields.map((field) => row[field] ?? null));
    const csv = toCsv(columns, rows);
    views.set(def.id, {
      id: def.id,
      title: strings[`charts.${def.id}.title`]!,
      description: strings[`charts.${def.id}.description`]!,
      svg,
      narrowSvg,
      table: { columns, rows },
      csv,
      csvFile: `${def.id}.csv`,
      csvHref: `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${csv}`)}`,
      sources: built.sources,
      lastObservation: lastObservation(built.datasets.table),
      files: (built.files ?? []).map((f) => ({
        file: `${def.id}-${f.name}.csv`,
        csv: toCsv(
          f.fields.map((field) => ctx.t(`charts.${def.id}.${f.name}.${field}`)),
          f.rows.map((row) => f.fields.map((field) => row[field] ?? null)),
        ),
      })),
    });
  }
  return views;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The latest day (a `date` or `period` field) or, for yearly rows, the latest year a chart's table holds: a
 * chart exported on its own is dated by its own data, not by the brief's latest series.
 */
export function lastObservation(rows: readonly Readonly<Record<string, unknown>>[]): string | null {
  let day: string | null = null;
  let year: number | null = null;
  for (const row of rows) {
    // `period` is a year or a day (the price chart's yearly points and daily markers).
    for (const value of [row.date, row.period, row.year]) {
      if (typeof value === 'string' && ISO_DAY.test(value) && (day === null || value > day)) day = value;
      const y = typeof value === 'number' ? value : typeof value === 'string' && /^\d{4}$/.test(value) ? Number(value) : null;
      if (y !== null && Number.isInteger(y) && (year === null || y > year)) year = y;
    }
  }
  if (day !== null && (year === null || Number(day.slice(0, 4)) >= year)) return day;
  return year === null ? null : String(year);
}

/**
 * Each row with its tooltip (`tip`, which the specs draw as each mark's description and so as its
 * SVG <title>): the string chartTips.<chart>.<dataset>, or chartTips.<chart>, with its
 * {placeholders} filled from the row as the brief writes values (years bare, numbers in the
 * reader's convention, dates in words).
 */
function withTips(chart: string, datasets: ChartBuild['datasets'], messages: Messages): ChartBuild['datasets'] {
  const lang = messages.lang;
  const tipped = Object.entries(datasets).map(([name, rows]) => {
    if (rows.length === 0) return [name, rows] as const;
    const key = [`chartTips.${chart}.${name}`, `chartTips.${chart}`].find((k) => lookupString(messages.strings, k) !== undefined);
    if (!key)
      throw new Error(
        `templates/i18n/${lang}.json: no tooltip string "chartTips.${chart}.${name}" (or "chartTips.${chart}") for the ${name} data of chart ${chart}`,
      );
    const template = lookupString(messages.strings, key)!;
    return [
      name,
      rows.map((row) => ({ ...row, tip: fill(template, Object.fromEntries(Object.entries(row).map(([k, v]) => [k, formatCell(v, lang)])), key) })),
    ] as const;
  });
  return Object.fromEntries(tipped) as ChartBuild['datasets'];
}

/** The i18n strings a spec refers to, so other strings changing does not redraw the chart. */
function chartStringsUsed(specText: string, strings: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries([...specText.matchAll(/"i18n:([^"]+)"/g)].map((m) => [m[1]!, Object.hasOwn(strings, m[1]!) ? strings[m[1]!]! : '']));
}

/** The strings a chart uses, with its {placeholders} filled. */
function chartStrings(messages: Messages, def: ChartDefinition, placeholders: Readonly<Record<string, string | number>>): Record<string, string> {
  const prefix = `charts.${def.id}.`;
  return Object.fromEntries(
    Object.entries(messages.strings).map(([key, value]) => [key, key.startsWith(prefix) && value.includes('{') ? fill(value, placeholders, key) : value]),
  );
}

/**
 * A chart's data as the CSV a reader downloads and opens in a spreadsheet (CRLF; the BOM is added
 * by the writer of the file). Text cells a spreadsheet would run as a formula are neutralised
 * (see neutraliseFormula); numbers stay numbers, negative ones included.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return formatCsv([columns, ...rows], { newline: '\r\n', formulas: 'neutralise' });
}

/**
 * The chart is decorative to assistive technology (its figure has role="img", a title, a
 * description and a data table). Text sizes are protected from host CSS by scoped rules in
 * brief.css, not inline styles, so a host with a strict style-src needs only the <style> hash.
 * The class names the drawing (etsb-wide, etsb-narrow) for brief.css's container query.
 */
function hardenSvg(svg: string, variant: Variant): string {
  return svg.replace(/<svg /, '<svg focusable="false" aria-hidden="true" ').replace(' class="marks"', ` class="marks etsb-${variant}"`);
}

function decodeCached(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}
