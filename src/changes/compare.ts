import type { InputRef, Verdict } from '../metrics/index.js';
import type { FigureOutline, LedgerEntry, SectionOutline, StatedSentence, UnusedRows } from '../render/ledger.js';
import type { BriefSnapshot } from './snapshot.js';
import { diffRows, type RowChanges } from './table-diff.js';

/**
 * What changed in one language of a brief between two builds: the numbers it states, its
 * sentences (those that now say the opposite first), its charts' data, its sections and figure
 * numbers; and, as they stand now, the data it leaves unused and the charts left empty. Pure:
 * two snapshots in, a report out (see snapshot.ts for reading them, report-*.ts for writing).
 */
export interface ChangeReport {
  readonly lang: string;
  /** The earlier build's data date, or null when there was none to compare with. */
  readonly before: { readonly asOf: string } | null;
  readonly after: { readonly asOf: string };
  /** Whether anything below differs from the earlier build, unused data included (false on a first build). */
  readonly changed: boolean;
  readonly sentences: readonly SentenceChange[];
  readonly numbers: readonly NumberChange[];
  readonly charts: readonly ChartChange[];
  readonly sections: readonly SectionChange[];
  readonly figures: readonly FigureChange[];
  /** Data the brief uses nowhere, now; `new` marks what the earlier build did not leave unused. */
  readonly unused: readonly (UnusedRows & { readonly new: boolean })[];
  /** Charts the brief places but cannot draw (no data), or drawn from a table without rows. */
  readonly emptyCharts: readonly { readonly chart: string; readonly section: string | null; readonly why: 'no-data' | 'no-rows' }[];
  /** What the earlier build did not record (an older ets-brief), so was not compared. */
  readonly notCompared: readonly ('sentences' | 'outline' | 'unused')[];
}

export interface SentenceState {
  readonly key: string;
  readonly text: string;
  readonly comparisons: readonly string[];
}

/**
 * flipped: a comparison now goes the other way ("under" → "over", "rose" → "fell");
 * reworded: another wording in the same place; restated: the same wording with other numbers or
 * names; added, removed: a sentence the brief now states, or no longer states.
 */
export type SentenceChangeKind = 'flipped' | 'reworded' | 'restated' | 'added' | 'removed';

export interface SentenceChange {
  readonly slot: string;
  readonly change: SentenceChangeKind;
  readonly before: SentenceState | null;
  readonly after: SentenceState | null;
  /** For a flip: each comparison word that changed, as i18n keys. */
  readonly flips: readonly { readonly before: string; readonly after: string }[];
}

export interface NumberState {
  readonly text: string;
  readonly value: number | null;
  readonly unit: string | null;
  readonly verdict: Verdict | null;
}

export interface NumberChange {
  /** The ledger id (where it is stated); a second, different number under one id is `id#2`. */
  readonly id: string;
  readonly change: 'changed' | 'added' | 'removed';
  readonly before: NumberState | null;
  readonly after: NumberState | null;
  /** The data rows behind it (now, or before when it was removed). */
  readonly rows: readonly InputRef[];
}

export interface ChartChange {
  readonly chart: string;
  readonly change: 'changed' | 'added' | 'removed';
  readonly rowCount: { readonly before: number | null; readonly after: number | null };
  /** Set when the header changed. */
  readonly columns: { readonly before: readonly string[]; readonly after: readonly string[] } | null;
  readonly rows: RowChanges;
}

export interface SectionChange {
  readonly id: string;
  readonly change: 'added' | 'removed' | 'moved' | 'retitled';
  readonly before: { readonly position: number; readonly title: string } | null;
  readonly after: { readonly position: number; readonly title: string } | null;
}

export interface FigureChange {
  readonly chart: string;
  readonly change: 'added' | 'removed' | 'renumbered' | 'retitled';
  readonly before: FigureOutline | null;
  readonly after: FigureOutline | null;
}

const SENTENCE_ORDER: readonly SentenceChangeKind[] = ['flipped', 'reworded', 'restated', 'added', 'removed'];

