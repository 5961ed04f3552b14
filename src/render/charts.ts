import type { TopLevelSpec } from 'vega-lite';
import { CHARTS, type ChartContext, type ChartDefinition } from '../charts/registry.js';
import { formatCsv } from '../data/write-table.js';
import { renderChart } from '../charts/render.js';
import { validateSpec } from '../charts/validate.js';
import type { FontSet } from '../fonts/font-set.js';
import { BuildCache, cacheKey } from '../build/cache.js';
import { VERSION } from '../version.js';
import { fill } from './format.js';
import type { Messages } from './i18n.js';
import type { TemplateFiles } from './template-files.js';

export interface ChartView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Static SVG, produced by Vega from the spec (text nodes escaped by Vega's SVG renderer). */
  readonly svg: string;
  /** Raw cell values; the template formats numbers for the reader's language. */
  readonly table: { readonly columns: readonly string[]; readonly rows: readonly (readonly (string | number | null)[])[] };
  readonly csv: string;
  readonly csvFile: string;
  readonly csvHref: string;
  readonly sources: readonly string[];
  /** Further tables written beside the chart's CSV (see ChartBuild.files). */
  readonly files: readonly { readonly file: string; readonly csv: string }[];
}

/** Chart width in CSS pixels; the SVG scales down on narrow screens. */
export const CHART_WIDTH = 640;

/** Renders every chart data/ can draw, in one language. Charts without data are left out. */
export async function renderCharts(
  ctx: ChartContext, messages: Messages, files: TemplateFiles, fonts: FontSet, palette?: readonly string[],
  cache: BuildCache = BuildCache.disabled(), log: (line: string) => void = () => {},
): Promise<Map<string, ChartView>> {
  const views = new Map<string, ChartView>();
  for (const def of CHARTS) {
    const raw = def.build(ctx);
    if (!raw) continue;
    // Long daily series arrive reduced (see DailySeries), so a chart's size does not grow with the
    // data; its table and CSV hold what the chart shows.
    const built = raw;
    const where = `templates/charts/${def.id}.vl.json`;
    const spec = JSON.parse(await files.read(`charts/${def.id}.vl.json`)) as TopLevelSpec;
    validateSpec(spec, where);
    const strings = chartStrings(messages, def, built.placeholders);
    const specText = await files.read(`charts/${def.id}.vl.json`);
    // Everything the picture depends on: spec, data, words, size, locale, colours, tool version.
    const key = cacheKey(VERSION, specText, built.datasets, chartStringsUsed(specText, strings), def.height, CHART_WIDTH, messages.locale, palette ?? null);
    let svg = (await cache.get('charts', key))?.toString('utf8');
    if (svg === undefined) {
      svg = await renderChart(spec, { width: CHART_WIDTH, height: def.height, locale: messages.locale, strings, datasets: built.datasets, fonts, palette }, where);
      await cache.put('charts', key, svg);
      log(`chart ${def.id} (${messages.lang}): rendered (inputs changed or not cached)`);
    } else {
      log(`chart ${def.id} (${messages.lang}): unchanged, reused`);
    }
    const columns = def.fields.map((field) => ctx.t(`charts.${def.id}.${field}`));
    const rows = built.datasets.table.map((row) => def.fields.map((field) => row[field] ?? null));
    const csv = toCsv(columns, rows);
    views.set(def.id, {
      id: def.id,
      title: strings[`charts.${def.id}.title`]!,
      description: strings[`charts.${def.id}.description`]!,
      svg: hardenSvg(svg),
      table: { columns, rows },
      csv,
      csvFile: `${def.id}.csv`,
      csvHref: `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${csv}`)}`,
      sources: built.sources,
      files: (built.files ?? []).map((f) => ({
        file: `${def.id}-${f.name}.csv`,
        csv: toCsv(f.fields.map((field) => ctx.t(`charts.${def.id}.${f.name}.${field}`)), f.rows.map((row) => f.fields.map((field) => row[field] ?? null))),
      })),
    });
  }
  return views;
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
 */
function hardenSvg(svg: string): string {
  return svg.replace(/<svg /, '<svg focusable="false" aria-hidden="true" ');
}
