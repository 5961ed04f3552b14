import { asCovered, scopeChanges } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { formatTonnes } from '../format.js';
import type { Paragraph } from './types.js';
import type { Writer } from './writer.js';

/**
 * The reference market's verified emissions: first and last years as covered, the change on a
 * comparable scope where the scope changed, the years it changed, and a change a source reports
 * for the latest year.
 */
export function emissionsView(w: Writer): Paragraph[] {
  const { data, metrics, lang, t } = w;
  const { reference } = metrics.comparison;
  const paragraphs: Paragraph[] = [];
  const covered = asCovered(data, reference);
  const change = metrics.emissionsChange[reference];
  const trend = metrics.emissionsTrend[reference];
  if (covered.length < 2 || !change || !trend) return paragraphs;
  const [first, last] = [covered[0]!, covered.at(-1)!];
  const tonnes = (id: string, r: typeof first) =>
    w.fromRow(id, formatTonnes(r.value, lang), r.value, 't', 'emissions', `${r.market}/${r.year}/${r.scope}/${r.coverage}`, sourcesOf([r]));
  const ends = {
    first: tonnes('results.emissions.first', first),
    firstYear: w.year(first.year),
    last: tonnes('results.emissions.last', last),
    lastYear: w.year(last.year),
  };
  if (first.coverage === last.coverage && change.value !== null && trend.value !== null) {
    paragraphs.push(
      w.para(
        'results.emissions',
        { ...ends, change: w.num('results.emissions.change', change, 'percent', 1), perYear: w.num('results.emissions.perYear', trend, 'percent', 1) },
        change.sources,
        { slot: 'results.emissions' },
      ),
    );
  } else {
    paragraphs.push(
      w.para(
        'results.emissionsScopes',
        { ...ends, firstScope: w.scope(first.coverage), lastScope: w.scope(last.coverage) },
        sourcesOf([first, last, ...data.scopes.filter((s) => s.id === first.coverage || s.id === last.coverage)]),
        { slot: 'results.emissions' },
      ),
    );
    if (change.value !== null && trend.value !== null && change.scope) {
      const [a, b] = [+change.period!.start!.slice(0, 4), +change.period!.end!.slice(0, 4)];
      // Years whose value includes an estimate are said to, since the estimate is not a measurement.
      const estimated = data.emissions.filter((r) => r.coverage === change.scope && r.estimated === true && r.year >= a && r.year <= b).map((r) => r.year);
      paragraphs.push(
        w.para(
          estimated.length > 0 ? 'results.emissionsComparableEstimated' : 'results.emissionsComparable',
          {
            scope: w.scope(change.scope),
            from: w.year(a),
            to: w.year(b),
            change: w.moved('results.emissions.change', change, 1),
            perYear: w.num('results.emissions.perYear', trend, 'percent', 1, { abs: true }),
            ...(estimated.length > 0 ? { estimatedYears: w.span(Math.min(...estimated), Math.max(...estimated)) } : {}),
          },
          [...change.sources, ...sourcesOf(data.scopes.filter((s) => s.id === change.scope))],
          { slot: 'results.emissionsComparable' },
        ),
      );
    }
    const changesOfScope = scopeChanges(data, reference).map((c) => w.year(c.year));
    if (changesOfScope.length > 0)
      paragraphs.push(
        w.para('results.scopeChanges', { years: changesOfScope.join(t('brief.listSeparator')) }, sourcesOf(data.scopes.filter((s) => s.market === reference))),
      );
  }
  // A like-for-like change a source reports for the latest year, where the data cannot compute one.
  // 'covered-emissions-change' is an indicator id of facts.csv: data vocabulary.
  const official = data.facts.find(
    (f) =>
      f.market === reference &&
      f.indicator === 'covered-emissions-change' &&
      !f.derived &&
      f.value !== null &&
      f.period_end?.startsWith(String(last.year)) &&
      f.period_start !== null,
  );
  if (official && first.coverage !== last.coverage) {
    const comparableEnd = change.scope && change.period?.end ? +change.period.end.slice(0, 4) : null;
    const values = { from: w.year(official.period_start!.slice(0, 4)), to: w.year(last.year), change: w.movedFact('results.emissions.official', official) };
    paragraphs.push(
      comparableEnd !== null && comparableEnd < last.year
        ? w.para('results.emissionsOfficialBasis', { ...values, comparableEnd: w.year(comparableEnd) }, sourcesOf([official]), {
            slot: 'results.emissionsOfficial',
          })
        : w.para('results.emissionsOfficial', values, sourcesOf([official]), { slot: 'results.emissionsOfficial' }),
    );
  }
  return paragraphs;
}
