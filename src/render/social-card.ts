import type { FontSet } from '../fonts/font-set.js';
import { fill, formatDate } from './format.js';
import { SOCIAL_CARD } from './social-meta.js';
import { lineHeightOf, round, svgDocument, textBlock, textLines, wrapText, type StandaloneSvg, type TextStyle } from './svg-text.js';
import type { BriefView } from './view-model.js';

const PAD = 64;
/** Key figures shown: three fit side by side at a size read on a phone. */
const FIGURES = 3;
const TITLE: TextStyle = { size: 52, weight: 700, color: '#111', lineHeight: 1.2, maxLines: 3 };
const SUBTITLE: TextStyle = { size: 28, color: '#444', lineHeight: 1.3, maxLines: 2 };
const LABEL: TextStyle = { size: 20, color: '#333', lineHeight: 1.35, maxLines: 2 };
const FOOT: TextStyle = { size: 20, color: '#555', maxLines: 1 };

/**
 * The brief's Open Graph image: its title and subtitle, its first key figures (the same values,
 * from the same ledger, as the page), its as-of date and author, in the brief's language and
 * accent colour.
 */
export async function socialCard(view: BriefView, author: string, accent: string, t: (key: string) => string, fonts: FontSet): Promise<StandaloneSvg> {
  const { width, height } = SOCIAL_CARD;
  const inner = width - 2 * PAD;
  const figures = view.keyFigures.slice(0, FIGURES);
  const gap = 32;
  const column = (inner - gap * (FIGURES - 1)) / FIGURES;
  const title = wrapText(view.title, inner, TITLE, fonts);
  const subtitle = wrapText(view.subtitle, inner, SUBTITLE, fonts);
  const labels = figures.map((f) => wrapText(f.label, column, LABEL, fonts));
  // Title, subtitle and figures as one block, centred between the accent bar and the footer, so
  // a one-line Chinese title leaves no hole in the middle of the card.
  const figuresHeight = figures.length === 0 ? 0 : 48 + 72 + Math.max(...labels.map((l) => l.length)) * lineHeightOf(LABEL);
  const blockHeight = title.length * lineHeightOf(TITLE) + 16 + subtitle.length * lineHeightOf(SUBTITLE) + figuresHeight;
  const foot = height - PAD + 8 - lineHeightOf(FOOT);
  let y = Math.max(48, Math.round(12 + (foot - 24 - 12 - blockHeight) / 2));
  const parts: string[] = [`<rect width="${width}" height="12" fill="${accent}"/>`];
  parts.push(textLines(title, PAD, y, TITLE).markup);
  y += title.length * lineHeightOf(TITLE) + 16;
  parts.push(textLines(subtitle, PAD, y, SUBTITLE).markup);
  y += subtitle.length * lineHeightOf(SUBTITLE) + 48;
  figures.forEach((figure, i) => {
    const x = PAD + i * (column + gap);
    // The value on one line, as large as fits (a long value is set smaller, never cut).
    const size = [44, 38, 32, 26, 22].find((s) => fonts.measure(figure.value, s, 700) <= column) ?? 20;
    parts.push(`<rect x="${round(x)}" y="${y}" width="${round(column)}" height="4" fill="${accent}"/>`);
    parts.push(textLines([figure.value], x, y + 16, { size, weight: 700, color: accent, lineHeight: 1.2 }).markup);
    parts.push(textLines(labels[i]!, x, y + 16 + 56, LABEL).markup);
  });

  const asOf = fill(t('export.asOf'), { date: formatDate(view.asOfIso, view.lang) }, 'export.asOf');
  parts.push(textBlock(asOf, PAD, foot, inner * 0.6, FOOT, fonts).markup);
  parts.push(textLines(wrapText(author, inner * 0.35, FOOT, fonts), width - PAD, foot, { ...FOOT, anchor: 'end' }).markup);
  const svg = await svgDocument({ width, height, lang: view.lang, title: view.title, description: `${view.subtitle} ${asOf}`, body: parts.join('') }, fonts);
  return { svg, width, height };
}
