/**
 * Work to undo if the process is interrupted (Ctrl-C, SIGTERM): close the browser, drop staged
 * output. The CLI runs these before exiting; a library caller may call `runInterruptCleanup` too.
 */
const tasks = new Set<() => Promise<unknown>>();

export function onInterrupt(task: () => Promise<unknown>): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs every registered task, each bounded in time, none blocking another. */
export async function runInterruptCleanup(timeoutMs = 5_000): Promise<void> {
  const all = Promise.allSettled([...tasks].map((task) => task()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
