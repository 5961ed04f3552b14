import { diffFolders, DiffError, writeReports } from '../pipeline/diff.js';
import { SnapshotError } from '../changes/snapshot.js';
import { summaryLines } from '../changes/summary.js';
import { OutputFolderError } from '../pipeline/output-folder.js';
import { FontSet } from '../fonts/font-set.js';
import { EXIT } from './exit.js';

export interface DiffCliOptions {
  lang?: string;
  report?: string;
  json?: boolean;
}

/** `ets-brief diff OLD NEW`: the change report between two builds, as `build` prints it. */
export async function runDiff(
  oldDir: string,
  newDir: string,
  options: DiffCliOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  try {
    const langs = options.lang
      ?.split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    const reports = await diffFolders(oldDir, newDir, langs);
    const written = options.report ? await writeReports(options.report, reports, new FontSet()) : [];
    if (options.json) {
      out.write(`${JSON.stringify({ generator: 'ets-brief', old: oldDir, new: newDir, reports, written }, null, 2)}\n`);
    } else {
      for (const report of reports) out.write(`${summaryLines(report).join('\n')}\n`);
      for (const file of written) out.write(`wrote ${file}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof DiffError || error instanceof SnapshotError || error instanceof OutputFolderError)) throw error;
    err.write(`ets-brief diff: ${error.message}\n`);
    return error instanceof OutputFolderError ? EXIT.output : EXIT.usage;
  }
}
