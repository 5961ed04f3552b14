import { decoupled, emissionsAndGdp, gdpChange, gdpRegionOf } from '../../metrics/decoupling.js';
import { emissionsChange } from '../../metrics/emissions.js';
import { sourcesOf } from '../../metrics/types.js';
import type { Paragraph } from './types.js';
import type { Writer } from './writer.js';

/**
 * Emissions on one scope against real GDP (the paper's Figure 7): whether emissions fell while
 * GDP grew over the data's years, and each claim the source makes about GDP over its own years.
 */

/** The reference market's emissions and its region's GDP, indexed, or null when data/ lacks either. */
export function decouplingSeries(w: Writer) {
  const { reference } = w.metrics.comparison;
  const gdpRegion = gdpRegionOf(w.data, reference);
  return gdpRegion ? emissionsAndGdp(w.data, reference, gdpRegion) : null;
}

export function decouplingView(w: Writer): Paragraph[] {
  const { data, t, ledger } = w;
  const { reference } = w.metrics.comparison;
  const decoupling: Paragraph[] = [];
  const indexed = decouplingSeries(w);
  if (!indexed) return decoupling;
  /** Emissions and GDP over two years, in words, with whether emissions fell while GDP grew. */
  const over = (from: number, to: number, id: string) => {
    const em = emissionsChange(data, reference, from, to, indexed.scope);
    const gdp = gdpChange(data, indexed.region, from, to);
    if (em.value === null || gdp.value === null) return null;
    return {
      em,
      gdp,
      values: {
        scope: w.scope(indexed.scope),
        region: w.regionName(indexed.region),
        from: w.year(from),
        to: w.year(to),
        emissions: w.moved(`${id}.emissions`, em, 1),
        gdp: w.moved(`${id}.gdp`, gdp, 1),
      },
    };
  };
  const [first, last] = [indexed.years[0]!.year, indexed.years.at(-1)!.year];
  const whole = over(first, last, 'results.decoupling');
  if (whole) {
    const key = decoupled(whole.em, whole.gdp) ? 'results.decoupled' : 'results.notDecoupled';
    decoupling.push(w.para(key, { ...whole.values, base: w.year(indexed.baseYear) }, [...whole.em.sources, ...whole.gdp.sources]));
  }
  // Each claim the source makes about real GDP, with its claim about emissions over the same years
  // ('real-gdp-change' and 'covered-emissions-change' are indicator ids of facts.csv: data vocabulary).
  for (const claim of data.facts.filter(
    (f) => f.market === reference && f.indicator === 'real-gdp-change' && f.subject === indexed.region && f.period_start && f.period_end,
  )) {
    const emClaim = data.facts.find(
      (f) =>
        f.market === reference &&
        f.derived &&
        f.indicator === 'covered-emissions-change' &&
        f.period_start === claim.period_start &&
        f.period_end === claim.period_end,
    );
    const part = over(+claim.period_start!.slice(0, 4), +claim.period_end!.slice(0, 4), `results.decoupling.${claim.id}`);
    const verdicts = [claim, ...(emClaim ? [emClaim] : [])].map((f) => w.findingFor(`facts/${f.id}`)?.verdict);
    if (!part || verdicts.some((v) => v === undefined)) continue;
    const verdict = verdicts.every((v) => v === 'agrees') ? 'agrees' : verdicts.includes('disagrees') ? 'disagrees' : 'cannot-recompute';
    decoupling.push(
      w.para(
        'results.decouplingClaim',
        { ...part.values, claim: ledger.label(`facts.${claim.id}.printed`, claim.printed ?? ''), verdict: t(`verdicts.${verdict}`) },
        [...sourcesOf([claim]), ...part.em.sources, ...part.gdp.sources],
      ),
    );
  }
  return decoupling;
}
