import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from './process.js';

/** The lock file in data/ held by the one process writing it (import, datapackage). */
export const DATA_LOCK = '.ets-brief-data.lock';

/** How long a writer waits for another to finish before it gives up, by default. */
export const DEFAULT_LOCK_WAIT_MS = 10_000;

export class DataLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another ets-brief process (${pid}) is writing ${dataDir}; nothing was changed: run this again when it has finished`);
    this.name = 'DataLockedError';
  }
}

/** The files lockDataDir writes beside the lock, with the pid of the process that wrote them. */
export const LOCK_ASIDE = /^\.ets-brief-data\.lock\.(?:stale-)?(\d+)-[0-9a-f]+$/;

export interface DataLock {
  release(): Promise<void>;
}

/**
 * One writer of data/ at a time. The lock file holds the owner's pid and a random token, and is
 * created whole (written aside, then hard-linked into place, which fails if it exists), so no one
 * ever reads it half-written. A lock whose process is gone (killed outright) is moved aside and
 * dropped: only the process whose rename took that very file drops it. A second writer waits up
 * to `waitMs`, then is refused with the owner's pid.
 *
 * (The build's output lock in src/pipeline/lock.ts works alike; data/ comes before the build in the
 * flow, so it has its own.)
 */
export async function lockDataDir(dir: string, waitMs = DEFAULT_LOCK_WAIT_MS): Promise<DataLock> {
  const file = join(dir, DATA_LOCK);
  const nonce = randomBytes(8).toString('hex');
  const token = `${process.pid} ${nonce}\n`;
  const aside = `${file}.${process.pid}-${nonce}`;
  const deadline = Date.now() + waitMs;
  await writeFile(aside, token);
  try {
    for (;;) {
      try {
        await link(aside, file);
        return { release: () => releaseLock(file, token) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const held = await readFile(file, 'utf8').catch(() => undefined);
      if (held === undefined) continue; // released meanwhile
      const pid = Number(held.split(' ')[0]);
      if (!(Number.isInteger(pid) && pid > 0 && isAlive(pid))) {
        await dropStale(file, held, `${file}.stale-${process.pid}-${nonce}`);
        continue;
      }
      if (Date.now() >= deadline) throw new DataLockedError(dir, pid);
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50));
    }
  } finally {
    await rm(aside, { force: true });
  }
}

async function releaseLock(file: string, token: string): Promise<void> {
  if ((await readFile(file, 'utf8').catch(() => undefined)) === token) await rm(file, { force: true });
}

async function dropStale(file: string, held: string, aside: string): Promise<void> {
  try {
    await rename(file, aside);
  } catch {
    return; // someone else moved it first
  }
  if ((await readFile(aside, 'utf8').catch(() => undefined)) !== held) {
    // A live lock was taken between the read and the rename: put it back if its place is free.
    await link(aside, file).catch(() => {});
  }
  await rm(aside, { force: true });
}
