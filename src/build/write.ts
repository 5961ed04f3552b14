import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a whole output tree beside its target and moves it into place only when complete, so a
 * build that fails part-way leaves the previous output as it was.
 */
export class StagedOutput {
  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  static async create(outDir: string): Promise<StagedOutput> {
    const stagingDir = join(outDir, `.staging-${process.pid}-${Date.now()}`);
    await mkdir(stagingDir, { recursive: true });
    return new StagedOutput(outDir, stagingDir);
  }

  async write(relative: string, content: string | Uint8Array): Promise<void> {
    const file = join(this.stagingDir, relative);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }

  /** Replaces each top-level entry (e.g. `en/`) of the output with its staged version. */
  async commit(entries: readonly string[]): Promise<void> {
    for (const entry of entries) {
      const target = join(this.outDir, entry);
      const previous = join(this.outDir, `.previous-${entry}-${process.pid}`);
      await rm(previous, { recursive: true, force: true });
      await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(join(this.stagingDir, entry), target);
      await rm(previous, { recursive: true, force: true });
    }
    await this.discard();
  }

  async discard(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}
