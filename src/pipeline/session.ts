import type { LoadResult } from '../data/load.js';
import { FontSet } from '../fonts/font-set.js';
import { MemoryCache } from './cache.js';
import { Printer, type PrintOptions } from '../pdf/print.js';

/**
 * What consecutive builds in one process share: a browser kept open between builds, font subsets
 * already cut, and cached results held in memory. `watch` keeps one for its whole run, and a
 * program building many variants (see README, "Library API") passes one to every buildBrief.
 * Builds in a session run one at a time; close() it at the end.
 */
export class BuildSession {
  readonly printer: Printer;
  readonly fonts = new FontSet();
  /** Cache entries read or written by the session's builds (64 MB at most, least recent dropped). */
  readonly memory = new MemoryCache();
  /** The last data folders loaded, by a hash of their files: variants of one brief load it once. */
  private readonly loaded = new Map<string, LoadResult>();

  async load(dataHash: string, load: () => Promise<LoadResult>): Promise<LoadResult> {
    let result = this.loaded.get(dataHash);
    if (!result) {
      result = await load();
      if (this.loaded.size >= 2) this.loaded.delete(this.loaded.keys().next().value!);
      this.loaded.set(dataHash, result);
    }
    return result;
  }

  constructor(options: PrintOptions = {}) {
    this.printer = new Printer(options);
  }

  async close(): Promise<void> {
    await this.printer.close();
  }
}