/** Compares `after` with `before` (null on the first build of a folder). */
export function compareBriefs(before: BriefSnapshot | null, after: BriefSnapshot): ChangeReport {
  const notCompared = before ? [...new Set([...before.unrecorded, ...after.unrecorded])] : [];
  const unusedBefore = before && !notCompared.includes('unused') ? before.ledger.unused : null;
  const unused = after.ledger.unused.map((u) => ({
    ...u,
    new: unusedBefore !== null && !unusedBefore.some((b) => b.dataset === u.dataset && b.source === u.source && b.rows >= u.rows),
  }));
  const emptyCharts = [
    ...after.ledger.figures.filter((f) => f.number === null).map((f) => ({ chart: f.chart, section: f.section, why: 'no-data' as const })),
    ...Object.entries(after.charts)
      .filter(([, t]) => t.rows.length === 0)
      .map(([chart]) => ({ chart, section: after.ledger.figures.find((f) => f.chart === chart)?.section ?? null, why: 'no-rows' as const })),
  ];
  const lists = (l: Pick<ChangeReport, 'sentences' | 'numbers' | 'charts' | 'sections' | 'figures'>) => ({
    sentences: l.sentences,
    numbers: l.numbers,
    charts: l.charts,
    sections: l.sections,
    figures: l.figures,
  });
  const state = { unused, emptyCharts, notCompared };
  const lang = after.ledger.lang;
  if (!before)
    return {
      lang,
      before: null,
      after: { asOf: after.ledger.asOf },
      changed: false,
      ...lists({ sentences: [], numbers: [], charts: [], sections: [], figures: [] }),
      ...state,
    };
  const outline = !notCompared.includes('outline');
  const found = lists({
    sentences: notCompared.includes('sentences') ? [] : compareSentences(before.ledger.sentences, after.ledger.sentences),
    numbers: compareNumbers(before.ledger.numbers, after.ledger.numbers),
    charts: compareCharts(before.charts, after.charts),
    sections: outline ? compareSections(before.ledger.sections, after.ledger.sections) : [],
    figures: outline ? compareFigures(before.ledger.figures, after.ledger.figures) : [],
  });
  const unusedMoved = unusedBefore !== null && JSON.stringify(unusedBefore) !== JSON.stringify(after.ledger.unused);
  const changed = Object.values(found).some((list) => list.length > 0) || unusedMoved;
  return { lang, before: { asOf: before.ledger.asOf }, after: { asOf: after.ledger.asOf }, changed, ...found, ...state };
}

export function compareSentences(before: readonly StatedSentence[], after: readonly StatedSentence[]): SentenceChange[] {
  const state = (s: StatedSentence): SentenceState => ({ key: s.key, text: s.text, comparisons: s.comparisons });
  const old = new Map(before.map((s) => [s.slot, s]));
  const now = new Set(after.map((s) => s.slot));
  const out: SentenceChange[] = [];
  for (const s of after) {
    const was = old.get(s.slot);
    if (!was) {
      out.push({ slot: s.slot, change: 'added', before: null, after: state(s), flips: [] });
      continue;
    }
    const flips = flipsBetween(was.comparisons, s.comparisons);
    const change: SentenceChangeKind | null =
      flips.length > 0 ? 'flipped' : was.key !== s.key || !sameList(was.comparisons, s.comparisons) ? 'reworded' : was.text !== s.text ? 'restated' : null;
    if (change) out.push({ slot: s.slot, change, before: state(was), after: state(s), flips });
  }
  for (const s of before) if (!now.has(s.slot)) out.push({ slot: s.slot, change: 'removed', before: state(s), after: null, flips: [] });
  // Stable: within a kind, the brief's order.
  return out.sort((a, b) => SENTENCE_ORDER.indexOf(a.change) - SENTENCE_ORDER.indexOf(b.change));
}

/** The comparisons that went the other way: only when both sentences make the same comparisons. */
function flipsBetween(before: readonly string[], after: readonly string[]): { before: string; after: string }[] {
  if (before.length === 0 || before.length !== after.length) return [];
  return before.flatMap((b, i) => (b === after[i] ? [] : [{ before: b, after: after[i]! }]));
}

/**
 * Quantities and words from data ("number" and "text" entries), by ledger id. Labels (dates,
 * years, names) are left to the sentences that state them: their id is their value.
 */
