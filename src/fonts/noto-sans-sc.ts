import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Weights the brief uses: body text and headings. */
export type Weight = 400 | 700;

export interface FontChunk {
  /** Absolute path of the chunk's woff2 file. */
  readonly file: string;
  readonly weight: Weight;
  /** Inclusive code point ranges the chunk covers, sorted. */
  readonly ranges: readonly (readonly [number, number])[];
  /** The CSS unicode-range value, as Fontsource wrote it. */
  readonly unicodeRange: string;
}

/** A private family name, so a host page's own 'Noto Sans SC' is never replaced by our subset. */
export const FONT_FAMILY = 'etsb Noto Sans SC';

const require = createRequire(import.meta.url);

/**
 * The chunks of @fontsource/noto-sans-sc for one weight, read from its CSS. Fontsource splits the
 * font into about a hundred woff2 files by unicode-range, so a document only needs the few that
 * hold its characters.
 */
export const FONT_PACKAGE = process.env.ETS_BRIEF_FONT_PACKAGE ?? '@fontsource/noto-sans-sc';

export class FontMissingError extends Error {
  constructor(detail: string) {
    super(`the brief's font (${FONT_PACKAGE}) is missing: ${detail}. Reinstall the dependencies with \`npm ci\` (or ./scripts/setup.sh)`);
    this.name = 'FontMissingError';
  }
}

export function fontChunks(weight: Weight): FontChunk[] {
  let cssPath: string;
  try {
    cssPath = require.resolve(`${FONT_PACKAGE}/${weight}.css`);
  } catch {
    throw new FontMissingError(`${FONT_PACKAGE}/${weight}.css cannot be found`);
  }
  const css = readFileSync(cssPath, 'utf8');
  const chunks: FontChunk[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    chunks.push({ file: join(dirname(cssPath), 'files', file), weight, ranges: parseUnicodeRange(range), unicodeRange: range.trim() });
  }
  if (chunks.length === 0) throw new FontMissingError(`${cssPath} lists no font files`);
  return chunks;
}

export function parseUnicodeRange(value: string): [number, number][] {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^U\+/i, ''))
    .filter((part) => part !== '')
    .map((part) => {
      if (part.includes('?')) return [parseInt(part.replace(/\?/g, '0'), 16), parseInt(part.replace(/\?/g, 'f'), 16)] as [number, number];
      const [a, b] = part.split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
    })
    .sort((x, y) => x[0] - y[0]);
}

export function covers(chunk: FontChunk, codePoint: number): boolean {
  for (const [lo, hi] of chunk.ranges) {
    if (codePoint < lo) return false;
    if (codePoint <= hi) return true;
  }
  return false;
}
