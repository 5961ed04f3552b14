import { readFile } from 'node:fs/promises';
import { sfntToWoff } from './woff.js';

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
  cut(file: string, chars: string): Promise<string> {
    const result = this.queue.then(async () => {
      const [{ default: subsetFont }, sfnt] = await Promise.all([import('subset-font'), this.sfnt(file)]);
      const font = await subsetFont(sfnt, chars, { targetFormat: 'truetype' });
      return sfntToWoff(font).toString('base64');
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