export function compareNumbers(before: readonly LedgerEntry[], after: readonly LedgerEntry[]): NumberChange[] {
  const old = numbersById(before);
  const now = numbersById(after);
  const out: NumberChange[] = [];
  for (const [id, entry] of now) {
    const was = old.get(id);
    const state = numberState(entry);
    if (!was) out.push({ id, change: 'added', before: null, after: state, rows: entry.rows });
    else if (!sameNumber(numberState(was), state)) out.push({ id, change: 'changed', before: numberState(was), after: state, rows: entry.rows });
  }
  for (const [id, entry] of old) if (!now.has(id)) out.push({ id, change: 'removed', before: numberState(entry), after: null, rows: entry.rows });
  return out;
}

/** Entries by id; an id stated again with the same number is one, with another number `id#2`. */
function numbersById(entries: readonly LedgerEntry[]): Map<string, LedgerEntry> {
  const byId = new Map<string, LedgerEntry>();
  const seen = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    if (e.kind === 'label') continue;
    const same = seen.get(e.id) ?? [];
    if (same.some((x) => sameNumber(numberState(x), numberState(e)))) continue;
    same.push(e);
    seen.set(e.id, same);
    byId.set(same.length === 1 ? e.id : `${e.id}#${same.length}`, e);
  }
  return byId;
}

function numberState(e: LedgerEntry): NumberState {
  return { text: e.text, value: e.value ?? null, unit: e.unit ?? null, verdict: e.verdict ?? null };
}

function sameNumber(a: NumberState, b: NumberState): boolean {
  return a.text === b.text && a.value === b.value && a.unit === b.unit && a.verdict === b.verdict;
}

export function compareCharts(before: BriefSnapshot['charts'], after: BriefSnapshot['charts']): ChartChange[] {
  const out: ChartChange[] = [];
  const none = { columns: [], rows: [] };
  for (const [chart, table] of Object.entries(after)) {
    const was = before[chart];
    const columns = was && !sameList(was.columns, table.columns) ? { before: was.columns, after: table.columns } : null;
    const rows = diffRows(was ?? none, table);
    if (was && !columns && rows.added.length + rows.removed.length + rows.changed.length === 0) continue;
    out.push({ chart, change: was ? 'changed' : 'added', rowCount: { before: was ? was.rows.length : null, after: table.rows.length }, columns, rows });
  }
  for (const [chart, table] of Object.entries(before)) {
    if (!(chart in after))
      out.push({ chart, change: 'removed', rowCount: { before: table.rows.length, after: null }, columns: null, rows: diffRows(table, none) });
  }
  return out.sort((a, b) => a.chart.localeCompare(b.chart));
}

export function compareSections(before: readonly SectionOutline[], after: readonly SectionOutline[]): SectionChange[] {
  const ids = (list: readonly SectionOutline[]) => list.map((s) => s.id);
  const common = ids(after).filter((id) => ids(before).includes(id));
  const orderBefore = ids(before).filter((id) => common.includes(id));
  const out: SectionChange[] = [];
  for (const [i, s] of after.entries()) {
    const j = ids(before).indexOf(s.id);
    const now = { position: i + 1, title: s.title };
    if (j === -1) out.push({ id: s.id, change: 'added', before: null, after: now });
    else {
      const was = { position: j + 1, title: before[j]!.title };
      // Moved: its place among the sections both builds have changed (not shifted by one added).
      if (orderBefore.indexOf(s.id) !== common.indexOf(s.id)) out.push({ id: s.id, change: 'moved', before: was, after: now });
      else if (was.title !== now.title) out.push({ id: s.id, change: 'retitled', before: was, after: now });
    }
  }
  for (const [j, s] of before.entries())
    if (!ids(after).includes(s.id)) out.push({ id: s.id, change: 'removed', before: { position: j + 1, title: s.title }, after: null });
  return out;
}

/** By chart: a figure is shown when it has a number; one shown in only one build was added or removed. */
export function compareFigures(before: readonly FigureOutline[], after: readonly FigureOutline[]): FigureChange[] {
  const shown = (list: readonly FigureOutline[]) => new Map(list.filter((f) => f.number !== null).map((f) => [f.chart, f]));
  const [old, now] = [shown(before), shown(after)];
  const out: FigureChange[] = [];
  for (const [chart, f] of now) {
    const was = old.get(chart);
    const change = !was ? 'added' : was.number !== f.number ? 'renumbered' : was.title !== f.title ? 'retitled' : null;
    if (change) out.push({ chart, change, before: was ?? null, after: f });
  }
  for (const [chart, f] of old) if (!now.has(chart)) out.push({ chart, change: 'removed', before: f, after: null });
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
