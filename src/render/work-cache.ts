import { createHash } from 'node:crypto';

/**
 * Where finished work (a chart's SVG) is kept between builds. Rendering only needs to look work
 * up and put it back; the pipeline decides where it lives (pipeline/cache.ts keeps it in the output
 * folder, checked by hash), so render never depends on the pipeline.
 */
export interface WorkCache {
  get(kind: string, key: string): Promise<Uint8Array | undefined>;
  put(kind: string, key: string, data: string | Uint8Array): Promise<void>;
}

/** Keeps nothing: every piece of work is done again. */
export const NO_CACHE: WorkCache = {
  get: async () => undefined,
  put: async () => {},
};

/** A stable hash of the inputs of a piece of work (strings and JSON values). */
export function cacheKey(...parts: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : JSON.stringify(part)).update('\u0000');
  return hash.digest('hex');
}
