import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative as relativePath, sep } from 'node:path';

/** A template path that leaves its folder, or an override that is a link out of it. */
export class TemplatePathError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'TemplatePathError';
  }
}

/**
 * The template folder as a build sees it: the built-in templates, with any file of the same path
 * in a custom folder taking its place (templates/ of a project overriding ets-brief's own).
 *
 * An override folder is confined to itself: a path with `..` or an absolute path is refused, and
 * so is a file (or a folder on its way) that is a symbolic link whose target lies outside the
 * folder, because its text would be inlined into every output (a link to ~/.ssh/id_rsa in
 * styles/ was published as CSS).
 */
export class TemplateFiles {
  constructor(
    readonly builtin: string,
    readonly custom?: string,
  ) {}

  async path(relative: string): Promise<string> {
    if (isAbsolute(relative) || relative.split(/[\\/]/).includes('..'))
      throw new TemplatePathError(relative, 'a template path must stay inside the template folder');
    if (this.custom) {
      const candidate = join(this.custom, relative);
      if (await isFile(candidate)) {
        await this.confine(candidate);
        return candidate;
      }
    }
    return join(this.builtin, relative);
  }

  /** The override's real location must lie inside the override folder's real location. */
  private async confine(candidate: string): Promise<void> {
    const [root, real] = await Promise.all([realpath(this.custom!), realpath(candidate)]);
    const inside = relativePath(root, real);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
      throw new TemplatePathError(candidate, `is a link to ${real}, outside the template folder ${this.custom}; copy the file into the folder instead`);
    }
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

  /**
   * The first of `candidates` the override folder holds, else the first the built-in folder
   * holds (an override's generic file beats a built-in language-specific one), else undefined.
   */
  async pick(candidates: readonly string[]): Promise<string | undefined> {
    for (const root of [this.custom, this.builtin]) {
      if (!root) continue;
      for (const relative of candidates) if (await isFile(join(root, relative))) return relative;
    }
    return undefined;
  }

  /** A built-in file's text, whatever the override folder holds (the built-in brief.json). */
  readBuiltin(relative: string): Promise<string> {
    return readFile(join(this.builtin, relative), 'utf8');
  }

  /** Every file of the override folder, as paths relative to it (none without one). */
  async customFiles(): Promise<string[]> {
    return this.custom
      ? (await readdir(this.custom, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile() || e.isSymbolicLink())
          .map((e) => relativePath(this.custom!, join(e.parentPath, e.name)))
          .sort()
      : [];
  }

  /** Every file of the built-in folder, as paths relative to it. */
  async builtinFiles(): Promise<string[]> {
    return (await readdir(this.builtin, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => relativePath(this.builtin, join(e.parentPath, e.name)))
      .sort();
  }

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

function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
