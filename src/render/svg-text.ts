import type { FontSet } from '../fonts/font-set.js';
import { FONT_FAMILY, type Weight } from '../fonts/noto-sans-sc.js';
import type { Lang } from './format.js';
import { visibleText } from './html.js';

/** A picture that stands alone as a file: an SVG document and its size in CSS pixels. */
export interface StandaloneSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export interface TextStyle {
  readonly size: number;
  readonly weight?: Weight;
  readonly color: string;
  /** Line height as a multiple of the size. */
  readonly lineHeight?: number;
  /** Lines kept at most; the last one kept ends in an ellipsis when text was cut. */
  readonly maxLines?: number;
  readonly anchor?: 'start' | 'end';
}

/** Characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates): one would make the file unreadable. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as XML character data or attribute value: markup characters escaped, forbidden characters made spaces. */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, ' ').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Characters XML forbids, made spaces (for SVG another renderer wrote). */
export function xmlSafe(markup: string): string {
  return markup.replace(NOT_XML, ' ');
}

// Where a line may break: after a word and its spaces, or after any CJK character. Closing
// punctuation stays with what it closes and opening punctuation with what follows, so no line
// starts with "，" or "）" or ends with "（" (the strict line breaking the brief's CSS asks for).
const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}';
const OPEN = '（([{【《〈「『“‘';
const CLOSE = '，。、．：；！？）)\\]}】》〉」』”’％%…·,.:;!?';
const PIECE = new RegExp(`[${OPEN}]*(?:[${CJK}]|[^\\s${CJK}${OPEN}]+?(?=[\\s${CJK}${OPEN}]|$))[${CLOSE}]*\\s*|\\s+|\\S`, 'gu');

/**
 * `text` in lines no wider than `width` px in the brief's font, measured from its glyphs. A word
 * wider than a line is broken between characters. With `maxLines`, the text that does not fit is
 * cut and the last line ends in "…".
 */
export function wrapText(text: string, width: number, style: TextStyle, fonts: FontSet): string[] {
  const weight = style.weight ?? 400;
  const fits = (s: string) => fonts.measure(s.trimEnd(), style.size, weight) <= width;
  const pieces = (text.replace(/\s+/g, ' ').trim().match(PIECE) ?? []).flatMap((p) => (fits(p) ? [p] : [...p]));
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line === '' || fits(line + piece)) line += piece;
    else {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  const max = style.maxLines ?? Infinity;
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  let last = kept.at(-1)!;
  while (last !== '' && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
  kept[kept.length - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** Line boxes of a style, in px. */
export function lineHeightOf(style: TextStyle): number {
  return Math.round(style.size * (style.lineHeight ?? 1.35));
}

/**
 * `<text>` elements for lines set from `top` down, each centred in its line box (Noto Sans SC's em
 * box sits 0.88 em above the baseline). Returns the markup and the height the lines take.
 */
export function textLines(lines: readonly string[], x: number, top: number, style: TextStyle): { markup: string; height: number } {
  const line = lineHeightOf(style);
  const baseline = (i: number) => round(top + i * line + (line - style.size) / 2 + style.size * 0.88);
  const attrs = `font-family="${xmlEscape(`'${FONT_FAMILY}', sans-serif`)}" font-size="${style.size}" font-weight="${style.weight ?? 400}" fill="${style.color}"${style.anchor === 'end' ? ' text-anchor="end"' : ''}`;
  const markup = lines.map((text, i) => `<text x="${round(x)}" y="${baseline(i)}" ${attrs}>${xmlEscape(text)}</text>`).join('');
  return { markup, height: lines.length * line };
}

/** Wraps `text` to `width` and sets it from `top`: the two steps most callers want. */
export function textBlock(text: string, x: number, top: number, width: number, style: TextStyle, fonts: FontSet): { markup: string; height: number } {
  return textLines(wrapText(text, width, style, fonts), x, top, style);
}

export interface SvgDocument {
  readonly width: number;
  readonly height: number;
  readonly lang: Lang;
  /** The picture's accessible name and description (<title>, <desc>). */
  readonly title: string;
  readonly description: string;
  readonly body: string;
}

/**
 * A standalone SVG document: white background (slides and timelines may be dark), the drawing,
 * and the brief's font embedded as @font-face rules with data: URLs holding just the glyphs the
 * drawing shows. Nothing in it refers outside the file, so it draws the same in any viewer,
 * without the brief's CSS and offline.
 */
export async function svgDocument(doc: SvgDocument, fonts: FontSet): Promise<string> {
  // Marks' <title> tooltips are shown by the viewer in its own interface font: no glyphs needed.
  const css = await fonts.fontFaceCss(visibleText(doc.body.replace(/<title>[\s\S]*?<\/title>/g, '')));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${doc.width}" height="${doc.height}" viewBox="0 0 ${doc.width} ${doc.height}" ` +
    `role="img" aria-labelledby="etsb-title etsb-desc" xml:lang="${doc.lang}" lang="${doc.lang}">` +
    `<title id="etsb-title">${xmlEscape(doc.title)}</title><desc id="etsb-desc">${xmlEscape(doc.description)}</desc>` +
    // Base64 and CSS names only: no "<" or "&" that XML would read as markup.
    `<style>${css}</style>` +
    `<rect width="${doc.width}" height="${doc.height}" fill="#fff"/>${doc.body}</svg>\n`
  );
}

/** Coordinates to a hundredth of a pixel: shorter files, the same picture. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
