import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A hash of every file under the given folders (paths and bytes); a missing folder hashes as empty. */
export async function hashFolders(folders: readonly (string | undefined)[]): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    hash.update(`\u0000folder ${folder ?? '-'}\u0000`);
    if (!folder) continue;
    const files = await filesUnder(folder);
    const hashes = await Promise.all(files.map(fileHash));
    for (const [i, file] of files.entries()) hash.update(`${relative(folder, file)}\u0000${hashes[i]}\u0000`);
  }
  return hash.digest('hex');
}

/**
 * A file's content hash, remembered in this process while its size, times and inode stay the
 * same: a watch session or a run of variants re-reads only what changed. (The content, not the
 * time, is what counts: a file touched but not changed hashes the same.)
 */
const known = new Map<string, { stamp: string; hash: string }>();
async function fileHash(file: string): Promise<string> {
  const s = await stat(file);
  const stamp = `${s.size}|${s.mtimeMs}|${s.ctimeMs}|${s.ino}`;
  const seen = known.get(file);
  if (seen?.stamp === stamp) return seen.hash;
  const hash = createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
  known.set(file, { stamp, hash });
  return hash;
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
    const record = await readFile(this.file(outDir), 'utf8').then(
      (t) => JSON.parse(t) as BuildRecord,
      () => undefined,
    );
    if (!record || record.inputs !== inputs) return undefined;
    const leftovers = (await readdir(outDir).catch(() => [] as string[])).filter((e) => /^\.(ets-brief\.lock|staging-|previous-)/.test(e));
    if (leftovers.length > 0) return undefined;
    for (const [path, sha] of Object.entries(record.files)) {
      const bytes = await readFile(join(outDir, path)).catch(() => undefined);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== sha) return undefined;
    }
    return Object.keys(record.files);
  }

  /** Records a build: its inputs and the sha256 of each file it wrote (relative path -> hex). */
  async save(outDir: string, inputs: string, files: ReadonlyMap<string, string>): Promise<void> {
    const hashes = Object.fromEntries(files);
    const target = this.file(outDir);
    await mkdir(join(this.dir, 'builds'), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ inputs, files: hashes } satisfies BuildRecord));
    await rename(temp, target);
  }
}
