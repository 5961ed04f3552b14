import type { InputRef, Metric, Period, Precision, Verdict } from '../metrics/index.js';

/**
 * The ledger of numbers: every number a brief states, with what it takes to defend it (value,
 * unit, scope, period, precision, the metric or rows behind it, sources, and the reconciliation
 * verdict when it is a number the paper printed). Written as numbers.json beside each brief; a
 * number in the brief's text that the ledger does not hold is a build error.
 */
export interface LedgerEntry {
  /** Where it is stated: the sentence key and placeholder, or table and cell. */
  readonly id: string;
  /** The text as printed ("about 2%", "2.3亿吨"). */
  readonly text: string;
  /**
   * number: a quantity the brief states; label: a date, year or ordinal that names a period or
   * item (2005–2007, Phase 3); text: words from a data row that contain digits ("10 industrial sectors").
   */
  readonly kind: 'number' | 'label' | 'text';
  readonly value?: number | null | undefined;
  readonly unit?: string | undefined;
  readonly period?: Period | undefined;
  /** How far the observations behind it reach, and whether they cover its whole period. */
  readonly coverage?: { readonly first: string; readonly last: string; readonly complete: boolean } | undefined;
  readonly scope?: string | undefined;
  readonly precision?: Precision | undefined;
  /** How it was computed (the metric's method). */
  readonly method?: string | undefined;
  readonly rows: readonly InputRef[];
  readonly sources: readonly string[];
  readonly verdict?: Verdict | undefined;
  readonly reason?: string | undefined;
}

/** Digit runs as a reader sees them: 2,162; 45.6; 2005 (a number's tokens, never its words). */
const NUMBER = /\d+(?:[.,]\d+)*/g;
/** Chemical formulas and similar names whose digits are not numbers. */
const NOT_NUMBERS = /\b(?:CO2e?|N2O|CH4|SF6|PM2\.5|U\+[0-9A-F]{4,6})\b/g;

export function numberTokens(text: string): string[] {
  return [...text.replace(NOT_NUMBERS, ' ').matchAll(NUMBER)].map((m) => m[0]);
}

/**
 * A sentence as the brief states it, kept so that a rebuild can say which sentences changed
 * wording (see src/changes/). Numbers in it are ledger entries of their own.
 */
export interface StatedSentence {
  /**
   * Where it stands, the same for each wording it may take ("compared.volume" whether under or over
   * the paper's threshold): a sentence is compared with the one in the same place before.
   */
  readonly slot: string;
  /** The i18n key of the wording used. */
  readonly key: string;
  readonly text: string;
  /**
   * Wordings chosen by comparing numbers (the sentence's own key when the comparison chose it,
   * "words.fellBy", "compared.outsideBand"…): when these differ, the sentence says the opposite.
   */
  readonly comparisons: readonly string[];
}

export class Ledger {
  private readonly list: LedgerEntry[] = [];
  private readonly tokens = new Set<string>();
  private readonly said: StatedSentence[] = [];
  private readonly slots = new Map<string, number>();

  /** Records an entry and returns its text, so a call sits where the number is written. */
  add(entry: LedgerEntry): string {
    this.list.push(entry);
    for (const token of numberTokens(entry.text)) this.tokens.add(token);
    return entry.text;
  }

  /** A number computed or read as a metric. */
  metric(id: string, m: Metric, text: string, extra: Partial<LedgerEntry> = {}): string {
    return this.add({
      id,
      text,
      kind: 'number',
      value: m.value,
      unit: m.unit,
      period: m.period,
      coverage: m.coverage,
      scope: m.scope,
      precision: m.precision,
      method: m.method,
      rows: m.inputs,
      sources: m.sources,
      ...(m.notComparable ? { reason: m.notComparable } : {}),
      ...extra,
    });
  }

  label(id: string, text: string): string {
    return this.add({ id, text, kind: 'label', rows: [], sources: [] });
  }

  /** Words from a data row, stated as they are. */
  text(id: string, text: string, rows: readonly InputRef[], sources: readonly string[]): string {
    return numberTokens(text).length === 0 ? text : this.add({ id, text, kind: 'text', rows, sources });
  }

