/**
 * Work to undo if the process is interrupted (Ctrl-C, SIGTERM): close the browser, drop staged
 * output. The CLI runs these before exiting; a library caller may call `runInterruptCleanup` too.
 */
interface Task {
  readonly run: () => Promise<unknown>;
  /** Synchronous and idempotent: what must be undone even if `run` has not finished in time. */
  readonly lastResort?: () => void;
}
const tasks = new Set<Task>();

/**
 * Registers work to undo on an interrupt. `lastResort` runs after the time limit whether or not
 * `run` finished: on a loaded machine, closing a browser and waiting for writes under way can
 * outlast the limit, and the exit must still not leave a staging folder or a lock behind.
 */
export function onInterrupt(run: () => Promise<unknown>, lastResort?: () => void): () => void {
  const task: Task = lastResort ? { run, lastResort } : { run };
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs every registered task, each bounded in time, none blocking another; then the last resorts. */
export async function runInterruptCleanup(timeoutMs = 5_000): Promise<void> {
  const all = Promise.allSettled([...tasks].map((task) => task.run()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  for (const task of tasks) {
    try {
      task.lastResort?.();
    } catch {
      // best effort: the next build sweeps what is left
    }
  }
}
