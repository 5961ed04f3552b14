import { join } from 'node:path';
import { compareBriefs, type ChangeReport } from '../changes/compare.js';
import { readReport, readSnapshot } from '../changes/read.js';
import { reportFiles } from '../changes/report-files.js';
import { parseSnapshot, SnapshotError, type BriefSnapshot } from '../changes/snapshot.js';
import type { FontSet } from '../fonts/font-set.js';

/** One language's change report, as the build made it. */
export interface LanguageChanges {
  /** This build compared with the last build of the folder. */
  readonly report: ChangeReport;
  /**
   * Nothing the brief states changed: the report files still describe the change that produced
   * the current output (rewritten from its changes.json, so the folder stays byte-identical).
   */
  readonly kept: boolean;
  /** changes.html and changes.json, to be staged in the language folder. */
  readonly files: Readonly<Record<'changes.html' | 'changes.json', string>>;
}

/**
 * Compares what a build is about to write for a language (its numbers.json and chart CSVs) with
 * what the output folder holds now, before the staged output replaces it. Call under the build's
 * lock, before commit.
 */
export async function changeReport(
  outDir: string,
  lang: string,
  ledger: string,
  csvs: Readonly<Record<string, string>>,
  fonts: FontSet,
): Promise<LanguageChanges> {
  const folder = join(outDir, lang);
  // A ledger this version cannot read is compared as no ledger: the report then says "first build".
  const previous: BriefSnapshot | null = await readSnapshot(folder).catch((error: unknown) => {
    if (error instanceof SnapshotError) return null;
    throw error;
  });
  const report = compareBriefs(previous, parseSnapshot(ledger, csvs));
  if (previous && !report.changed) {
    const last = await readReport(folder);
    if (last && last.lang === report.lang && last.after.asOf === report.after.asOf) return { report, kept: true, files: await reportFiles(last, fonts) };
  }
  return { report, kept: false, files: await reportFiles(report, fonts) };
}
