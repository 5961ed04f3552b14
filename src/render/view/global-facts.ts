import { sourcesOf } from '../../metrics/types.js';
import type { Paragraph } from './types.js';
import type { Writer } from './writer.js';

/**
 * The global picture: carbon markets in force worldwide, their share of the world's GDP,
 * population and emissions, net-zero pledges, and the reference market's own size.
 */
export function globalFactsView(w: Writer): Paragraph[] {
  const { data, metrics } = w;
  const { reference } = metrics.comparison;
  const global: Paragraph[] = [];
  // The facts of the aggregate of markets.csv (all systems in force worldwide); the indicator ids
  // below are the vocabulary of facts.csv (data), not this paper's words.
  // The aggregate that states them: another aggregate row (a pilots' total) has other facts, and
  // two stating the same indicators would leave the paragraph to guess, so that is an error.
  const stating = data.markets
    .filter((m) => m.kind === 'aggregate' && data.facts.some((f) => f.market === m.id && f.indicator === 'ets-in-force'))
    .map((m) => m.id);
  if (stating.length > 1)
    throw new Error(`data/markets.csv: the aggregates ${stating.join(' and ')} both have ets-in-force facts in facts.csv; the global picture states one's`);
  const aggregate = stating[0];
  const world = (indicator: string) => (aggregate === undefined ? undefined : w.fact(aggregate, indicator));
  const inForce = world('ets-in-force');
  const inDev = world('ets-in-development');
  const consider = world('ets-under-consideration');
  if (inForce && inDev && consider) {
    global.push(
      w.para(
        'global.inForce',
        {
          date: w.month(inForce.period_end!),
          inForce: w.stated('global.inForce', inForce, 'count'),
          inDevelopment: w.stated('global.inDevelopment', inDev, 'count'),
          consideration: w.stated('global.consideration', consider, 'count'),
        },
        sourcesOf([inForce, inDev, consider]),
      ),
    );
  }
  const [gdp, pop, emis] = [world('ets-share-of-world-gdp'), world('ets-share-of-world-population'), world('ets-share-of-world-emissions')];
  if (gdp && pop && emis) {
    // The sentence words the hedges itself ("about …"), so the values go without their qualifier.
    global.push(
      w.para(
        'global.shares',
        {
          gdp: w.statedPlain('global.shares.gdp', gdp),
          population: w.statedPlain('global.shares.population', pop),
          emissions: w.statedPlain('global.shares.emissions', emis),
        },
        sourcesOf([gdp, pop, emis]),
      ),
    );
  }
  const [nzE, nzG] = [world('net-zero-pledges-share-of-emissions'), world('net-zero-pledges-share-of-gdp-ppp')];
  if (nzE && nzG) {
    global.push(
      w.para(
        'global.netZero',
        { date: w.month(nzE.period_end!), emissions: w.statedPlain('global.netZero.emissions', nzE), gdp: w.statedPlain('global.netZero.gdp', nzG) },
        sourcesOf([nzE, nzG]),
      ),
    );
  }
  const refMarket = data.markets.find((m) => m.id === reference);
  const [inst, share, total] = [w.fact(reference, 'entities'), w.fact(reference, 'share-of-jurisdiction-emissions'), w.fact(reference, 'cumulative-revenue')];
  if (refMarket?.launch_date && inst && share && total) {
    global.push(
      w.para(
        'global.reference',
        {
          launch: w.yearText(refMarket.launch_date.slice(0, 4)),
          installations: w.stated('global.reference.installations', inst, 'count'),
          share: w.stated('global.reference.share', share, 'percent', 0),
          revenue: w.stated('global.reference.revenue', total, 'money'),
        },
        sourcesOf([refMarket, inst, share, total]),
      ),
    );
  }
  return global;
}
