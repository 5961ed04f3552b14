import { existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root of this installation (holds data/, templates/, package.json). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * --data wins; otherwise ./data when the current directory has one (an analyst's project), and
 * the data shipped with ets-brief as the last resort.
 */
export function resolveDataDir(option: string | undefined, cwd = process.cwd(), packageRoot = PACKAGE_ROOT): string {
  if (option !== undefined) return resolve(cwd, option);
  const local = resolve(cwd, 'data');
  if (existsSync(resolve(local, 'sources.csv'))) return local;
  return resolve(packageRoot, 'data');
}

/** The package's own data/ is not the analyst's to write when ets-brief is installed as a dependency. */
export class InstalledDataError extends Error {}

/**
 * The data folder a command writes into (import, datapackage): as resolveDataDir, but never the
 * data/ of an installed package (under node_modules, replaced by the next install and shared by
 * every project using it): outside a clone, a project makes its own with `ets-brief init`.
 */
export function resolveWritableDataDir(option: string | undefined, cwd = process.cwd(), packageRoot = PACKAGE_ROOT): string {
  const dir = resolveDataDir(option, cwd, packageRoot);
  const packaged = resolve(packageRoot, 'data');
  if (option === undefined && dir === packaged && `${packageRoot}${sep}`.includes(`${sep}node_modules${sep}`)) {
    throw new InstalledDataError(
      `no data/ in ${cwd}, and the data shipped with ets-brief (${packaged}) belongs to the installed package; run \`ets-brief init <dir>\` to make a project with its own copy, or pass --data`,
    );
  }
  return dir;
}
