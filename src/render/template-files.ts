import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The template folder as a build sees it: the built-in templates, with any file of the same path
 * in a custom folder taking its place (templates/ of a project overriding ets-brief's own).
 */
export class TemplateFiles {
  constructor(
    readonly builtin: string,
    readonly custom?: string,
  ) {}

  async path(relative: string): Promise<string> {
    if (this.custom) {
      const candidate = join(this.custom, relative);
      if (await stat(candidate).then((s) => s.isFile(), () => false)) return candidate;
    }
    return join(this.builtin, relative);
  }

  /** A file's text; read once per TemplateFiles (a build reads some files more than once). */
  read(relative: string): Promise<string> {
    let text = this.texts.get(relative);
    if (!text) {
      text = this.path(relative).then((p) => readFile(p, 'utf8'));
      text.catch(() => this.texts.delete(relative));
      this.texts.set(relative, text);
    }
    return text;
  }

  private readonly texts = new Map<string, Promise<string>>();

  /** File names in a folder of either tree, sorted. */
  async list(folder: string, suffix: string): Promise<string[]> {
    const names = new Set<string>();
    for (const root of [this.builtin, this.custom]) {
      if (!root) continue;
      for (const name of await readdir(join(root, folder)).catch(() => [] as string[])) if (name.endsWith(suffix)) names.add(name);
    }
    return [...names].sort();
  }
}
