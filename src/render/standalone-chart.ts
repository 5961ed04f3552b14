import type { FontSet } from '../fonts/font-set.js';
import type { ChartView } from './figures.js';
import { fill, formatDate, type Lang } from './format.js';
import { svgDocument, textBlock, xmlSafe, type StandaloneSvg, type TextStyle } from './svg-text.js';

/** What a chart carries when it leaves the brief: a slide or a post has no caption around it. */
export interface ChartLabels {
  readonly title: string;
  /** "Source: …", the publishers of the rows it draws. */
  readonly source: string;
  /** "Data as of …", the brief's as-of date. */
  readonly asOf: string;
}

const PAD = 24;
const TITLE: TextStyle = { size: 20, weight: 700, color: '#111', lineHeight: 1.3 };
const NOTE: TextStyle = { size: 12, color: '#555', lineHeight: 1.45 };

/**
 * A chart as a standalone SVG for slides and social posts: its title above, its source and the
 * data's as-of date below, drawn into the picture, around the same static SVG the brief shows.
 */
export async function standaloneChart(chart: Pick<ChartView, 'svg'>, labels: ChartLabels, lang: Lang, fonts: FontSet): Promise<StandaloneSvg> {
  const { width: w, height: h } = svgSize(chart.svg);
  const width = w + 2 * PAD;
  const inner = width - 2 * PAD;
  const title = textBlock(labels.title, PAD, PAD - 4, inner, TITLE, fonts);
  const chartTop = PAD - 4 + title.height + 8;
  // Vega draws edge labels a little outside its box, as in the brief: not clipped.
  const drawn = xmlSafe(chart.svg).replace(
    /^<svg\b[^>]*>/,
    `<svg x="${PAD}" y="${chartTop}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" overflow="visible">`,
  );
  const source = textBlock(labels.source, PAD, chartTop + h + 12, inner, NOTE, fonts);
  const asOf = textBlock(labels.asOf, PAD, chartTop + h + 12 + source.height, inner, NOTE, fonts);
  const height = Math.ceil(chartTop + h + 12 + source.height + asOf.height + PAD - 8);
  const svg = await svgDocument(
    {
      width,
      height,
      lang,
      title: labels.title,
      description: `${labels.source} ${labels.asOf}`,
      body: `${title.markup}${drawn}${source.markup}${asOf.markup}`,
    },
    fonts,
  );
  return { svg, width, height };
}

/** The labels of a chart in one language: its title, its sources' publishers and the as-of date. */
export function chartLabels(
  chart: Pick<ChartView, 'title' | 'sources' | 'lastObservation'>,
  sources: readonly { readonly id: string; readonly publisher: string }[],
  asOfIso: string,
  lang: Lang,
  t: (key: string) => string,
): ChartLabels {
  const publishers = [...new Set(chart.sources.map((id) => sources.find((s) => s.id === id)?.publisher ?? id))];
  const key = publishers.length === 1 ? 'export.source' : 'export.sources';
  return {
    title: chart.title,
    source: fill(t(key), { sources: publishers.join(t('export.sourceSeparator')) }, key),
    asOf: asOfLabel(chart.lastObservation ?? asOfIso, lang, t),
  };
}

/** "Data as of 16 April 2021", or "Data to 2021" for a chart of yearly rows. */
function asOfLabel(last: string, lang: Lang, t: (key: string) => string): string {
  return /^\d{4}$/.test(last)
    ? fill(t('export.through'), { year: last }, 'export.through')
    : fill(t('export.asOf'), { date: formatDate(last, lang) }, 'export.asOf');
}

/** Width and height of a Vega SVG, from its root element. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('a chart SVG without a width and height on its root element');
  return { width, height };
}
