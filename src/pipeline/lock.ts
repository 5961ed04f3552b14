import { readFileSync, rmSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { isAlive } from '../data/process.js';
import { join } from 'node:path';

export class OutputLockedError extends Error {
  constructor(
    readonly outDir: string,
    readonly pid: number,
  ) {
    super(`another ets-brief build (process ${pid}) is writing ${outDir}; wait for it to finish, or stop it`);
    this.name = 'OutputLockedError';
  }
}

const LOCK = '.ets-brief.lock';

/**
 * One build per output directory: the lock file holds the owner's pid, created exclusively. A lock
 * left by a process that no longer exists (killed outright) is taken over.
 */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  const file = join(outDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) throw new OutputLockedError(outDir, owner);
      await rm(file, { force: true }); // stale: its build is gone
    }
  }
  throw new OutputLockedError(outDir, -1);
}

/** Removes this process's lock at once (an interrupted exit's last resort); another's is left. */
export function releaseOwnLockSync(outDir: string): void {
  const file = join(outDir, LOCK);
  let owner = '';
  try {
    owner = readFileSync(file, 'utf8').trim();
  } catch {
    return;
  }
  if (owner === String(process.pid)) rmSync(file, { force: true });
}
