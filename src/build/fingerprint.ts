import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A hash of every file under the given folders (paths and bytes); a missing folder hashes as empty. */
export async function hashFolders(folders: readonly (string | undefined)[]): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    hash.update(`\u0000folder ${folder ?? '-'}\u0000`);
    if (!folder) continue;
    for (const file of await filesUnder(folder)) {
      hash.update(`${relative(folder, file)}\u0000`);
      hash.update(await readFile(file));
    }
  }
  return hash.digest('hex');
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

interface BuildRecord {
  readonly inputs: string;
  /** Each output file (relative to the output folder) and the hash of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * What the last successful build of an output folder was made from, and what it wrote. When the
 * inputs are the same and the files are still as written, a build has nothing to do; anything
 * else (an edited or deleted output file included) means a real build.
 */
export class BuildRecords {
  constructor(private readonly dir: string) {}

  private file(outDir: string): string {
    return join(this.dir, 'builds', `${createHash('sha256').update(outDir).digest('hex').slice(0, 32)}.json`);
  }

  /**
   * The files of the last build if `inputs` match it and its output is intact, else undefined.
   * A folder holding what a build left behind (a lock, staging) is never up to date: the real
   * build that follows clears it.
   */
  async upToDate(outDir: string, inputs: string): Promise<string[] | undefined> {
    const record = await readFile(this.file(outDir), 'utf8').then((t) => JSON.parse(t) as BuildRecord, () => undefined);
    if (!record || record.inputs !== inputs) return undefined;
    const leftovers = (await readdir(outDir).catch(() => [] as string[])).filter((e) => /^\.(ets-brief\.lock|staging-|previous-)/.test(e));
    if (leftovers.length > 0) return undefined;
    for (const [path, sha] of Object.entries(record.files)) {
      const bytes = await readFile(join(outDir, path)).catch(() => undefined);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== sha) return undefined;
    }
    return Object.keys(record.files);
  }

  async save(outDir: string, inputs: string, files: readonly string[]): Promise<void> {
    const hashes: Record<string, string> = {};
    for (const path of files) hashes[path] = createHash('sha256').update(await readFile(join(outDir, path))).digest('hex');
    const target = this.file(outDir);
    await mkdir(join(this.dir, 'builds'), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ inputs, files: hashes } satisfies BuildRecord));
    await rename(temp, target);
  }
}
