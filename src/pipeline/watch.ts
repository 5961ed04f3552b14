import { statSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isTemporaryFile } from './temporary-files.js';

export interface WatchOptions {
  /** Folders and files whose changes trigger a rebuild (they may be missing for a while). */
  readonly paths: readonly string[];
  /** Quiet time after the last change before rebuilding. */
  readonly debounceMs?: number;
  /** How often each path is checked for having gone, come back or been replaced. */
  readonly pollMs?: number;
  /** Runs a build; its errors are the caller's to report (the watcher keeps going). */
  readonly rebuild: (changed: readonly string[]) => Promise<void>;
  /** Told when a path goes away ('missing'), comes back ('restored') or cannot be watched. */
  readonly notice?: (event: WatchNotice, path: string, detail?: string) => void;
  /** A build already running (the first): rebuilds wait for it, and changes made meanwhile rebuild after it. */
  readonly running?: Promise<unknown>;
}

export type WatchNotice = 'missing' | 'restored' | 'unwatchable';

/** Folders that are never inputs, however deep: a data/ kept in git, say. */
const NOT_INPUT_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * Rebuilds after changes, debounced, never two builds at once: changes made during a build are
 * gathered and trigger one more build after it. Returns a function that stops watching.
 *
 * Node's own fs.watch goes deaf on Linux: its recursive mode keeps watching a file's old inode once
 * the file is saved by rename (sed -i, mv, most editors), so later in-place saves go unseen.
 * chokidar watches each folder and file and watches a replaced file anew. What neither does is
 * watch a path given to it again after the path itself was deleted and recreated, so each path is
 * also checked on a timer; while it is gone, rebuilds wait (and the caller is told) until it is
 * back, then it is watched anew and rebuilt.
 */
export function watchAndRebuild(options: WatchOptions): () => void {
  const debounce = options.debounceMs ?? 300;
  const pollMs = options.pollMs ?? 500;
  const notice = options.notice ?? (() => {});
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  const settle = (build: Promise<unknown>) => {
    running = build
      .catch(() => {})
      .finally(() => {
        running = undefined;
        if (pending.size > 0) schedule();
      });
    return running;
  };
  const run = async () => {
    timer = undefined;
    if (running || pending.size === 0) return;
    // An input that has gone is waited for, not built without.
    for (const w of watched) w.check();
    if (watched.some((w) => w.gone)) return;
    const changed = [...pending].sort();
    pending.clear();
    await settle(options.rebuild(changed));
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounce);
  };
  const changed = (name: string) => {
    pending.add(name);
    schedule();
  };
  if (options.running) void settle(options.running);
  const watched = options.paths.map((path) => new WatchedPath(path, pollMs, changed, notice));
  const poll = setInterval(() => {
    for (const w of watched) w.check();
  }, pollMs);
  return () => {
    if (timer) clearTimeout(timer);
    clearInterval(poll);
    for (const w of watched) w.close();
  };
}

/** One watched folder or file, watched again whenever it is replaced or comes back. */
class WatchedPath {
  gone = false;
  private watcher: FSWatcher | undefined;
  /** Device and inode watched: a different one at the same path is a replacement. */
  private identity: string | undefined;
  /** Set once the operating system's notifications failed for this path (see open). */
  private polling = false;

  constructor(
    readonly path: string,
    private readonly pollMs: number,
    private readonly changed: (name: string) => void,
    private readonly notice: (event: WatchNotice, path: string, detail?: string) => void,
  ) {
    this.check();
  }

  check(): void {
    const identity = identityOf(this.path);
    if (identity === undefined) {
      if (this.gone) return;
      this.gone = true;
      this.close();
      this.notice('missing', this.path, this.identity === undefined ? 'not there' : 'removed');
      return;
    }
    if (this.gone) {
      this.gone = false;
      this.notice('restored', this.path);
      this.open(identity);
      this.changed(this.path);
    } else if (this.identity === undefined) {
      this.open(identity);
    } else if (identity !== this.identity) {
      this.open(identity); // replaced (restored between checks, or saved by rename)
      this.changed(this.path);
    }
  }

  /**
   * Watches with the operating system's notifications; when they fail (past the inotify limits,
   * ENOSPC; or a file system without them) it says so once and checks the files' times instead.
   */
  private open(identity: string): void {
    this.close();
    this.identity = identity;
    const watcher = watch(this.path, {
      ignoreInitial: true,
      // chokidar's "atomic" mode turns a file's removal and return within 100 ms into one change,
      // but can also report a removal 100 ms after the file came back: a second rebuild for one
      // save. Which event it was does not matter here, only that the file changed.
      atomic: false,
      // The watched path itself is never ignored, whatever its name (a folder called data~, say).
      ignored: (path) => path !== this.path && (isTemporaryFile(basename(path)) || NOT_INPUT_FOLDERS.has(basename(path))),
      usePolling: this.polling,
      interval: this.pollMs,
      binaryInterval: this.pollMs,
    });
    watcher.on('all', (_event, path) => this.changed(relative(this.path, path) || basename(path)));
    watcher.on('error', (error) => {
      if (this.polling || this.watcher !== watcher) return;
      this.polling = true;
      this.notice('unwatchable', this.path, (error as Error).message);
      this.open(identity);
    });
    this.watcher = watcher;
  }

  close(): void {
    void this.watcher?.close().catch(() => {});
    this.watcher = undefined;
  }
}

/** A path's device and inode, or undefined when it is not there (or cannot be reached). */
function identityOf(path: string): string | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat && `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}
