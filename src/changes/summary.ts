import type { ChangeReport, NumberState } from './compare.js';

/** Items listed per kind on the terminal; the report has them all. */
const SHOWN = 5;

/** How a change report reads on the terminal (after `build`, and from `diff`): flips in full, the rest counted. */
export function summaryLines(report: ChangeReport, kept = false): string[] {
  const lang = report.lang;
  if (!report.before) return [`${lang}: first build of this folder: nothing to compare with`, ...stateLines(report)];
  if (!report.changed) {
    return [
      `${lang}: nothing the brief states changed since the earlier build${kept ? ' (its change report still describes the change before)' : ''}`,
      ...stateLines(report),
    ];
  }
  const lines = [`${lang}: changes since the earlier build (data as of ${report.before.asOf} → ${report.after.asOf})`];
  for (const s of report.sentences.filter((x) => x.change === 'flipped')) {
    lines.push(`  FLIPPED ${s.slot} (${s.flips.map((f) => `${f.before} → ${f.after}`).join(', ')}): "${s.after!.text}"`);
  }
  if (report.numbers.length > 0) {
    lines.push(
      `  numbers: ${counted(report.numbers.map((n) => n.change))}: ${shown(report.numbers.map((n) => `${n.id} ${numberText(n.before)} → ${numberText(n.after)}`))}`,
    );
  }
  const others = report.sentences.filter((x) => x.change !== 'flipped');
  if (others.length > 0) lines.push(`  sentences: ${counted(others.map((s) => s.change))}: ${shown(others.map((s) => s.slot))}`);
  if (report.charts.length > 0) {
    lines.push(
      `  charts: ${shown(report.charts.map((c) => `${c.chart} (${c.change === 'changed' ? counted([...c.rows.changed.map(() => 'changed'), ...c.rows.added.map(() => 'added'), ...c.rows.removed.map(() => 'removed')], 'row') || 'columns changed' : c.change})`))}`,
    );
  }
  const outline = [
    ...report.sections.map((s) => `section ${s.id} ${s.change}`),
    ...report.figures.map((f) => `${f.chart} ${f.change}${f.change === 'renumbered' ? ` (${f.before!.number} → ${f.after!.number})` : ''}`),
  ];
  if (outline.length > 0) lines.push(`  sections and figures: ${shown(outline)}`);
  return [...lines, ...stateLines(report)];
}

/** What stands whether or not anything changed: data used nowhere, charts left empty. */
function stateLines(report: ChangeReport): string[] {
  const lines: string[] = [];
  if (report.notCompared.length > 0) lines.push(`  not compared (the earlier build did not record them): ${report.notCompared.join(', ')}`);
  if (report.unused.length > 0) {
    lines.push(
      `  data used nowhere: ${shown(report.unused.map((u) => `${u.dataset} from ${u.source} (${u.rows} rows${u.first ? `, ${u.first === u.last ? u.first : `${u.first} – ${u.last}`}` : ''})${u.new ? ' NEW' : ''}`))}`,
    );
  }
  if (report.emptyCharts.length > 0) lines.push(`  charts left empty: ${report.emptyCharts.map((c) => c.chart).join(', ')}`);
  return lines;
}

/** The report in one JSON event: what a script needs to decide, and where the report is. */
export function summaryEvent(report: ChangeReport): Record<string, unknown> {
  return {
    lang: report.lang,
    first: report.before === null,
    changed: report.changed,
    flipped: report.sentences.filter((s) => s.change === 'flipped').map((s) => s.slot),
    counts: {
      numbers: report.numbers.length,
      sentences: report.sentences.length,
      charts: report.charts.length,
      sections: report.sections.length,
      figures: report.figures.length,
      unused: report.unused.length,
      unusedNew: report.unused.filter((u) => u.new).length,
      emptyCharts: report.emptyCharts.length,
    },
  };
}

function numberText(n: NumberState | null): string {
  return n ? `${n.text}${n.verdict ? ` [${n.verdict}]` : ''}` : '(none)';
}

/** "2 changed, 1 added" in the order first met. */
function counted(kinds: readonly string[], noun = ''): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n}${noun ? ` ${noun}${n === 1 ? '' : 's'}` : ''} ${k}`).join(', ');
}

function shown(items: readonly string[]): string {
  return items.slice(0, SHOWN).join('; ') + (items.length > SHOWN ? `; and ${items.length - SHOWN} more` : '');
}
