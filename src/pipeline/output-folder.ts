import { constants } from 'node:fs';
import { access, lstat, mkdir, readdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMissing } from '../missing.js';

/**
 * The file that says a folder is an ets-brief output: created with the folder by its first build,
 * it lists the files each language folder holds as written, so a later build knows what it may
 * replace. Anything else found there is someone else's and the build refuses to touch it.
 */
export const MARKER = '.ets-brief-output';

/** What ets-brief keeps at the top of an output folder besides the language folders. */
const OWN_ENTRY = /^\.(ets-brief-output|ets-brief-cache|ets-brief\.lock|staging-\d+-\d+|previous-.+-\d+)$/;
/** The files of a language folder, by name: how an output from before the marker is recognised. */
const OUTPUT_FILE =
  /^(brief\.html|brief\.pdf|numbers\.json|changes\.html|changes\.json|og-image\.png|sections\/[a-z0-9-]+\.html|sections\/manifest\.json|data\/[a-z0-9-]+\.csv|charts\/[a-z0-9-]+(\.svg|\.png|@2x\.png))$/;
/** Folders that are not storage: writing there means a mistake (and /proc can hang a build). */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** The output folder cannot be used: it is someone else's, or not a folder ets-brief can write. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

interface Marker {
  readonly generator: 'ets-brief';
  readonly about: string;
  /** For each language folder, the files the last build left there (relative to it, `/`-separated). */
  readonly files: Readonly<Record<string, readonly string[]>>;
}

/** An output folder this build may write into, and the record of what it holds. */
export class OutputFolder {
  private constructor(
    readonly dir: string,
    private files: Record<string, readonly string[]>,
  ) {}

  /**
   * Checks `outDir` before any work: it must be a folder ets-brief can write, outside /proc, /sys
   * and /dev, and either new (it is created), empty, or an ets-brief output whose language folders
   * (those in `langs`) hold only files an earlier build wrote. Otherwise throws OutputFolderError
   * and changes nothing. `log` hears of an earlier, unmarked output being taken over.
   */
  static async claim(outDir: string, langs: readonly string[], log: (line: string) => void = () => {}): Promise<OutputFolder> {
    if (outDir.trim() === '') throw new OutputFolderError('no output folder given (an empty --out); name the folder to build into');
    const dir = resolve(outDir);
    const { existing, missing } = await nearestExisting(dir);
    const real = join(await realpath(existing), ...missing);
    const system = SYSTEM_FOLDERS.find((f) => real === f || real.startsWith(`${f}/`));
    if (system) throw new OutputFolderError(`${dir} is inside ${system}, which is not a place for files; choose a folder on disk for --out`);
    if (!(await isFolder(existing))) {
      throw new OutputFolderError(
        existing === dir ? `${dir} is a file, not a folder; choose a folder for --out` : `cannot create ${dir}: ${existing} is a file, not a folder`,
      );
    }
    if (!(await writable(existing)))
      throw new OutputFolderError(missing.length > 0 ? `cannot create ${dir}: ${existing} is not writable` : `${dir} is not writable`);

    if (missing.length > 0) return OutputFolder.create(dir);
    const entries = await readdir(dir);
    if (entries.length === 0) return OutputFolder.create(dir);
    const marker = await readMarker(dir);
    if (marker) {
      const folder = new OutputFolder(dir, { ...marker.files });
      const foreign = (await Promise.all(langs.map((lang) => foreignIn(dir, lang, new Set(marker.files[lang] ?? []))))).flat();
      if (foreign.length > 0) throw notOurs(dir, foreign, `ets-brief replaces ${langs.map((l) => `${l}/`).join(' and ')} as a whole and did not write these`);
      return folder;
    }
    // No marker: an output from before folders were marked (language folders holding only files
    // named as ets-brief names its own) is taken over; anything else is someone else's folder.
    const files: Record<string, readonly string[]> = {};
    const foreign: string[] = [];
    for (const entry of entries.filter((e) => !OWN_ENTRY.test(e)).sort()) {
      const tree = /^[a-z]{2}(-[A-Z]{2})?$/.test(entry) ? await treeOf(join(dir, entry)) : undefined;
      const theirs = tree?.filter((f) => !f.folder && !(f.file && OUTPUT_FILE.test(f.path)));
      if (!tree) foreign.push(entry);
      else if (theirs!.length > 0) foreign.push(...theirs!.map((f) => `${entry}/${f.path}`));
      else files[entry] = tree.filter((f) => f.file).map((f) => f.path);
    }
    const written = Object.values(files).flat();
    // Chart data alone (data/*.csv) is too common a name to be taken for a brief.
    if (written.length > 0 && written.every((f) => f.startsWith('data/')))
      foreign.push(...Object.entries(files).flatMap(([l, fs]) => fs.map((f) => `${l}/${f}`)));
    if (foreign.length > 0) throw notOurs(dir, foreign, 'ets-brief builds only into a new or empty folder, or one it built before');
    if (written.length === 0) return OutputFolder.create(dir);
    log(`${dir} holds an earlier ets-brief output (before output folders were marked); marking it as ets-brief's`);
    const folder = new OutputFolder(dir, files);
    await folder.save();
    return folder;
  }

