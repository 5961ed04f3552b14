import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAlive } from '../data/process.js';
import { dirname, join, relative, sep } from 'node:path';
import { unlessMissing } from '../missing.js';

/**
 * Writes a whole output tree beside its target and moves it into place only when complete, so a
 * build that fails part-way leaves the previous output as it was.
 */
export class StagedOutput {
  /** Writes under way: discard() waits for them, so none recreates the folder it removed. */
  private readonly pending = new Set<Promise<unknown>>();
  private discarded = false;

  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  static async create(outDir: string): Promise<StagedOutput> {
    await mkdir(outDir, { recursive: true });
    await sweepDeadBuilds(outDir);
    const stagingDir = join(outDir, `.staging-${process.pid}-${Date.now()}`);
    await mkdir(stagingDir, { recursive: true });
    return new StagedOutput(outDir, stagingDir);
  }

  /** Carries the current output's copy of a file into the staged tree, if there is one. */
  async keepPrevious(relative: string): Promise<void> {
    const file = join(this.stagingDir, relative);
    await mkdir(dirname(file), { recursive: true });
    await unlessMissing(copyFile(join(this.outDir, relative), file), undefined);
  }

  /** Carries every file of a folder of the current output into the staged tree, if it exists. */
  async keepPreviousFolder(relative: string): Promise<void> {
    const entries = await readdir(join(this.outDir, relative), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const dir = entry.parentPath ?? (entry as unknown as { path: string }).path;
      await this.keepPrevious(join(dir, entry.name).slice(this.outDir.length + 1));
    }
  }

  async write(relative: string, content: string | Uint8Array): Promise<void> {
    // An interrupted build discards its staging while the rest of it still runs (drawing chart
    // images, say): a later write must not bring the folder back, to be left behind by the exit.
    if (this.discarded) throw new Error(`the staged output was discarded; ${relative} not written`);
    const file = join(this.stagingDir, relative);
    const done = mkdir(dirname(file), { recursive: true }).then(() => writeFile(file, content));
    this.pending.add(done);
    try {
      await done;
    } finally {
      this.pending.delete(done);
    }
  }

  /** The files staged for each entry (e.g. `en`), relative to it and `/`-separated. */
  async list(entries: readonly string[]): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const entry of entries) {
      const root = join(this.stagingDir, entry);
      const found = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      out[entry] = found
        .filter((d) => d.isFile())
        .map((d) => relative(root, join(d.parentPath, d.name)).split(sep).join('/'))
        .sort();
    }
    return out;
  }

  /**
   * Replaces each top-level entry (e.g. `en/`) of the output with its staged version. An entry
   * whose staged files are byte-identical to the current ones is left as it is, so a rebuild that
   * changes nothing rewrites no file (modification times stay).
   */
  async commit(entries: readonly string[]): Promise<string[]> {
    const replaced: string[] = [];
    for (const entry of entries) {
      if (await sameTree(join(this.stagingDir, entry), join(this.outDir, entry))) continue;
      replaced.push(entry);
      const target = join(this.outDir, entry);
      const previous = join(this.outDir, `.previous-${entry}-${process.pid}`);
      // entry is a language folder name; the sweep above parses it back out of this name.
      await rm(previous, { recursive: true, force: true });
      await unlessMissing(rename(target, previous), undefined);
      await rename(join(this.stagingDir, entry), target);
      await rm(previous, { recursive: true, force: true });
    }
    await this.discard();
    return replaced;
  }

  async discard(): Promise<void> {
    this.discarded = true;
    await Promise.allSettled([...this.pending]);
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}

async function sameTree(a: string, b: string): Promise<boolean> {
  const list = async (dir: string) =>
    (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => null))
      ?.filter((d) => d.isFile())
      .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name).slice(dir.length))
      .sort();
  const [fa, fb] = await Promise.all([list(a), list(b)]);
  if (!fa || !fb || fa.length !== fb.length || fa.some((f, i) => f !== fb[i])) return false;
  for (const f of fa) {
    const [x, y] = await Promise.all([readFile(join(a, f)), readFile(join(b, f))]);
    if (!x.equals(y)) return false;
  }
  return true;
}

/**
 * A build killed outright (SIGKILL, power loss) cannot clean up after itself: its staging folder
 * is removed by the next build, once the process that owned it is gone. A half-finished swap is
 * completed from the previous copy, so an output folder is never left missing.
 */
async function sweepDeadBuilds(outDir: string): Promise<void> {
  for (const entry of await readdir(outDir)) {
    const m = /^\.(staging|previous-(.+))-(\d+)(?:-\d+)?$/.exec(entry);
    if (!m || isAlive(Number(m[3]))) continue;
    const restoreTo = m[2];
    if (restoreTo !== undefined) {
      const target = join(outDir, restoreTo);
      const missing = await readdir(target).then(
        () => false,
        () => true,
      );
      if (missing) {
        await rename(join(outDir, entry), target);
        continue;
      }
    }
    await rm(join(outDir, entry), { recursive: true, force: true });
  }
}
