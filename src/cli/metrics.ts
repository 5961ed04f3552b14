import { formatIssue } from '../data/errors.js';
import { loadData } from '../data/load.js';
import { describePeriod } from '../metrics/period.js';
import { loadBrief, resolveSettings } from '../pipeline/config.js';
import { flatten, metricCatalogue } from '../metrics/catalogue.js';
import { computeMetrics, type Finding } from '../metrics/index.js';
import { EXIT } from './exit.js';

/** Prints every metric: JSON (unrounded, stable key order) or a readable table. */
export async function runMetrics(
  options: { data: string; json?: boolean; window?: string; list?: boolean; brief?: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let window: { start: string; end: string } | undefined;
  if (options.window !== undefined) {
    const m = /^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(options.window);
    if (!m || m[1]! > m[2]!) {
      err.write(`ets-brief metrics: --window expects START:END as ISO dates, START not after END (got "${options.window}")\n`);
      return EXIT.usage;
    }
    window = { start: m[1]!, end: m[2]! };
  }
  const result = await loadData(options.data);
  if (!result.data) {
    for (const issue of result.issues) err.write(`${formatIssue(issue)}\n`);
    err.write('\n✗ metrics not computed: the data has errors (see `ets-brief check`).\n');
    return EXIT.data;
  }
  let comparison = resolveSettings(undefined).comparison;
  if (options.brief !== undefined) {
    try {
      comparison = resolveSettings(await loadBrief(options.brief)).comparison;
    } catch (error) {
      err.write(`ets-brief metrics: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const metrics = computeMetrics(result.data, { ...comparison, window });
  if (options.list) {
    // The catalogue for a brief's authors: the names {{metric "…"}} takes.
    const entries = [...metricCatalogue(metrics)].map(([name, m]) => ({
      name,
      unit: m.unit,
      meaning: m.method,
      value: m.value,
      ...(m.value === null ? { missing: m.missing ?? null } : {}),
    }));
    out.write(
      options.json
        ? `${JSON.stringify(entries, null, 2)}\n`
        : `${table(
            ['name', 'unit', 'value', 'meaning'],
            entries.map((e) => [
              e.name,
              e.unit,
              e.value === null ? '—' : show(e.value),
              e.value === null ? `${e.meaning} (no value: ${e.missing ?? 'not available'})` : e.meaning,
            ]),
          )}\n`,
    );
    return EXIT.ok;
  }
  if (options.json) {
    out.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return EXIT.ok;
  }
  const { reconciliation, ...rest } = metrics;
  out.write(
    `${table(
      ['metric', 'value', 'unit', 'period', 'scope'],
      flatten(rest).map(([path, m]) => [path, show(m.value, m.missing), m.unit, describePeriod(m.period), m.scope ?? '']),
    )}\n\n`,
  );
  out.write(`Printed numbers against recomputation (${reconciliation.rule}):\n\n`);
  out.write(`${table(['verdict', 'where', 'printed', 'recomputed', 'unit', 'id', 'reason'], reconciliation.findings.map(findingRow))}\n`);
  return EXIT.ok;
}

export function show(value: number | null, missing?: string): string {
  if (value === null) return `— (${missing ?? 'not available'})`;
  return Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(4) : String(Number(value.toPrecision(6)));
}

function findingRow(f: Finding): string[] {
  const printed = f.printedHigh !== undefined ? `${f.printed}–${f.printedHigh}` : `${f.qualifier === 'exact' ? '' : `${f.qualifier} `}${f.printed}`;
  return [f.verdict, f.ref, printed, show(f.recomputed), f.unit, f.id, f.reason ?? ''];
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