  private static async create(dir: string): Promise<OutputFolder> {
    await mkdir(dir, { recursive: true });
    const folder = new OutputFolder(dir, {});
    await folder.save();
    return folder;
  }

  /**
   * Records the files each language folder is about to hold (call before replacing them, with
   * `also` the ones it holds now, so a build stopped mid-way leaves a record that covers both)
   * or holds (after).
   */
  async record(files: Readonly<Record<string, readonly string[]>>, also = false): Promise<void> {
    for (const [lang, list] of Object.entries(files)) {
      this.files[lang] = also ? [...new Set([...(this.files[lang] ?? []), ...list])].sort() : [...list].sort();
    }
    await this.save();
  }

  private async save(): Promise<void> {
    const marker: Marker = {
      generator: 'ets-brief',
      about: 'This folder is written by `ets-brief build`, which replaces its language folders as a whole. Files it did not write there make it stop.',
      files: this.files,
    };
    const target = join(this.dir, MARKER);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(marker, null, 2)}\n`);
    await rename(temp, target);
  }
}

function notOurs(dir: string, paths: readonly string[], why: string): OutputFolderError {
  const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
  return new OutputFolderError(
    `${dir} holds files ets-brief did not write (${shown}); ${why}, so nothing was changed. ` +
      'Choose another --out (a new folder is created), or move those files away.',
  );
}

/** The path's deepest existing ancestor (itself if it exists), and the names below it that do not exist. */
async function nearestExisting(path: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    const found = await lstat(current).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (isMissing(error)) return false; // ENOTDIR: a file further up, found as `existing` below
        throw new OutputFolderError(`cannot use ${path}: ${error.message}`);
      },
    );
    if (found) return { existing: current, missing: missing.reverse() };
    const parent = dirname(current);
    if (parent === current) return { existing: current, missing: missing.reverse() };
    missing.push(current.slice(parent.length).replace(/^\//, ''));
    current = parent;
  }
}

async function isFolder(path: string): Promise<boolean> {
  return (
    (
      await realpath(path)
        .then((r) => lstat(r))
        .catch(() => undefined)
    )?.isDirectory() === true
  );
}

async function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK | constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function readMarker(dir: string): Promise<Marker | undefined> {
  const text = await readFile(join(dir, MARKER), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Marker>;
    const files = parsed.files && typeof parsed.files === 'object' ? parsed.files : {};
    return { generator: 'ets-brief', about: '', files: Object.fromEntries(Object.entries(files).filter(([, v]) => Array.isArray(v))) };
  } catch {
    return { generator: 'ets-brief', about: '', files: {} }; // damaged: nothing in it is known to be ours
  }
}

/** Everything under a folder: files, folders and links, relative and `/`-separated. */
async function treeOf(dir: string): Promise<{ path: string; file: boolean; folder: boolean }[] | undefined> {
  if (!(await lstat(dir).catch(() => undefined))?.isDirectory()) return undefined;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => ({ path: relative(dir, join(e.parentPath, e.name)).split(sep).join('/'), file: e.isFile(), folder: e.isDirectory() }));
}

/** What in `<dir>/<lang>` the record does not account for (a folder counts if it holds a recorded file). */
async function foreignIn(dir: string, lang: string, recorded: ReadonlySet<string>): Promise<string[]> {
  const target = join(dir, lang);
  const info = await lstat(target).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [lang];
  const folders = new Set(
    [...recorded].flatMap((f) =>
      f
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  return (await treeOf(target))!.filter((e) => !(e.file && recorded.has(e.path)) && !(e.folder && folders.has(e.path))).map((e) => `${lang}/${e.path}`);
}
