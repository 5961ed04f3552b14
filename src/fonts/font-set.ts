import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import type { Subset } from './subset-job.js';
import { subsetPool } from './subset-pool.js';
import { covers, FONT_FAMILY, FONT_PACKAGE, fontChunks, type FontChunk, type Weight } from './noto-sans-sc.js';

/** Part of the subset cache key; unknown when the package is missing (fontChunks reports that). */
const FONTSOURCE_VERSION: string = (() => {
  try {
    return (createRequire(import.meta.url)(`${FONT_PACKAGE}/package.json`) as { version: string }).version;
  } catch {
    return 'missing';
  }
})();

/** The CSS unicode-range of a set of characters, consecutive code points merged: U+30-39,U+4E2D. */
export function unicodeRangeOf(chars: Iterable<string>): string {
  const points = [...new Set([...chars].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < points.length; i++) {
    const start = points[i]!;
    while (i + 1 < points.length && points[i + 1] === points[i]! + 1) i++;
    const end = points[i]!;
    parts.push(start === end ? `U+${start.toString(16).toUpperCase()}` : `U+${start.toString(16).toUpperCase()}-${end.toString(16).toUpperCase()}`);
  }
  return parts.join(',');
}

type Font = Fontkit.Font;

/**
 * CJK Unified Ideographs and Extension A: a fixed 1 em advance in Noto Sans SC. Measuring them
 * without opening their chunks spares decoding some forty WOFF2 files for a chart's labels.
 */
export function isIdeograph(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

// Loaded on first use: a build whose charts and subsets all come from the cache needs neither.
const lazyRequire = createRequire(import.meta.url);
let fontkit: typeof Fontkit | undefined;

/**
 * The brief's typeface for one build: measures text with the real glyph advances (for chart
 * layout) and writes @font-face rules holding only the glyphs a document uses (for HTML and PDF),
 * so output never depends on the host's fonts.
 */
export class FontSet {
  /** Optional store for subset CSS by characters (see pipeline/cache.ts); same text, same CSS. */
  /** The store may be changed between builds (a BuildSession's FontSet serves several). */
  constructor(public store?: { get(kind: string, key: string): Promise<Buffer | undefined>; put(kind: string, key: string, data: string): Promise<void> }) {}

  private readonly chunks = new Map<Weight, FontChunk[]>();
  private readonly fonts = new Map<string, Font>();
  private readonly chunkOf = new Map<string, FontChunk | null>();
  private readonly subsets = new Map<string, Promise<Subset>>();
  private readonly files = new Map<string, Buffer>();

  /** Fails early, with FontMissingError, if the font package is not installed. */
  check(): void {
    this.chunksFor(400);
    this.chunksFor(700);
  }

  private chunksFor(weight: Weight): FontChunk[] {
    let list = this.chunks.get(weight);
    if (!list) {
      list = fontChunks(weight);
      this.chunks.set(weight, list);
    }
    return list;
  }

  private chunkFor(codePoint: number, weight: Weight): FontChunk | null {
    const key = `${weight}:${codePoint}`;
    let chunk = this.chunkOf.get(key);
    if (chunk === undefined) {
      chunk = this.chunksFor(weight).find((c) => covers(c, codePoint)) ?? null;
      this.chunkOf.set(key, chunk);
    }
    return chunk;
  }

  private font(chunk: FontChunk): Font {
    let font = this.fonts.get(chunk.file);
    if (!font) {
      fontkit ??= lazyRequire('fontkit') as typeof Fontkit;
      font = fontkit.create(this.chunkBytes(chunk)) as Font;
      this.fonts.set(chunk.file, font);
    }
    return font;
  }

  /**
   * Width in pixels of `text` at `size` px, from each character's advance width. Characters the
   * font lacks are measured as the browser's fallback would roughly draw them (1 em for CJK and
   * symbols, 0.6 em otherwise).
   */
  measure(text: string, size: number, weight: Weight = 400): number {
    let units = 0;
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      if (isIdeograph(cp) && this.chunkFor(cp, weight)) {
        units += 1; // every ideograph of Noto Sans SC is 1 em wide (a test checks the installed font)
        continue;
      }
      const chunk = this.chunkFor(cp, weight);
      const font = chunk && this.font(chunk);
      if (!font?.hasGlyphForCodePoint(cp)) {
        // Drawn by the fallback family; default-ignorable controls (ZWJ, bidi marks) take no room.
        units += /\p{Default_Ignorable_Code_Point}|\p{Mn}/u.test(char) ? 0 : cp >= 0x2e80 ? 1 : 0.6;
        continue;
      }
      units += font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
    }
    return units * size;
  }

  /** @font-face rules embedding just the glyphs of `text`, one rule per chunk used, as data: URLs. */
  async fontFaceCss(text: string, weights: readonly Weight[] = [400, 700]): Promise<string> {
    const key = createHash('sha256')
      .update(`${FONTSOURCE_VERSION}|woff-mapped|${weights.join(',')}|${[...new Set(text)].sort().join('')}`)
      .digest('hex');
    const cached = await this.store?.get('fonts', key);
    if (cached) return cached.toString('utf8');
    const css = await this.subsetCss(text, weights);
    await this.store?.put('fonts', key, css);
    return css;
  }

  private async subsetCss(text: string, weights: readonly Weight[]): Promise<string> {
    const rules: string[] = [];
    for (const weight of weights) {
      const byChunk = new Map<FontChunk, Set<string>>();
      for (const char of new Set(text)) {
        const cp = char.codePointAt(0)!;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue; // control characters have no glyph
        const chunk = this.chunkFor(cp, weight);
        if (!chunk) continue;
        const set = byChunk.get(chunk) ?? new Set<string>();
        set.add(char);
        byChunk.set(chunk, set);
      }
      // Chunks in file order so the CSS is the same for the same text.
      const ordered = [...byChunk].sort((a, b) => a[0].file.localeCompare(b[0].file));
      // All cut at once (on the subset workers), assembled in order.
      const subsets = await Promise.all(ordered.map(([chunk, chars]) => this.subset(chunk, [...chars].sort().join(''))));
      for (const subset of subsets) {
        // A chunk that has none of its characters gives no face (an empty font fails to load).
        if (subset.chars === '') continue;
        // Each face claims exactly the characters it holds, those the font really draws.
        // Fontsource's chunks overlap (its latin chunk spans U+0-FF), and a browser would then pick
        // a face by declaration order, which need not be the face these characters were subset into.
        rules.push(
          `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;` +
            `src:url(data:font/woff;base64,${subset.woff}) format('woff');unicode-range:${unicodeRangeOf(subset.chars)}}`,
        );
      }
    }
    return rules.join('\n');
  }

  /**
   * One chunk cut down to `chars`, as base64 WOFF. WOFF (zlib) rather than WOFF2: WOFF2's Brotli
   * at quality 11 made subsetting 7x slower and was most of a cold build, for fonts about 30%
   * smaller; see bench/README.md. Sections and the brief share faces
   * whenever they need the same characters of a chunk.
   */
  private subset(chunk: FontChunk, chars: string): Promise<Subset> {
    const key = `${chunk.file}|${chars}`;
    let subset = this.subsets.get(key);
    if (!subset) {
      subset = subsetPool.cut(chunk.file, chars);
      subset.catch(() => this.subsets.delete(key)); // a failure is reported once, not remembered
      this.subsets.set(key, subset);
    }
    return subset;
  }

  private chunkBytes(chunk: FontChunk): Buffer {
    let bytes = this.files.get(chunk.file);
    if (!bytes) {
      bytes = readFileSync(chunk.file);
      this.files.set(chunk.file, bytes);
    }
    return bytes;
  }
}
