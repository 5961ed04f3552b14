import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, type DataIssue } from './errors.js';
import { InputError, openRegularFile } from './input.js';
import { LOCK_ASIDE, lockDataDir, type DataLock } from './lock.js';
import { isAlive } from './process.js';
import { unlessMissing } from '../missing.js';

/**
 * data/ changes as a whole or not at all. A writer (import, datapackage) holds the data/ lock,
 * writes each new file beside its target as a hidden staged file, and then commits: it writes a
 * journal naming the staged files (the commit point, one atomic rename) and renames each over its
 * target. Before the commit point nothing in data/ has changed; after it the change is complete,
 * either by the writer or, if it was killed, by the next writer, and readers meanwhile read the
 * staged files the journal names. Staged files without a journal are an interrupted writer's,
 * removed by the next one.
 */

export const JOURNAL = '.ets-brief-journal.json';
/** Staged files: `.<target>.ets-new-<pid>-<nonce>`; `.<target>.importing` from earlier versions. */
const STAGED = /^\..+\.(ets-new-\d+-[0-9a-f]+|importing)$/;

interface Journal {
  readonly pid: number;
  /** target file name -> staged file name, both in data/. */
  readonly files: Readonly<Record<string, string>>;
}

async function readJournal(dir: string): Promise<{ text: string; journal: Journal } | undefined> {
  // No journal, or no data/ at all (the loader then reports each file missing).
  const text = await readFile(join(dir, JOURNAL), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return { text, journal: JSON.parse(text) as Journal };
  } catch {
    return { text, journal: { pid: 0, files: {} } }; // cannot be half-written (it is renamed into place)
  }
}

/** Renames every staged file a journal names over its target, then drops the journal. */
async function completeJournal(dir: string, journal: Journal): Promise<void> {
  for (const [target, staged] of Object.entries(journal.files)) {
    if (target.includes('/') || staged.includes('/')) continue; // never written so; never followed
    await unlessMissing(rename(join(dir, staged), join(dir, target)), undefined); // missing: already renamed
  }
  await syncDir(dir);
  await rm(join(dir, JOURNAL), { force: true });
  await syncDir(dir);
}

/**
 * Under the lock: completes a committed change a killed writer left, and removes staged files no
 * journal names (an interrupted writer's, before its commit point) and lock files a killed
 * process left beside the lock.
 */
async function recover(dir: string): Promise<void> {
  const found = await readJournal(dir);
  if (found) await completeJournal(dir, found.journal);
  for (const name of await readdir(dir)) {
    const aside = LOCK_ASIDE.exec(name);
    if (STAGED.test(name) || (aside && !isAlive(Number(aside[1])))) await rm(join(dir, name), { force: true });
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => {}); // not every file system syncs a directory
  await handle?.close();
}

export class InterruptedError extends Error {
  constructor() {
    super('interrupted; data/ is unchanged');
    this.name = 'InterruptedError';
  }
}

/** Transactions open in this process, for the interrupt handler. */
const openTransactions = new Set<DataTransaction>();

/**
 * Ctrl-C or SIGTERM: each open transaction finishes the step under way, then completes if it is
 * past its commit point and rolls back otherwise, and releases the lock. The CLI runs this before
 * it exits.
 */
export async function interruptDataTransactions(): Promise<void> {
  await Promise.allSettled([...openTransactions].map((t) => t.interrupt()));
}

export interface TransactionOptions {
  /** How long to wait for another writer of data/ (see lockDataDir). */
  readonly lockWaitMs?: number;
}

export class DataTransaction {
  private readonly nonce = randomBytes(6).toString('hex');
  private readonly staged = new Map<string, string>();
  private state: 'open' | 'committed' | 'closed' = 'open';
  private interrupted = false;
  private busy: Promise<unknown> = Promise.resolve();
  private lock: DataLock | undefined;
  private closing: Promise<void> | undefined;

  private constructor(readonly dir: string) {}

  /** Takes the data/ lock (waiting for another writer up to a limit) and recovers what a killed writer left. */
  static async begin(dir: string, options: TransactionOptions = {}): Promise<DataTransaction> {
    const folder = await stat(dir).catch(() => undefined);
    if (!folder?.isDirectory()) {
      throw new DataError([
        {
          file: dir,
          severity: 'error',
          message: folder ? 'not a folder' : 'folder not found',
          expected: 'the data folder (holding sources.csv, markets.csv, …)',
        },
      ]);
    }
    const txn = new DataTransaction(dir);
    openTransactions.add(txn);
    try {
      txn.lock = await txn.step(() => lockDataDir(dir, options.lockWaitMs));
      await txn.step(() => recover(dir));
      return txn;
    } catch (error) {
      await txn.rollback();
      throw error;
    }
  }

