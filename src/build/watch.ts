import { statSync, watch, type FSWatcher } from 'node:fs';

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
  /** fs.watch, unless a test gives another (one that fails, say, as watch does past the OS's limits). */
  readonly watch?: typeof watch;
}

export type WatchNotice = 'missing' | 'restored' | 'unwatchable';

/** Editors' swap files and our own temporary files are not changes to the inputs. */
const IGNORED = /(^|\/)(\.[^/]*\.(swp|importing)|.*~|\.#.*)$/;

/**
 * Rebuilds after changes, debounced, never two builds at once: changes made during a build are
 * gathered and trigger one more build after it. Returns a function that stops watching.
 *
 * fs.watch alone goes deaf when a watched folder is deleted (or a file replaced by a rename):
 * it keeps watching the old inode. So each path is also checked on a timer; when it has gone,
 * rebuilds wait (and the caller is told) until it is back, then it is watched anew and rebuilt.
 */
export function watchAndRebuild(options: WatchOptions): () => void {
  const debounce = options.debounceMs ?? 300;
  const notice = options.notice ?? (() => {});
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const run = async () => {
    timer = undefined;
    if (running || pending.size === 0) return;
    // An input that has gone is waited for, not built without.
    for (const w of watched) w.check();
    if (watched.some((w) => w.gone)) return;
    const changed = [...pending].sort();
    pending.clear();
    running = options.rebuild(changed).finally(() => {
      running = undefined;
      if (pending.size > 0) schedule();
    });
    await running;
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), debounce);
  };
  const changed = (name: string) => {
    if (IGNORED.test(name)) return;
    pending.add(name);
    schedule();
  };
  const watched = options.paths.map((path) => new WatchedPath(path, changed, notice, options.watch ?? watch));
  const poll = setInterval(() => {
    for (const w of watched) w.check();
  }, options.pollMs ?? 500);
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
  private unwatchable = false;

  constructor(
    readonly path: string,
    private readonly changed: (name: string) => void,
    private readonly notice: (event: WatchNotice, path: string, detail?: string) => void,
    private readonly watchPath: typeof watch,
  ) {
    this.check();
  }

  check(): void {
    const stat = statSync(this.path, { throwIfNoEntry: false });
    if (!stat) {
      if (this.gone) return;
      this.gone = true;
      this.close();
      this.notice('missing', this.path, this.identity === undefined ? 'not there' : 'removed');
      return;
    }
    const identity = `${stat.dev}:${stat.ino}`;
    if (this.gone) {
      this.gone = false;
      this.notice('restored', this.path);
      this.open(identity, stat.isDirectory());
      this.changed(this.path);
    } else if (this.identity !== undefined && identity !== this.identity) {
      this.open(identity, stat.isDirectory()); // replaced (restored between checks, saved by rename)
      this.changed(this.path);
    } else if (!this.watcher) {
      this.open(identity, stat.isDirectory());
    }
  }

  private open(identity: string, folder: boolean): void {
    this.close();
    try {
      this.watcher = this.watchPath(this.path, { recursive: folder }, (event, name) => {
        const file = name ? String(name) : this.path;
        // The path itself renamed or removed: find out at once rather than at the next check.
        if (event === 'rename' && (!name || !folder)) this.check();
        this.changed(file);
      });
      this.watcher.on('error', () => {
        this.close();
        this.check();
      });
      this.identity = identity;
      this.unwatchable = false;
    } catch (error) {
      this.watcher = undefined;
      this.identity = identity;
      if (!this.unwatchable) this.notice('unwatchable', this.path, (error as Error).message);
      this.unwatchable = true; // tried again at each check, reported once
    }
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
