/**
 * Process liveness, for the locks and temporary files every stage leaves behind while it runs
 * (data/'s lock, the output's lock and staging, Chromium profiles): one of a dead process may go.
 */
/** Whether a process exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
