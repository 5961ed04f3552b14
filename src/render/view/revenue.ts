import { sourcesOf } from '../../metrics/types.js';
import { latestRevenueOf } from './key-figures.js';
import type { Paragraph } from './types.js';
import type { Writer } from './writer.js';

/**
 * The reference market's auction revenue: the latest year's, its growth recomputed against the
 * rate the source printed, and the growth of what member states received.
 */
export function revenueView(w: Writer): Paragraph | null {
  const { metrics, t, citations } = w;
  const { reference } = metrics.comparison;
  const revenue = latestRevenueOf(w);
  const growth = metrics.auctionRevenueGrowth[reference];
  // 'auction-revenue-cagr' is an indicator id of facts.csv: data vocabulary.
  const printedCagr = w.fact(reference, 'auction-revenue-cagr');
  const revFirst = growth?.period?.start?.slice(0, 4);
  if (!revenue || !growth || growth.value === null || !revFirst) return null;
  const values = {
    last: w.stated('results.revenue.last', revenue, 'money'),
    lastYear: w.year(revenue.period_end!.slice(0, 4)),
    firstYear: w.year(revFirst),
    recomputed: w.num('results.revenue.recomputed', growth, 'percent', 1, printedCagr ? { verdictOf: `facts/${printedCagr.id}` } : {}),
  };
  const paragraph = printedCagr
    ? w.para(
        'results.revenue',
        { ...values, printed: w.stated('results.revenue.printed', printedCagr, 'percent', 0) },
        [...growth.sources, ...sourcesOf([printedCagr, revenue])],
        { slot: 'results.revenue' },
      )
    : w.para('results.revenueSame', values, [...growth.sources, ...sourcesOf([revenue])], { slot: 'results.revenue' });
  const memberStates = metrics.memberStateRevenueGrowth[reference];
  if (!memberStates || memberStates.value === null || !memberStates.period?.start || !memberStates.period.end) return paragraph;
  return {
    text: `${paragraph.text}${t('brief.sentenceJoin')}${w.sentence('results.revenueMemberStates', {
      from: w.year(memberStates.period.start.slice(0, 4)),
      to: w.year(memberStates.period.end.slice(0, 4)),
      growth: w.num('results.revenue.memberStates', memberStates, 'percent', 1),
    })}`,
    cites: citations.cite([...paragraph.cites.map((n) => citations.list()[n - 1]!), ...memberStates.sources]),
  };
}
