import type { SeriesReach } from '../../metrics/index.js';
import type { Writer } from './writer.js';

/**
 * The cover's dating: the data's as-of date (its latest observation, and which series reach it),
 * how far each series reaches, and when the sources were read.
 */
export function coverView(w: Writer) {
  const { data, metrics, t } = w;
  // An aggregate of markets.csv (the world's: all systems in force) is context, not a market's reach.
  const aggregate = (id: string) => data.markets.some((m) => m.id === id && m.kind === 'aggregate');
  const whoOf = (subject: string) => (data.markets.some((m) => m.id === subject) ? w.marketName(subject) : w.regionName(subject));
  const reachLine = (r: SeriesReach) => {
    const who = whoOf(r.subject);
    const until = r.last.endsWith('-12-31') && r.basis !== 'daily' ? w.yearText(+r.last.slice(0, 4)) : w.date(r.last);
    return w.sentence(
      'brief.reachItem',
      { who, measure: t(`reach.${r.measure}`), basis: t(`reach.basis.${r.basis}`), until },
      { slot: `brief.reach.${r.subject}.${r.measure}.${r.basis}` },
    );
  };
  const asOfIso =
    metrics.reach
      .map((r) => r.last)
      .sort()
      .at(-1) ?? '1970-01-01';
  // Which series reaches that far, so a reader does not take the date for all of them.
  const reachingLatest = metrics.reach.filter((r) => r.last === asOfIso && !aggregate(r.subject));
  const latestSeries =
    reachingLatest.length > 0 && reachingLatest.length < metrics.reach.length
      ? reachingLatest.map((r) => `${whoOf(r.subject)}${t('brief.seriesJoin')}${t(`reach.${r.measure}`)}`).join(t('brief.listSeparator'))
      : null;
  const asOf = latestSeries
    ? w.sentence('brief.asOfSeries', { date: w.date(asOfIso), series: latestSeries }, { slot: 'brief.asOf' })
    : w.sentence('brief.asOf', { date: w.date(asOfIso) }, { slot: 'brief.asOf' });
  const reach = metrics.reach.filter((r) => !aggregate(r.subject)).map(reachLine);
  const readDates = data.sources
    .map((s) => s.retrieved)
    .filter((d): d is string => d !== null)
    .sort();
  const readOn =
    readDates.length === 0
      ? null
      : readDates[0] === readDates.at(-1)
        ? w.sentence('brief.readOn', { date: w.date(readDates[0]!) }, { slot: 'brief.readOn' })
        : w.sentence('brief.readBetween', { from: w.date(readDates[0]!), to: w.date(readDates.at(-1)!) }, { slot: 'brief.readOn' });
  return { asOfIso, asOf, reach, readOn };
}
