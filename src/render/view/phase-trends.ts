import { statedTrendIn } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import type { Paragraph } from './types.js';
import type { Writer } from './writer.js';

/** The source's emission trends by phase, each against the data over the claim's own years. */
export function phaseTrendsView(w: Writer): Paragraph[] {
  const { data, metrics, t, ledger } = w;
  const { reference } = metrics.comparison;
  const phaseTrends: Paragraph[] = [];
  for (const pm of metrics.phases[reference] ?? []) {
    const f = statedTrendIn(data, reference, pm.period);
    const finding = f ? w.findingFor(`facts/${f.id}`) : undefined;
    if (!f || !finding) continue;
    const claimYears = w.span(+f.period_start!.slice(0, 4), +f.period_end!.slice(0, 4));
    const values = { phase: w.ordinal(pm.phase), claimYears, printed: w.movedFact(`problems.phaseTrend.${pm.phase}.printed`, f, 2) };
    const sources = [...sourcesOf([f]), ...pm.emissionsChangePerYear.sources];
    const place = { slot: `problems.phaseTrend.${pm.phase}` };
    const recomputed = () =>
      w.direction(
        finding.recomputed!,
        ledger.add({
          id: `problems.phaseTrend.${pm.phase}.recomputed`,
          text: w.written(Math.abs(finding.recomputed!), finding.precision, 'percent', '%/yr', 2),
          kind: 'number',
          value: finding.recomputed,
          unit: '%/yr',
          precision: finding.precision,
          period: { start: f.period_start ?? undefined, end: f.period_end ?? undefined },
          method: finding.method,
          rows: finding.inputs ?? [],
          sources: finding.sources ?? [],
          verdict: finding.verdict,
          reason: finding.reason,
          ...(finding.because && 'scope' in finding.because && finding.because.scope ? { scope: finding.because.scope } : {}),
        }),
      );
    const b = finding.because;
    if (finding.recomputed !== null && b?.kind === 'unstated') {
      phaseTrends.push(
        w.para(
          'problems.phaseTrendUnstated',
          { ...values, recomputed: recomputed(), scope: b.scope ? w.scope(b.scope) : t('verdicts.because.dataScope') },
          sources,
          place,
        ),
      );
    } else if (finding.recomputed !== null) {
      const onScope = b?.kind === 'recomputed' && b.scope ? b.scope : undefined;
      phaseTrends.push(
        w.para(
          onScope ? 'problems.phaseTrendComparable' : 'problems.phaseTrend',
          { ...values, recomputed: recomputed(), ...(onScope ? { scope: w.scope(onScope) } : {}) },
          sources,
          place,
        ),
      );
    } else if (b?.kind === 'scope') {
      phaseTrends.push(
        w.para('problems.phaseTrendNotComparable', { ...values, firstScope: w.scope(b.firstScope), lastScope: w.scope(b.lastScope) }, sources, place),
      );
    }
  }
  return phaseTrends;
}
