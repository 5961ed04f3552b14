import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { WorkCache } from '../render/work-cache.js';

export { cacheKey } from '../render/work-cache.js';

/**
 * Results (chart SVG, font subsets, PDFs) keyed by a hash of everything they depend on, so a
 * rebuild redoes only the work whose inputs changed. Entries are written by rename, so concurrent
 * builds never see half a file. Each entry starts with the sha256 of its content: one that does
 * not match it (edited, truncated), like a missing or unreadable one, is a miss and is redone,
 * never used.
 */
export class BuildCache implements WorkCache {
  /** `memory`: entries kept in this process too (a BuildSession's), checked before the folder. */
  constructor(
    readonly dir: string | undefined,
    private readonly memory?: MemoryCache,
  ) {}

  static disabled(): BuildCache {
    return new BuildCache(undefined);
  }

  async get(kind: string, key: string): Promise<Buffer | undefined> {
    if (!this.dir) return undefined;
    const held = this.memory?.get(`${kind}/${key}`);
    if (held) return held;
    const data = checked(await readFile(join(this.dir, kind, key)).catch(() => undefined));
    if (data) this.memory?.set(`${kind}/${key}`, data);
    return data;
  }

  async put(kind: string, key: string, data: string | Uint8Array): Promise<void> {
    if (!this.dir) return;
    this.memory?.set(`${kind}/${key}`, Buffer.from(data));
    const folder = join(this.dir, kind);
    await mkdir(folder, { recursive: true, mode: 0o700 }); // the cache feeds briefs: its owner's only
    const temp = join(folder, `.${key}.${process.pid}.tmp`);
    await writeFile(temp, Buffer.concat([Buffer.from(`${sha256(data)}\n`), Buffer.from(data)]));
    await rename(temp, join(folder, key));
  }
}

const HEADER = 65; // 64 hex digits and a newline

/** An entry's content if it matches the hash it starts with, else undefined. */
function checked(entry: Buffer | undefined): Buffer | undefined {
  if (!entry || entry.length < HEADER || entry[HEADER - 1] !== 0x0a) return undefined;
  const content = entry.subarray(HEADER);
  return entry.toString('latin1', 0, HEADER - 1) === sha256(content) ? content : undefined;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Cache entries held in memory, least recently used dropped first once they pass `maxBytes`: a
 * watch session reprints PDFs on every edit and must not grow without end.
 */
export class MemoryCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  constructor(readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Buffer | undefined {
    const data = this.entries.get(key);
    if (data) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, data);
    }
    return data;
  }

  set(key: string, data: Buffer): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    if (data.length > this.maxBytes) return;
    this.entries.set(key, data);
    this.bytes += data.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  get size(): number {
    return this.bytes;
  }
}