  /** Writes `name`'s new content to a staged file, chunk by chunk; returns the staged path. */
  stage(name: string, chunks: Iterable<string | Uint8Array>): Promise<string> {
    return this.step(async () => {
      const stagedName = this.staged.get(name) ?? `.${name}.ets-new-${process.pid}-${this.nonce}`;
      this.staged.set(name, stagedName);
      const path = join(this.dir, stagedName);
      const handle = await open(path, 'w');
      try {
        for (const chunk of chunks) {
          if (this.interrupted) throw new InterruptedError();
          await handle.writeFile(chunk); // whole chunk, at the current position
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      return path;
    });
  }

  /** Target file name -> staged path, for validating data/ as it will be. */
  stagedFiles(): Record<string, string> {
    return Object.fromEntries([...this.staged].map(([name, staged]) => [name, join(this.dir, staged)]));
  }

  /** Swaps every staged file in: all of them, or (before the journal is in place) none. */
  async commit(): Promise<void> {
    const journal: Journal = { pid: process.pid, files: Object.fromEntries(this.staged) };
    await this.step(async () => {
      const temp = join(this.dir, `${JOURNAL}.ets-new-${process.pid}-${this.nonce}`);
      const handle = await open(temp, 'w');
      try {
        await handle.writeFile(JSON.stringify(journal));
        await handle.sync();
      } finally {
        await handle.close();
      }
      if (this.interrupted) throw new InterruptedError();
      await rename(temp, join(this.dir, JOURNAL)); // the commit point
      this.state = 'committed';
    });
    await this.close();
  }

  /** Leaves data/ as it was (or, past the commit point, completes the change) and releases the lock. */
  async rollback(): Promise<void> {
    await this.busy.catch(() => {});
    await this.close();
  }

  async interrupt(): Promise<void> {
    this.interrupted = true;
    await this.rollback();
  }

  /** Once only; a second caller (an interrupt during the renames) waits for the first to finish. */
  private close(): Promise<void> {
    this.closing ??= this.settle();
    return this.closing;
  }

  private async settle(): Promise<void> {
    const committed = this.state === 'committed';
    this.state = 'closed';
    try {
      if (committed) {
        const found = await readJournal(this.dir);
        if (found) await completeJournal(this.dir, found.journal);
      } else {
        for (const staged of this.staged.values()) await rm(join(this.dir, staged), { force: true });
        await rm(join(this.dir, `${JOURNAL}.ets-new-${process.pid}-${this.nonce}`), { force: true });
      }
    } finally {
      await this.lock?.release();
      openTransactions.delete(this);
    }
  }

  private step<T>(work: () => Promise<T>): Promise<T> {
    if (this.interrupted || this.state !== 'open') return Promise.reject(new InterruptedError());
    const running = work();
    this.busy = running;
    return running;
  }
}

/** One dataset file of a snapshot: open, absent, or not readable (with the issue saying why). */
export type SnapshotFile = { readonly handle: FileHandle } | { readonly absent: true } | { readonly issue: DataIssue };

/**
 * Opens data/'s files as one consistent version, without the lock: all from before a change or
 * all from after it, never a mix. Writers only ever rename whole files into place, so an open file
 * never changes; the files are opened together and the snapshot is accepted only if no journal
 * appeared or went meanwhile and every path still names the file that was opened (else it is
 * opened again). A committed journal's staged files are read in place of their targets.
 * `overrides` (target name -> path) reads a file from elsewhere (a staged file being validated).
 */
export async function openSnapshot(
  dir: string,
  names: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
): Promise<{ files: Map<string, SnapshotFile>; close: () => Promise<void> }> {
  for (let attempt = 0; ; attempt++) {
    const before = await readJournal(dir);
    const candidates = (name: string) => {
      const override = overrides[name];
      if (override !== undefined) return [override];
      const staged = before?.journal.files[name];
      return staged !== undefined && !staged.includes('/') ? [join(dir, staged), join(dir, name)] : [join(dir, name)];
    };
    const files = new Map<string, SnapshotFile>();
    const close = async () => {
      for (const f of files.values()) if ('handle' in f) await f.handle.close();
    };
    for (const name of names) files.set(name, await openFirst(candidates(name), join(dir, name)));
    const after = await readJournal(dir);
    let same = before?.text === after?.text;
    for (const name of names) {
      if (!same) break;
      same = await stillNamed(files.get(name)!, candidates(name));
    }
    if (same || attempt >= 100) return { files, close };
    await close();
    await new Promise((resolve) => setTimeout(resolve, 10 + attempt * 5));
  }
}

async function openFirst(paths: readonly string[], display: string): Promise<SnapshotFile> {
  for (const path of paths) {
    try {
      // No size limit: data/ is streamed, memory stays flat however long a series grows.
      return { handle: await openRegularFile(path, display, Infinity) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (error.issue.message !== 'file not found') return { issue: error.issue };
    }
  }
  return { absent: true };
}

/** Whether the first of `paths` that exists is still the file opened (or none exists, if none did). */
async function stillNamed(file: SnapshotFile, paths: readonly string[]): Promise<boolean> {
  if ('issue' in file) return true;
  for (const path of paths) {
    const now = await stat(path).catch(() => undefined);
    if (now === undefined) continue;
    if (!('handle' in file)) return false; // appeared meanwhile
    const opened = await file.handle.stat();
    return now.ino === opened.ino && now.dev === opened.dev;
  }
  return !('handle' in file);
}
