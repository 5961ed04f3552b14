import type { Data } from '../../data/datasets/index.js';
import type { Metrics } from '../../metrics/index.js';
import type { Lang } from '../format.js';
import type { Ledger } from '../ledger.js';

/**
 * The shapes of a brief's view: everything it shows, in one language, as plain text and numbers
 * that the templates only lay out.
 */

export interface Paragraph {
  readonly text: string;
  /** Footnote numbers of the sources behind the sentence. */
  readonly cites: readonly number[];
}

export interface KeyFigure {
  readonly label: string;
  readonly value: string;
  readonly note: string;
  readonly cites: readonly number[];
}

export interface TableView {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per row, whether the row is flagged (e.g. it does not add up). */
  readonly flagged?: readonly boolean[];
  readonly cites: readonly number[];
}

export interface SourceView {
  readonly n: number;
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  readonly url: string | null;
  readonly retrieved: string;
}

export interface ListItem {
  readonly title: string;
  readonly text: string;
}

export interface BriefView {
  readonly lang: Lang;
  readonly title: string;
  readonly subtitle: string;
  /** The latest observation of any series (not the day files were read): dates the PDF too. */
  readonly asOfIso: string;
  readonly asOf: string;
  /** How far each series reaches, per market and measure, for the cover. */
  readonly reach: readonly string[];
  /** When the sources were read, stated apart from the data's reach. */
  readonly readOn: string | null;
  readonly keyFigures: readonly KeyFigure[];
  readonly global: readonly Paragraph[];
  readonly phases: {
    readonly intro: Paragraph | null;
    readonly table: TableView | null;
    readonly lines: readonly Paragraph[];
    readonly volumes: Paragraph | null;
  };
  readonly mechanisms: readonly Paragraph[];
  readonly results: {
    readonly revenue: Paragraph | null;
    readonly emissions: readonly Paragraph[];
    readonly decoupling: readonly Paragraph[];
    readonly power: Paragraph | null;
    readonly powerTable: TableView | null;
    readonly powerRegion: Paragraph | null;
    readonly powerCompared: TableView | null;
    readonly powerComparedNote: Paragraph | null;
  };
  readonly problems: {
    readonly overAllocation: Paragraph;
    readonly company: Paragraph | null;
    readonly companyRecomputed: readonly Paragraph[];
    readonly phaseTrends: readonly Paragraph[];
  };
  readonly compared: readonly Paragraph[];
  readonly recommendations: readonly ListItem[];
  readonly outlook: readonly ListItem[];
  readonly notes: { readonly intro: Paragraph; readonly findings: TableView; readonly gaps: Paragraph | null };
  readonly sources: readonly SourceView[];
  /** Footnote numbers for each chart's sources. */
  readonly chartCites: Readonly<Record<string, readonly number[]>>;
  /** Every number the view states: written as numbers.json. */
  readonly ledger: Ledger;
}

export interface ViewContext {
  readonly data: Data;
  readonly metrics: Metrics;
  readonly lang: Lang;
  readonly t: (key: string) => string;
  /** Per section, in reading order, the charts it shows and their sources (cited after its text). */
  readonly chartsBySection?: Readonly<Record<string, readonly { readonly id: string; readonly sources: readonly string[] }[]>>;
  /** Sources a brief's templates cite by id ({{cite "…"}}), numbered after the view's own. */
  readonly templateCites?: readonly string[];
  /** The brief's powerMix.highlight: the energy sources (power-generation.csv source types) the power paragraph follows, in order. */
  readonly powerHighlight?: readonly string[];
}
