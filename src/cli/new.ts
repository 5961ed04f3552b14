import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { EXIT } from './exit.js';
import { PACKAGE_ROOT } from './paths.js';
import { unlessMissing } from '../missing.js';

/** The brief `new` copies: a shipped brief folder, so it is built and tested like the others. */
const STARTER = join(PACKAGE_ROOT, 'briefs', 'starter');

/**
 * The folder a command makes, or undefined when it exists with anything in it (said on `err`):
 * nothing of an analyst's is overwritten.
 */
async function claimEmpty(command: string, dir: string, err: NodeJS.WritableStream): Promise<string | undefined> {
  const target = resolve(dir);
  const entries = await unlessMissing(readdir(target), []);
  if (entries.length > 0) {
    err.write(`ets-brief ${command}: ${target} is not empty; choose a new folder\n`);
    return undefined;
  }
  await mkdir(target, { recursive: true });
  return target;
}

/** `ets-brief new DIR`: a brief folder that builds at once (ets-brief build --brief DIR). */
export async function runNew(dir: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const target = await claimEmpty('new', dir, err);
  if (!target) return EXIT.usage;
  await cp(STARTER, target, { recursive: true });
  out.write(
    `✓ made the brief ${target}\n  build it: ets-brief build --brief ${relative(process.cwd(), target) || '.'}\n  names for its templates: ets-brief metrics --list, ets-brief charts --list\n`,
  );
  return EXIT.ok;
}

/**
 * `ets-brief init DIR`: a project folder with its own data/ (a copy of the shipped data, which
 * `import` run from the folder then writes to) and a brief in brief/.
 */
export async function runInit(dir: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const target = await claimEmpty('init', dir, err);
  if (!target) return EXIT.usage;
  await cp(join(PACKAGE_ROOT, 'data'), join(target, 'data'), { recursive: true, filter: (source) => !/[\\/]\.ets-brief-/.test(source) });
  await cp(STARTER, join(target, 'brief'), { recursive: true });
  await writeFile(join(target, '.gitignore'), 'output/\n');
  out.write(
    `✓ made the project ${target}: data/ (a copy of the shipped data) and brief/\n  cd ${relative(process.cwd(), target) || '.'}; ets-brief import FILE...; ets-brief build --brief brief\n`,
  );
  return EXIT.ok;
}