  /** Whether every number in `text` is one the ledger holds. */
  holds(text: string): boolean {
    return numberTokens(text).every((t) => this.tokens.has(t));
  }

  has(token: string): boolean {
    return this.tokens.has(token);
  }

  entries(): readonly LedgerEntry[] {
    return this.list;
  }

  /** Records a sentence and returns its text; a slot stated again is told apart by its order ("slot#2"). */
  sentence(s: StatedSentence): string {
    const n = (this.slots.get(s.slot) ?? 0) + 1;
    this.slots.set(s.slot, n);
    this.said.push(n === 1 ? s : { ...s, slot: `${s.slot}#${n}` });
    return s.text;
  }

  sentences(): readonly StatedSentence[] {
    return this.said;
  }
}

/**
 * Numbers in a rendered page that the ledger does not hold, with the words around each. Figures
 * (each chart's CSV is its own ledger), styles, footnote markers, the head and the list of
 * sources are not statements and are skipped.
 */
export function unledgeredNumbers(html: string, ledger: Ledger): { token: string; context: string }[] {
  const text = html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    // A figure (its caption, SVG, description and data table) is drawn from its chart's own
    // data, which its CSV publishes row by row.
    .replace(/<figure[\s\S]*?<\/figure>/g, ' ')
    .replace(/<sup class="etsb-cite">[\s\S]*?<\/sup>/g, ' ')
    .replace(/<ol class="etsb-sources">[\s\S]*?<\/ol>/g, ' ')
    .replace(/<head>[\s\S]*?<\/head>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
  const out: { token: string; context: string }[] = [];
  const clean = text.replace(NOT_NUMBERS, (m) => ' '.repeat(m.length));
  for (const m of clean.matchAll(NUMBER)) {
    if (ledger.has(m[0])) continue;
    const at = m.index ?? 0;
    out.push({
      token: m[0],
      context: text
        .slice(Math.max(0, at - 40), at + m[0].length + 40)
        .replace(/\s+/g, ' ')
        .trim(),
    });
  }
  return out;
}

/** A section of the brief, in reading order. */
export interface SectionOutline {
  readonly id: string;
  readonly title: string;
}

/** A chart a section places: its figure number as the brief prints it, or null when data/ cannot draw it. */
export interface FigureOutline {
  readonly chart: string;
  readonly section: string;
  readonly number: string | null;
  readonly title: string | null;
}

/** Rows of one dataset that cite a source the brief cites nowhere (see unused.ts). */
export interface UnusedRows {
  readonly dataset: string;
  readonly source: string;
  readonly rows: number;
  /** The dates or years the rows span, when they have one. */
  readonly first?: string | undefined;
  readonly last?: string | undefined;
}

/** What numbers.json holds: everything a change report compares (see src/changes/). */
export interface LedgerDocument {
  readonly generator: 'ets-brief';
  readonly lang: string;
  readonly asOf: string;
  readonly reach: readonly string[];
  readonly numbers: readonly LedgerEntry[];
  readonly sentences: readonly StatedSentence[];
  readonly sections: readonly SectionOutline[];
  readonly figures: readonly FigureOutline[];
  readonly unused: readonly UnusedRows[];
}

/**
 * numbers.json: the ledger of one language's brief (its numbers and sentences), with its data
 * reach, its sections and figures as numbered, and the data it leaves unused.
 */
export function ledgerDocument(
  view: { readonly lang: string; readonly asOfIso: string; readonly reach: readonly string[]; readonly ledger: Ledger },
  outline: { readonly sections: readonly SectionOutline[]; readonly figures: readonly FigureOutline[]; readonly unused: readonly UnusedRows[] },
): string {
  const doc: LedgerDocument = {
    generator: 'ets-brief',
    lang: view.lang,
    asOf: view.asOfIso,
    reach: view.reach,
    numbers: view.ledger.entries(),
    sentences: view.ledger.sentences(),
    sections: outline.sections,
    figures: outline.figures,
    unused: outline.unused,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
