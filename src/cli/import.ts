import { relative } from 'node:path';
import { onInterrupt } from '../interrupt.js';
import { DataError, formatIssue } from '../data/errors.js';
import { DataLockedError } from '../data/lock.js';
import { interruptDataTransactions, InterruptedError } from '../data/transaction.js';
import { describeFormats } from '../data/import/recognise.js';
import { importFiles, UnrecognisedFileError, type FileReport } from '../data/import/run.js';
import { EXIT } from './exit.js';
import { VERSION } from './version.js';

export interface ImportCliOptions {
  data: string;
  dryRun?: boolean;
  replace?: boolean;
  json?: boolean;
}

const MAX_CHANGES_SHOWN = 10;

export async function runImport(files: readonly string[], options: ImportCliOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (files.length === 0) {
    err.write('ets-brief import: name at least one file to import\n');
    return EXIT.usage;
  }
  let reports: FileReport[];
  // Ctrl-C or SIGTERM: data/ is left as before, or (past the commit point) completed; never half.
  const forget = onInterrupt(interruptDataTransactions);
  try {
    reports = await importFiles(files, { dataDir: options.data, dryRun: options.dryRun === true, replace: options.replace === true, version: VERSION });
  } catch (error) {
    if (error instanceof UnrecognisedFileError) {
      err.write(`✗ ${error.message}. Known formats (recognised by content, not by file name):\n${describeFormats()}\n`);
      return EXIT.data;
    }
    if (error instanceof DataError) {
      for (const issue of error.issues) err.write(`${formatIssue(issue)}\n`);
      err.write(`\n✗ nothing imported: ${error.issues.filter((i) => i.severity === 'error').length} errors (data/ is unchanged)\n`);
      return EXIT.data;
    }
    if (error instanceof DataLockedError) {
      err.write(`✗ nothing imported: ${error.message}\n`);
      return EXIT.failure;
    }
    if (error instanceof InterruptedError) return EXIT.failure; // the signal handler has said so and exits

    throw error;
  } finally {
    forget();
  }
  if (options.json) {
    out.write(`${JSON.stringify({ dryRun: options.dryRun === true, files: reports }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const r of reports) out.write(describe(r, options.dryRun === true, options.replace === true));
  if (options.dryRun) out.write('(dry run: nothing was written)\n');
  return EXIT.ok;
}

function describe(r: FileReport, dryRun: boolean, replace: boolean): string {
  const shown = relative(process.cwd(), r.file) || r.file;
  if (r.dataset === null) return `${shown}: ${r.format}: nothing the brief uses (${r.unused ?? 'no data'}); data/ unchanged\n`;
  const lines = [`${shown}: ${r.format} → ${r.dataset}.csv${r.via ? ` (through ${relative(process.cwd(), r.via) || r.via})` : ''}`];
  if (r.read === 0) {
    lines.push(`  nothing imported: the file holds no rows the brief uses${r.skipped > 0 ? ' (every row was left out, see below)' : ''}`);
  } else if (r.added + r.filled + r.replaced === 0 && r.changed.length === 0) {
    lines.push(`  nothing changed: all ${r.read} rows are already in data/`);
  } else {
    const kept = r.changed.length === 0 ? '' : replace ? ` (${r.replaced} replaced)` : ' (kept as in data/; --replace applies them)';
    const filled = r.filled === 0 ? '' : `, ${r.filled} ${dryRun ? 'to complete' : 'completed'} (empty cells given a value)`;
    lines.push(
      `  read ${r.read} rows: ${r.added} ${dryRun ? 'to add' : 'added'}${filled}, ${r.unchanged} unchanged, ${r.changed.length} with different values${kept}`,
    );
    const fmt = (range: readonly [string, string] | null) => (range ? `${range[0]} – ${range[1]}` : '(none)');
    lines.push(`  covers ${fmt(r.rangeBefore)} before, ${fmt(r.rangeAfter)} after`);
    if (r.added + r.filled + r.replaced > 0) lines.push(`  source recorded as ${r.source} in sources.csv`);
  }
  if (r.skips.length > 0) {
    for (const k of r.skips) lines.push(`  ${k.count} left out: ${k.reason} (${k.where.join('; ')}${k.count > k.where.length ? '; …' : ''})`);
  } else if (r.skipped > 0) lines.push(`  ${r.skipped} left out: ${r.skippedReason ?? 'as the format says'}`);
  for (const m of r.marketsAdded) lines.push(`  market ${m} added to markets.csv (add its names to templates/i18n)`);
  for (const c of r.changed.slice(0, MAX_CHANGES_SHOWN)) {
    const diffs = Object.entries(c.fields)
      .map(([f, [was, now]]) => `${f} ${String(was)} → ${String(now)}`)
      .join(', ');
    lines.push(`  differs at ${c.key.replace(/\u0000/g, ' ')}: ${diffs}`);
  }
  if (r.changed.length > MAX_CHANGES_SHOWN) lines.push(`  …and ${r.changed.length - MAX_CHANGES_SHOWN} more rows with different values (--json lists all)`);
  return `${lines.join('\n')}\n`;
}
