/**
 * A file or folder that is not there is an expected answer in many places (no previous output, no
 * cache entry yet, a journal already completed), and any other error is not. One test for it, so
 * every stage treats "not there" alike.
 */

/** True when the error says nothing is at the path: ENOENT, or ENOTDIR (a file where a folder of the path should be). */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** What the file operation returns, or `fallback` when its path is missing; any other error is thrown. */
export function unlessMissing<T, F>(operation: Promise<T>, fallback: F): Promise<T | F> {
  return operation.catch((error: unknown) => {
    if (isMissing(error)) return fallback;
    throw error;
  });
}
