import type { Metric } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { formatPercent } from '../format.js';
import { turnoversOf, volumeClaimOf } from './key-figures.js';
import type { Paragraph } from './types.js';
import { hasString, type Kind, type Writer } from './writer.js';

/**
 * The subject market beside the reference: its launch and coverage, traded volume as a share of
 * the reference's, the two price bands in one currency, its observed and implied prices, its
 * latest trading, and the two markets' turnover.
 */
export function comparedView(w: Writer): Paragraph[] {
  const { data, metrics, lang, t, ledger } = w;
  const { subject, window } = metrics.comparison;
  const paragraphs: Paragraph[] = [];
  const subMarket = data.markets.find((m) => m.id === subject);
  const entities = metrics.coverage[subject]?.entities;
  const coveredSub = metrics.coverage[subject]?.coveredEmissions;
  if (subMarket?.launch_date && entities?.value != null && coveredSub?.value != null) {
    // A market may have its own wording (China's first entities were all power companies); others take the plain one.
    const launchKey = hasString(t, `compared.launchFor.${subject}`) ? `compared.launchFor.${subject}` : 'compared.launch';
    paragraphs.push(
      w.para(
        launchKey,
        {
          launch: w.date(subMarket.launch_date),
          entities: w.num('compared.launch.entities', entities, 'count'),
          covered: w.num('compared.launch.covered', coveredSub, 'tonnes'),
        },
        [...entities.sources, ...coveredSub.sources],
        { slot: 'compared.launch' },
      ),
    );
  }
  const v = metrics.volume;
  const volumeClaim = volumeClaimOf(w);
  if (window && v.subject.total.value !== null && v.reference.total.value !== null && v.ratio.value !== null) {
    const threshold = volumeClaim && volumeClaim.qualifier === 'below' ? volumeClaim.value! : null;
    const key = threshold === null ? 'compared.volumePlain' : v.ratio.value < threshold ? 'compared.volumeBelow' : 'compared.volumeAbove';
    paragraphs.push(
      w.para(
        key,
        {
          from: w.date(window.start),
          to: w.date(window.end),
          subject: w.num('compared.volume.subject', v.subject.total, 'tonnes'),
          reference: w.num('compared.volume.reference', v.reference.total, 'tonnes'),
          ratio: w.num('compared.volume.ratio', v.ratio, 'percent', 2, volumeClaim ? { verdictOf: `facts/${volumeClaim.id}` } : {}),
          // The sentence says "under" itself: the threshold is written bare.
          ...(threshold === null
            ? {}
            : {
                threshold: ledger.add({
                  id: 'compared.volume.threshold',
                  text: formatPercent(threshold, lang, 0),
                  kind: 'number',
                  value: threshold,
                  unit: volumeClaim!.unit,
                  method: 'stated by the paper',
                  rows: [{ dataset: 'facts', rows: [volumeClaim!.id] }],
                  sources: sourcesOf([volumeClaim!]),
                }),
              }),
        },
        [...v.ratio.sources, ...(volumeClaim ? sourcesOf([volumeClaim]) : [])],
        { slot: 'compared.volume', compares: threshold !== null },
      ),
    );
  }
  paragraphs.push(...pricesView(w));
  const observed = window ? metrics.daily[subject] : undefined;
  if (observed && observed.low.value !== null && observed.high.value !== null) {
    paragraphs.push(
      w.para(
        'compared.observed',
        { low: w.num('compared.observed.low', observed.low, 'price', 2), high: w.num('compared.observed.high', observed.high, 'price', 2) },
        observed.low.sources,
      ),
    );
  }
  const implied = metrics.prices.subjectImplied;
  if (implied && implied.value.value !== null && implied.withinStatedBand !== null) {
    paragraphs.push(
      w.para(
        'compared.implied',
        {
          implied: w.num('compared.implied', implied.value, 'price', 1),
          inside: w.choose(implied.withinStatedBand ? 'compared.insideBand' : 'compared.outsideBand'),
        },
        implied.value.sources,
      ),
    );
  }
  const latest = metrics.latest;
  if (latest && latest.tradingDays.value !== null && latest.volume.value !== null && latest.low.value !== null && latest.high.value !== null) {
    paragraphs.push(
      w.para(
        'compared.latest',
        {
          end: w.date(latest.window.end),
          days: w.num('compared.latest.days', latest.tradingDays, 'number', 0),
          volume: w.num('compared.latest.volume', latest.volume, 'tonnes'),
          low: w.num('compared.latest.low', latest.low, 'price', 2),
          high: w.num('compared.latest.high', latest.high, 'price', 2),
        },
        latest.volume.sources,
      ),
    );
  }
  const turnover = turnoversOf(w);
  if (turnover) {
    const asShare: Metric = { ...turnover.subject, value: turnover.subject.value! * 100, unit: '%' };
    paragraphs.push(
      w.para(
        'compared.turnover',
        {
          reference: w.num('compared.turnover.reference', turnover.reference, 'number', 1),
          subject: w.num('compared.turnover.subject', asShare, 'percent', 1),
        },
        [...turnover.reference.sources, ...turnover.subject.sources],
      ),
    );
  }
  return paragraphs;
}

