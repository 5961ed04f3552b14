import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';
import { sfntToWoff } from './woff.js';

/** A cut subset: the font as base64 WOFF and the characters it really has glyphs for. */
export interface Subset {
  readonly woff: string;
  readonly chars: string;
}

const lazyRequire = createRequire(import.meta.url);

/**
 * Cuts one Fontsource chunk down to `chars` and returns it as base64 WOFF. Each chunk is unpacked
 * from WOFF2 once per thread and kept: the brief and its sections cut many subsets from the same
 * chunks. Runs in a subset worker, or in the calling thread when workers are unavailable.
 */
export class SubsetCutter {
  private readonly sfnts = new Map<string, Promise<Buffer>>();

  private queue: Promise<unknown> = Promise.resolve();

  /**
   * One cut at a time: the WebAssembly decoders hand back views of their own memory, which a
   * second call running meanwhile would overwrite (seen as "Unrecognized font signature").
   */
  cut(file: string, chars: string): Promise<Subset> {
    const result = this.queue.then(async () => {
      const [{ default: subsetFont }, sfnt] = await Promise.all([import('subset-font'), this.sfnt(file)]);
      const font = await subsetFont(sfnt, chars, { targetFormat: 'truetype' });
      return { woff: sfntToWoff(font).toString('base64'), chars: mappedChars(font, chars) };
    });
    this.queue = result.catch(() => {});
    return result;
  }

  private sfnt(file: string): Promise<Buffer> {
    let sfnt = this.sfnts.get(file);
    if (!sfnt) {
      // Copied out of the decoder's memory at once.
      sfnt = Promise.all([import('fontverter'), readFile(file)]).then(async ([fontverter, bytes]) => Buffer.from(await fontverter.convert(bytes, 'truetype')));
      this.sfnts.set(file, sfnt);
    }
    return sfnt;
  }
}

/**
 * The characters of `chars` the subset maps to a glyph. Fontsource's unicode-ranges claim more
 * than Noto Sans SC draws (its chunks list Arabic letters, U+200D ZWJ, U+202E and other bidi
 * controls); harfbuzz then cuts a font holding only .notdef, Chromium refuses that font, and
 * document.fonts.load() failed the print with "NetworkError". Only mapped characters go into a
 * face's unicode-range; the others fall through to the fallback family.
 */
function mappedChars(font: Uint8Array, chars: string): string {
  const fontkit = lazyRequire('fontkit') as typeof Fontkit;
  let mapped: Set<number>;
  try {
    mapped = new Set((fontkit.create(Buffer.from(font.buffer, font.byteOffset, font.byteLength)) as Fontkit.Font).characterSet);
  } catch {
    return ''; // a subset of no glyph has no cmap table ("Could not find a supported cmap table")
  }
  return [...chars].filter((c) => mapped.has(c.codePointAt(0)!)).join('');
}
