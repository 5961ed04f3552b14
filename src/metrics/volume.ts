import type { Data } from '../data/datasets/index.js';
import { yearsIn } from './period.js';
import { dailyStats } from './daily.js';
import { factOver, factsFor, periodOf } from './select.js';
import { combine, statedPrecision } from './precision.js';
import { metric, sourcesOf, unavailable, type Metric, type Window } from './types.js';

export interface VolumeComparison {
  /** The common window: from the subject's launch to the end of its latest cumulative volume. */
  readonly window: Window | null;
  readonly subject: { readonly total: Metric; readonly perYear: Metric };
  readonly reference: { readonly total: Metric; readonly perYear: Metric };
  /** Subject's volume as a percentage of the reference's over the window. */
  readonly ratio: Metric;
}

/**
 * The subject market's cumulative traded volume since launch against the reference market's over
 * the same dates (the paper's "under 2%"), and both annualised over the window.
 */
export function compareTradedVolume(data: Data, subject: string, reference: string, windowOverride?: Window): VolumeComparison {
  const launch = data.markets.find((m) => m.id === subject)?.launch_date ?? undefined;
  const cumulative = factsFor(data, subject, 'traded-volume')
    .filter((f) => f.value !== null && f.period_start === launch && f.period_end !== null)
    .sort((a, b) => a.period_end!.localeCompare(b.period_end!))
    .at(-1);
  if (!cumulative && !windowOverride) {
    const why = `no traded-volume fact for ${subject} starting at its launch date`;
    const none = unavailable('t', 'cumulative traded volume since launch', why);
    return { window: null, subject: { total: none, perYear: none }, reference: { total: none, perYear: none }, ratio: unavailable('%', 'volume ratio', why) };
  }
  const window = windowOverride ?? (periodOf(cumulative!) as Window);
  const years = yearsIn(window);
  // A volume stated for exactly the window, else the sum of daily volumes over it.
  const total = (market: string): Metric => {
    const f = factOver(data, market, 'traded-volume', window);
    if (f && f.value !== null) {
      return metric({
        value: f.value,
        unit: 't',
        period: window,
        method: `traded volume stated for ${market} over the window`,
        inputs: [{ dataset: 'facts', rows: [f.id] }],
        sources: sourcesOf([f]),
        precision: statedPrecision(f.value, f.qualifier),
      });
    }
    const daily = dailyStats(data, market, window)?.volume;
    if (daily && daily.value !== null) return daily;
    return unavailable(
      't',
      `traded volume of ${market} over the window`,
      `no traded-volume fact or daily volumes for ${market} over ${window.start} – ${window.end}`,
      window,
    );
  };
  const perYear = (m: Metric): Metric =>
    m.value === null
      ? { ...m, unit: 't/yr' }
      : { ...m, value: m.value / years, unit: 't/yr', method: `${m.method}, divided by the window's ${years.toFixed(3)} years` };
  const s = total(subject);
  const r = total(reference);
  const ratio =
    s.value !== null && r.value !== null
      ? metric({
          value: (s.value / r.value) * 100,
          unit: '%',
          period: window,
          method: `${subject} volume ÷ ${reference} volume over the same window × 100`,
          inputs: [...s.inputs, ...r.inputs],
          sources: [...s.sources, ...r.sources],
          precision: combine(s.precision, r.precision),
        })
      : unavailable('%', `${subject} volume ÷ ${reference} volume`, r.missing ?? s.missing ?? 'a volume is missing', window);
  return { window, subject: { total: s, perYear: perYear(s) }, reference: { total: r, perYear: perYear(r) }, ratio };
}
