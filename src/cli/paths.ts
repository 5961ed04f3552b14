import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root of this installation (holds data/, templates/, package.json). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * --data wins; otherwise ./data when the current directory has one (an analyst's project), and
 * the data shipped with ets-brief as the last resort.
 */
export function resolveDataDir(option: string | undefined, cwd = process.cwd()): string {
  if (option !== undefined) return resolve(cwd, option);
  const local = resolve(cwd, 'data');
  if (existsSync(resolve(local, 'sources.csv'))) return local;
  return resolve(PACKAGE_ROOT, 'data');
}
