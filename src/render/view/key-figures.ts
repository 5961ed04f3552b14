import type { Metric } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { currencyName, fill } from '../format.js';
import type { KeyFigure } from './types.js';
import type { Fact, Writer } from './writer.js';

/**
 * The key figures: the compared markets' volume share, price ratio, implied price and turnover,
 * and the reference market's latest auction revenue.
 */

/** The source's own claim of the subject's traded volume as a share of the reference's ("under 2%"). */
export function volumeClaimOf(w: Writer): Fact | undefined {
  // 'traded-volume-share-of-reference' and 'auction-revenue' are indicator ids of facts.csv: data vocabulary.
  return w.fact(w.metrics.comparison.subject, 'traded-volume-share-of-reference');
}

/** The reference market's latest stated auction revenue for a year. */
export function latestRevenueOf(w: Writer): Fact | undefined {
  const { reference } = w.metrics.comparison;
  return w.data.facts
    .filter((f) => f.market === reference && f.indicator === 'auction-revenue' && f.value !== null && f.period_end)
    .sort((a, b) => a.period_end!.localeCompare(b.period_end!))
    .at(-1);
}

/** Each market's turnover ratio (traded volume over covered emissions), when both are known. */
export function turnoversOf(w: Writer): { reference: Metric; subject: Metric } | null {
  const { subject, reference } = w.metrics.comparison;
  const ref = w.metrics.coverage[reference]?.turnoverRatio;
  const sub = w.metrics.coverage[subject]?.turnoverRatio;
  return ref?.value != null && sub?.value != null ? { reference: ref, subject: sub } : null;
}

export function keyFiguresView(w: Writer): KeyFigure[] {
  const { metrics, lang, t, citations } = w;
  const { reference, window } = metrics.comparison;
  const keyFigures: KeyFigure[] = [];
  const volumeClaim = volumeClaimOf(w);
  if (window && metrics.volume.ratio.value !== null) {
    keyFigures.push({
      label: t('keyFigures.volumeShare'),
      value: w.num('keyFigures.volumeShare', metrics.volume.ratio, 'percent', 2, volumeClaim ? { verdictOf: `facts/${volumeClaim.id}` } : {}),
      note: w.sentence('keyFigures.volumeShareNote', { from: w.date(window.start), to: w.date(window.end) }),
      cites: citations.cite(metrics.volume.ratio.sources),
    });
  }
  if (metrics.prices.ratio.value !== null && metrics.prices.bands[reference]) {
    keyFigures.push({
      label: t('keyFigures.priceRatio'),
      value: w.num('keyFigures.priceRatio', metrics.prices.ratio, 'times', 1),
      note: w.sentence('keyFigures.priceRatioNote', { currency: currencyName(w.currencyOf(reference), lang) }),
      cites: citations.cite(metrics.prices.ratio.sources),
    });
  }
  const implied = metrics.prices.subjectImplied;
  if (window && implied && implied.value.value !== null) {
    keyFigures.push({
      label: t('keyFigures.impliedPrice'),
      value: w.num('keyFigures.impliedPrice', implied.value, 'price', 1),
      note: w.sentence('keyFigures.impliedPriceNote', { from: w.date(window.start), to: w.date(window.end) }),
      cites: citations.cite(implied.value.sources),
    });
  }
  const turnover = turnoversOf(w);
  if (turnover) {
    const ref = w.num('keyFigures.turnover.reference', turnover.reference, 'number', 1);
    const sub = w.num('keyFigures.turnover.subject', turnover.subject, 'number', 3);
    const bare = (m: Metric, max: number) => w.written(m.value!, m.precision, 'number', m.unit, max, false);
    keyFigures.push({
      // The figure itself bare ("7 : 0.03"); the note says each with its "about".
      label: t('keyFigures.turnover'),
      value: `${bare(turnover.reference, 1)} : ${bare(turnover.subject, 3)}`,
      note: w.sentence('keyFigures.turnoverNote', { reference: ref, subject: sub }),
      cites: citations.cite([...turnover.reference.sources, ...turnover.subject.sources]),
    });
  }
  const revenue = latestRevenueOf(w);
  if (revenue) {
    keyFigures.push({
      label: fill(t('keyFigures.auctionRevenue'), { year: w.year(revenue.period_end!.slice(0, 4)) }, 'keyFigures.auctionRevenue'),
      value: w.stated('keyFigures.auctionRevenue', revenue, 'money'),
      note: t('keyFigures.auctionRevenueNote'),
      cites: citations.cite(sourcesOf([revenue])),
    });
  }
  return keyFigures;
}
