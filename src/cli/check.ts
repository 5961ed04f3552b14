import { join, relative } from 'node:path';
import { buildDescriptor, serialiseDescriptor } from '../data/datapackage.js';
import { formatIssue, hasErrors, type DataIssue } from '../data/errors.js';
import { InputError, readRegularFile } from '../data/input.js';
import { loadData, type DatasetSummary } from '../data/load.js';
import { computeMetrics, currencyMismatches, VERDICTS, type Finding } from '../metrics/index.js';
import { EXIT } from './exit.js';
import { VERSION } from './version.js';

export interface CheckOptions {
  data: string;
  json?: boolean;
}

/** Validates every dataset; prints a summary when valid, every error when not. */
export async function runCheck(options: CheckOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const result = await loadData(options.data);
  const issues: DataIssue[] = [...result.issues];
  if (result.data) issues.push(...(await checkDescriptor(options.data, serialiseDescriptor(buildDescriptor(result.data, VERSION)))));
  // The paper's printed numbers that recomputation from data/ contradicts: warnings, not errors.
  const findings = result.data ? computeMetrics(result.data).reconciliation.findings : [];
  if (result.data) issues.push(...findings.filter((f) => f.verdict === 'disagrees').map((f) => disagreement(options.data, f)));
  // Amounts stated in another currency than their market's: converted explicitly, but said.
  if (result.data)
    issues.push(
      ...currencyMismatches(result.data).map((m) => ({ file: join(options.data, `${m.dataset}.csv`), severity: 'warning' as const, message: m.message })),
    );
  const shown = issues.map((i) => ({ ...i, file: displayPath(i.file) }));
  const failed = hasErrors(issues);
  if (options.json) {
    out.write(`${JSON.stringify({ valid: !failed, dataDir: options.data, datasets: result.summary, issues: shown, reconciliation: findings }, null, 2)}\n`);
    return failed ? EXIT.data : EXIT.ok;
  }
  for (const issue of shown) err.write(`${formatIssue(issue)}\n`);
  if (failed) {
    const count = issues.filter((i) => i.severity === 'error').length;
    err.write(`\n✗ ${options.data}: ${count} error${count === 1 ? '' : 's'}; fix them and run \`ets-brief check\` again.\n`);
    return EXIT.data;
  }
  out.write(`✓ ${options.data}: ${result.summary.length} datasets valid\n\n${summaryTable(result.summary)}\n\n`);
  const count = (v: string) => findings.filter((f) => f.verdict === v).length;
  out.write(
    `Reconciliation of ${findings.length} printed numbers: ${VERDICTS.map((v) => `${count(v)} ${v}`).join(', ')} (disagreements are the warnings above; \`ets-brief metrics\` lists every verdict with its reason).\n`,
  );
  return EXIT.ok;
}

async function checkDescriptor(dir: string, expected: string): Promise<DataIssue[]> {
  const file = join(dir, 'datapackage.json');
  let actual: string;
  try {
    actual = (await readRegularFile(file)).toString('utf8'); // a FIFO or a device is refused, not waited on
  } catch (error) {
    if (error instanceof InputError && error.issue.message !== 'file not found') return [{ ...error.issue, severity: 'warning' }];
    return [{ file, severity: 'warning', message: 'datapackage.json is missing; run `npx ets-brief datapackage` to write it' }];
  }
  return actual === expected
    ? []
    : [{ file, severity: 'warning', message: 'datapackage.json does not match the data and schemas; run `npx ets-brief datapackage` to rewrite it' }];
}

/** A printed number recomputation contradicts, located in the source paper rather than a file. */
function disagreement(dir: string, f: Finding): DataIssue {
  const printed = f.printedHigh !== undefined ? `${f.printed}–${f.printedHigh}` : `${f.qualifier === 'exact' ? '' : `${f.qualifier} `}${f.printed}`;
  return {
    file: join(dir, `${f.dataset}.csv`),
    severity: 'warning',
    message: `paper ${f.ref || '(no reference)'} prints ${printed} ${f.unit} ("${f.claim}"), recomputed ${f.recomputed === null ? '—' : Number(f.recomputed.toPrecision(6))} ${f.unit}: ${f.reason ?? f.method} [${f.id}]`,
  };
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function summaryTable(summary: readonly DatasetSummary[]): string {
  const rows = summary.map((s) => [s.name, String(s.rows), s.range ? `${s.range[0]} – ${s.range[1]}` : '']);
  const head = ['dataset', 'rows', 'covers'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
