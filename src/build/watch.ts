import { watch, type FSWatcher } from 'node:fs';

export interface WatchOptions {
  /** Folders and files whose changes trigger a rebuild. */
  readonly paths: readonly string[];
  /** Quiet time after the last change before rebuilding. */
  readonly debounceMs?: number;
  /** Runs a build; its errors are the caller's to report (the watcher keeps going). */
  readonly rebuild: (changed: readonly string[]) => Promise<void>;
}

/**
 * Rebuilds after changes, debounced, never two builds at once: changes made during a build are
 * gathered and trigger one more build after it. Returns a function that stops watching.
 */
export function watchAndRebuild(options: WatchOptions): () => void {
  const debounce = options.debounceMs ?? 300;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const run = async () => {
    timer = undefined;
    if (running || pending.size === 0) return;
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
  const watchers: FSWatcher[] = options.paths.map((path) =>
    watch(path, { recursive: true }, (_event, name) => {
      const file = name ? String(name) : path;
      // Editors' swap files and our own temporary files are not changes to the inputs.
      if (/(^|\/)(\.[^/]*\.(swp|importing)|.*~|\.#.*)$/.test(file)) return;
      pending.add(file);
      schedule();
    }),
  );
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
