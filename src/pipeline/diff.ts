import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MARKER, OutputFolderError } from './output-folder.js';
import type { FontSet } from '../fonts/font-set.js';
import { compareBriefs, type ChangeReport } from '../changes/compare.js';
import { readSnapshot } from '../changes/read.js';
import { reportFiles } from '../changes/report-files.js';

/** The folders given to `diff` cannot be compared (not briefs, or no language in common). */
export class DiffError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffError';
  }
}

/**
 * Compares two builds: two output folders (each language both hold, or those in `langs`) or two
 * language folders (each holding numbers.json). Reports come in the order of the languages.
 */
export async function diffFolders(oldDir: string, newDir: string, langs?: readonly string[]): Promise<ChangeReport[]> {
  const [oldIsLang, newIsLang] = await Promise.all([isLanguage(oldDir), isLanguage(newDir)]);
  if (oldIsLang !== newIsLang)
    throw new DiffError(
      `compare two output folders or two language folders: ${oldIsLang ? oldDir : newDir} is a language folder (it holds numbers.json), ${oldIsLang ? newDir : oldDir} is not`,
    );
  const pairs: [string, string][] = [];
  if (newIsLang) pairs.push([oldDir, newDir]);
  else {
    const [inOld, inNew] = await Promise.all([languagesIn(oldDir), languagesIn(newDir)]);
    if (inNew.length === 0)
      throw new DiffError(`${newDir} holds no brief (no <lang>/numbers.json); give an output folder of ets-brief build, or a language folder in it`);
    const both = inNew.filter((l) => inOld.includes(l));
    const missing = langs?.filter((l) => !both.includes(l)) ?? [];
    if (missing.length > 0)
      throw new DiffError(`${missing.join(', ')}: not in both folders (${oldDir} has ${inOld.join(', ') || 'no language'}; ${newDir} has ${inNew.join(', ')})`);
    const chosen = langs ? both.filter((l) => langs.includes(l)) : both;
    if (chosen.length === 0) throw new DiffError(`${oldDir} and ${newDir} have no language in common (${inOld.join(', ') || 'none'}; ${inNew.join(', ')})`);
    for (const lang of chosen) pairs.push([join(oldDir, lang), join(newDir, lang)]);
  }
  const reports: ChangeReport[] = [];
  for (const [before, after] of pairs) {
    const [a, b] = await Promise.all([readSnapshot(before), readSnapshot(after)]);
    if (a!.ledger.lang !== b!.ledger.lang)
      throw new DiffError(`${before} is a ${a!.ledger.lang} brief and ${after} a ${b!.ledger.lang} one; compare the same language`);
    reports.push(compareBriefs(a, b!));
  }
  return reports;
}

/** A language folder of a build is one holding numbers.json. */
function isLanguage(dir: string): Promise<boolean> {
  return access(join(dir, 'numbers.json')).then(
    () => true,
    () => false,
  );
}

/** Language folders (those holding numbers.json) of an output folder, sorted. */
async function languagesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new DiffError(`${dir} is not a folder that can be read`);
  });
  const langs: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() && !e.name.startsWith('.') && (await isLanguage(join(dir, e.name)))) langs.push(e.name);
  }
  return langs.sort();
}

/**
 * Writes each report as `<dir>/<lang>/changes.html` and `changes.json`. Never inside an ets-brief
 * output folder: files the build did not write there would make its next build refuse the folder.
 */
export async function writeReports(dir: string, reports: readonly ChangeReport[], fonts: FontSet): Promise<string[]> {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (
      await access(join(at, MARKER)).then(
        () => true,
        () => false,
      )
    )
      throw new OutputFolderError(
        `${dir} is inside the ets-brief output folder ${at}; write the report somewhere else (a build of that folder writes its own)`,
      );
    if (dirname(at) === at) break;
  }
  const written: string[] = [];
  for (const report of reports) {
    const folder = join(dir, report.lang);
    await mkdir(folder, { recursive: true });
    for (const [name, content] of Object.entries(await reportFiles(report, fonts))) {
      await writeFile(join(folder, name), content);
      written.push(join(folder, name));
    }
  }
  return written;
}
