import Handlebars from 'handlebars';
import { FONT_FAMILY } from '../fonts/noto-sans-sc.js';
import type { InputRef } from '../metrics/index.js';
import { fill } from '../render/format.js';
import type { ChangeReport, NumberState, SentenceChange } from './compare.js';
import { reportWords, type ReportWords } from './words.js';

/** Rows of a chart's change shown in the page; the JSON report holds them all. */
const MAX_ROWS = 50;

// The brief's escaping: every value from data is text (Handlebars' escaping, as the templates use).
const esc = (value: unknown): string => Handlebars.escapeExpression(String(value ?? ''));

/**
 * changes.html: the change report as one standalone page (inline CSS, no script, no request), in
 * the brief's language. Everything that comes from data or the brief is escaped. `fontCss` embeds
 * the brief's typeface cut to the page's characters (see report-files.ts), as the brief does.
 */
export function reportHtml(report: ChangeReport, fontCss = ''): string {
  const w = reportWords(report.lang);
  const parts = [`<h1>${esc(w.title)}</h1>`, `<p>${esc(intro(report, w))}</p>`];
  if (report.notCompared.length > 0) {
    parts.push(
      `<p class="note">${esc(fill(w.notCompared, { parts: report.notCompared.map((p) => w.notComparedParts[p]).join(report.lang === 'zh-CN' ? '、' : ', ') }, 'notCompared'))}</p>`,
    );
  }
  if (report.before) {
    const flipped = report.sentences.filter((s) => s.change === 'flipped');
    parts.push(`<h2 class="flipped">${esc(w.flipped)}</h2>`, flipped.length > 0 ? sentenceTable(flipped, w) : `<p>${esc(w.flippedNone)}</p>`);
    parts.push(
      `<h2>${esc(w.numbers)}</h2>`,
      report.numbers.length > 0
        ? table(
            [w.columns.where, w.columns.change, w.columns.before, w.columns.after, w.columns.verdict, w.columns.rows],
            report.numbers.map((n) => [
              code(n.id),
              kind(w.changes[n.change]!),
              numberCell(n.before),
              numberCell(n.after),
              verdictCell(n.before, n.after, w),
              rowsCell(n.rows),
            ]),
          )
        : none(w),
    );
    const others = report.sentences.filter((s) => s.change !== 'flipped');
    parts.push(`<h2>${esc(w.sentences)}</h2>`, others.length > 0 ? sentenceTable(others, w) : none(w));
    parts.push(`<h2>${esc(w.charts)}</h2>`, report.charts.length > 0 ? report.charts.map((c) => chartBlock(c, w)).join('\n') : none(w));
    const outline = [
      ...report.sections.map((s) => [
        esc(w.columns.section),
        code(s.id),
        esc(w.changes[s.change]),
        esc(s.before ? `${s.before.position}. ${s.before.title}` : ''),
        esc(s.after ? `${s.after.position}. ${s.after.title}` : ''),
      ]),
      ...report.figures.map((f) => [
        esc(w.columns.chart),
        code(f.chart),
        esc(w.changes[f.change]),
        esc(f.before ? `${f.before.number} ${f.before.title}` : ''),
        esc(f.after ? `${f.after.number} ${f.after.title}` : ''),
      ]),
    ];
    parts.push(
      `<h2>${esc(w.outline)}</h2>`,
      outline.length > 0 ? table(['', w.columns.where, w.columns.change, w.columns.before, w.columns.after], outline) : none(w),
    );
  }
  parts.push(
    `<h2>${esc(w.unused)}</h2>`,
    report.unused.length > 0
      ? table(
          [w.columns.dataset, w.columns.source, w.columns.rows, w.columns.span, w.columns.new],
          report.unused.map((u) => [
            code(u.dataset),
            code(u.source),
            esc(u.rows),
            esc(u.first === undefined ? '' : u.first === u.last ? u.first : `${u.first} – ${u.last}`),
            u.new ? `<strong>${esc(w.yes)}</strong>` : '',
          ]),
        )
      : `<p>${esc(w.unusedNone)}</p>`,
    `<p class="note">${esc(w.unusedNote)}</p>`,
  );
  parts.push(
    `<h2>${esc(w.empty)}</h2>`,
    report.emptyCharts.length > 0
      ? `<ul>${report.emptyCharts.map((c) => `<li>${code(c.chart)}${c.section ? ` (${code(c.section)})` : ''}: ${esc(w.emptyWhy[c.why])}</li>`).join('')}</ul>`
      : none(w),
  );
  return `<!doctype html>
<html lang="${esc(report.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ets-brief">
<title>${esc(w.title)}</title>
<style>${fontCss}${fontCss ? '\n' : ''}${STYLE}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}

function intro(report: ChangeReport, w: ReportWords): string {
  if (!report.before) return w.first;
  const compared = fill(w.compared, { before: report.before.asOf, after: report.after.asOf }, 'compared');
  return report.changed ? compared : `${compared} ${w.unchanged}`;
}

function sentenceTable(list: readonly SentenceChange[], w: ReportWords): string {
  return table(
    [w.columns.where, w.columns.change, w.columns.before, w.columns.after],
    list.map((s) => [code(s.slot), kind(w.changes[s.change]!), esc(s.before?.text ?? ''), esc(s.after?.text ?? '')]),
  );
}

function chartBlock(c: ChangeReport['charts'][number], w: ReportWords): string {
  const counts = fill(
    w.rowCounts,
    {
      before: c.rowCount.before ?? 0,
      after: c.rowCount.after ?? 0,
      added: c.rows.added.length,
      removed: c.rows.removed.length,
      changed: c.rows.changed.length,
    },
    'rowCounts',
  );
  const rows = [
    ...c.rows.changed.map((r) => [esc(w.changes.changed), esc(r.before.join(' | ')), esc(r.after.join(' | '))]),
    ...c.rows.added.map((r) => [esc(w.changes.added), '', esc(r.join(' | '))]),
    ...c.rows.removed.map((r) => [esc(w.changes.removed), esc(r.join(' | ')), '']),
  ];
  const shown = rows.slice(0, MAX_ROWS);
  return [
    `<h3>${code(`${c.chart}.csv`)} (${esc(w.changes[c.change])})</h3>`,
    `<p>${esc(counts)}</p>`,
    c.columns ? `<p>${esc(fill(w.columnsChanged, { before: c.columns.before.join(' | '), after: c.columns.after.join(' | ') }, 'columnsChanged'))}</p>` : '',
    shown.length > 0 ? table([w.columns.change, w.columns.before, w.columns.after], shown) : '',
    rows.length > MAX_ROWS ? `<p>${esc(fill(w.more, { n: rows.length - MAX_ROWS }, 'more'))}</p>` : '',
  ].join('\n');
}

function numberCell(n: NumberState | null): string {
  if (!n) return '';
  // The value beside the text, to six figures: it shows a change the rounded text hides (changes.json has it unrounded).
  return `${esc(n.text)}${n.value === null ? '' : ` <span class="raw">(${esc(Number(n.value.toPrecision(6)))}${n.unit ? ` ${esc(n.unit)}` : ''})</span>`}`;
}

function verdictCell(before: NumberState | null, after: NumberState | null, w: ReportWords): string {
  const name = (n: NumberState | null) => (n?.verdict ? (w.verdicts[n.verdict] ?? n.verdict) : '');
  if (!before || !after || before.verdict === after.verdict) return esc(name(after ?? before));
  return `<strong>${esc(name(before) || '—')} → ${esc(name(after) || '—')}</strong>`;
}

function rowsCell(rows: readonly InputRef[]): string {
  return rows.map((r) => `${code(r.dataset)}: ${esc(r.rows.slice(0, 8).join(', '))}${r.rows.length > 8 ? ` … (${r.rows.length})` : ''}`).join('<br>');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<table><thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The kind of a change, kept on one line. */
function kind(text: string): string {
  return `<span class="kind">${esc(text)}</span>`;
}

function code(text: string): string {
  return `<code>${esc(text)}</code>`;
}

function none(w: ReportWords): string {
  return `<p>${esc(w.none)}</p>`;
}

const STYLE = [
  `body{margin:0;background:#fff;color:#1a1a1a;font:15px/1.6 '${FONT_FAMILY}',"Noto Sans SC","Noto Sans CJK SC",sans-serif}`,
  'main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}',
  'h1{font-size:1.7rem;margin:0 0 .6rem}',
  'h2{font-size:1.25rem;margin:2rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid #1f4e79}',
  'h2.flipped{border-color:#c0504d;color:#8b1e1b}',
  'h3{font-size:1.05rem;margin:1.2rem 0 .4rem}',
  'table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:.9rem}',
  'th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:start;vertical-align:top}',
  'th{background:#f2f5f8}',
  'code{font-size:.85em;overflow-wrap:anywhere}',
  '.raw{color:#666;font-size:.85em}',
  '.kind{white-space:nowrap}',
  '.note{color:#555;font-size:.9rem}',
].join('\n');
