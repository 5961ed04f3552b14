import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { EXIT } from './exit.js';
import { PACKAGE_ROOT } from './paths.js';

/** The brief `new` copies: a shipped brief folder, so it is built and tested like the others. */
const STARTER = join(PACKAGE_ROOT, 'briefs', 'starter');

/** A folder to create: refused when it exists with anything in it (nothing of an analyst's is overwritten). */
async function claimEmpty(dir: string): Promise<string | undefined> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  if (entries.length > 0) return `${dir} is not empty; choose a new folder`;
  await mkdir(dir, { recursive: true });
  return undefined;
}

/** `ets-brief new DIR`: a brief folder that builds at once (ets-brief build --brief DIR). */
export async function runNew(dir: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const target = resolve(dir);
  const refused = await claimEmpty(target);
  if (refused) {
    err.write(`ets-brief new: ${refused}\n`);
    return EXIT.usage;
  }
  await cp(STARTER, target, { recursive: true });
  out.write(`✓ made the brief ${target}\n  build it: ets-brief build --brief ${relative(process.cwd(), target) || '.'}\n  names for its templates: ets-brief metrics --list, ets-brief charts --list\n`);
  return EXIT.ok;
}

/**
 * `ets-brief init DIR`: a project folder with its own data/ (a copy of the shipped data, which
 * `import` run from the folder then writes to) and a brief in brief/.
 */
export async function runInit(dir: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const target = resolve(dir);
  const refused = await claimEmpty(target);
  if (refused) {
    err.write(`ets-brief init: ${refused}\n`);
    return EXIT.usage;
  }
  await cp(join(PACKAGE_ROOT, 'data'), join(target, 'data'), { recursive: true, filter: (source) => !/[\\/]\.ets-brief-/.test(source) });
  await cp(STARTER, join(target, 'brief'), { recursive: true });
  await writeFile(join(target, '.gitignore'), 'output/\n');
  out.write(`✓ made the project ${target}: data/ (a copy of the shipped data) and brief/\n  cd ${relative(process.cwd(), target) || '.'}; ets-brief import FILE...; ets-brief build --brief brief\n`);
  return EXIT.ok;
}