/** The two markets' stated price bands, the subject's in the reference's currency, and a price above the band. */
function pricesView(w: Writer): Paragraph[] {
  const { data, metrics } = w;
  const { subject, reference, window } = metrics.comparison;
  const subBand = metrics.prices.bands[subject];
  const refBand = metrics.prices.bands[reference];
  const subInRef = subBand?.converted[w.currencyOf(reference)];
  if (
    !subBand ||
    !refBand ||
    !subInRef ||
    ![subBand.stated.low, subBand.stated.high, refBand.stated.low, refBand.stated.high, subInRef.low, subInRef.high].every((m) => m.value !== null) ||
    metrics.prices.ratio.value === null
  )
    return [];
  const bare = (id: string, m: Metric, kind: Kind, max: number) =>
    w.ledger.metric(id, m, w.written(m.value!, { digits: m.precision?.digits ?? null, approx: false }, kind, m.unit, max));
  const paragraphs = [
    w.para(
      'compared.prices',
      {
        subjectLow: bare('compared.prices.subjectLow', subBand.stated.low, 'price', 0),
        subjectHigh: bare('compared.prices.subjectHigh', subBand.stated.high, 'price', 0),
        subjectLowConverted: bare('compared.prices.subjectLowConverted', subInRef.low, 'price', 1),
        subjectHighConverted: bare('compared.prices.subjectHighConverted', subInRef.high, 'price', 1),
        referenceLow: bare('compared.prices.referenceLow', refBand.stated.low, 'price', 0),
        referenceHigh: bare('compared.prices.referenceHigh', refBand.stated.high, 'price', 0),
        ratio: bare('compared.prices.ratio', metrics.prices.ratio, 'number', 1),
      },
      [...metrics.prices.ratio.sources, ...subInRef.low.sources],
    ),
  ];
  // A price the source states inside the window above the band it gives for the window
  // ('price-high' is an indicator id of facts.csv: data vocabulary).
  const above = window
    ? data.facts
        .filter(
          (f) =>
            f.market === reference &&
            f.subject === null &&
            f.indicator === 'price-high' &&
            f.value !== null &&
            refBand.stated.high.value !== null &&
            f.value > refBand.stated.high.value &&
            f.period_start !== null &&
            f.period_start >= window.start &&
            (f.period_end ?? '') <= window.end,
        )
        .sort((a, b) => b.value! - a.value!)[0]
    : undefined;
  if (above)
    paragraphs.push(
      w.para(
        'compared.pricesAbove',
        { price: w.stated('compared.prices.above', above, 'price', 0), date: w.date(above.period_end ?? above.period_start!) },
        sourcesOf([above]),
      ),
    );
  return paragraphs;
}
