import { sourcesOf } from '../metrics/types.js';
import { companySurplusOf, companyView } from './view/company.js';
import { comparedView } from './view/compared.js';
import { coverView } from './view/cover.js';
import { dataNotesView } from './view/data-notes.js';
import { decouplingSeries, decouplingView } from './view/decoupling.js';
import { emissionsView } from './view/emissions.js';
import { globalFactsView } from './view/global-facts.js';
import { keyFiguresView } from './view/key-figures.js';
import { phaseTrendsView } from './view/phase-trends.js';
import { phasesView } from './view/phases.js';
import { powerComparedView } from './view/power-compared.js';
import { powerMixView } from './view/power-mix.js';
import { revenueView } from './view/revenue.js';
import { rulesView } from './view/rules.js';
import { recommendationItem, recommendationRows, sourcesView } from './view/sources.js';
import type { BriefView, ViewContext } from './view/types.js';
import { createWriter } from './view/writer.js';

export type { BriefView, KeyFigure, ListItem, Paragraph, SourceView, TableView, ViewContext } from './view/types.js';

/**
 * Everything a brief shows, in one language, as plain text and numbers: sentences are filled from
 * metrics by the section builders of view/, so templates only lay them out. Every number goes
 * through the ledger (see ledger.ts) as it is written. Pure: the same data, metrics and strings
 * give the same view. The builders run in reading order, each section's charts cited after its
 * text, since footnotes are numbered in the order sources are first cited.
 */
export function buildView(ctx: ViewContext): BriefView {
  const w = createWriter(ctx);
  const { data, t, ledger, citations } = w;
  // Paragraphs that summarise the source paper in words cite what its recommendations cite.
  const paperSources = [...new Set(sourcesOf(data.recommendations))];

  const cover = coverView(w);
  const keyFigures = keyFiguresView(w);
  w.citeCharts('key-figures');
  const global = globalFactsView(w);
  w.citeCharts('global');
  const phases = phasesView(w);
  w.citeCharts('phases');
  const mechanisms = rulesView(w, paperSources);
  w.citeCharts('mechanisms');

  const revenue = revenueView(w);
  const emissions = emissionsView(w);
  const decoupling = decouplingView(w);
  const { mix, power, powerTable, powerRegion } = powerMixView(w);
  const powerCompared = powerComparedView(w, mix?.region);
  w.citeCharts('results');

  const overAllocation = w.sentence('problems.overAllocation', {});
  const company = companyView(w);
  const phaseTrends = phaseTrendsView(w);
  w.citeCharts('problems');

  const compared = comparedView(w);
  w.citeCharts('compared');

  const recs = recommendationRows(w);
  citations.cite(sourcesOf(recs));
  w.citeCharts('recommendations');

  const notes = dataNotesView(w, {
    gdp: !decouplingSeries(w),
    company: !companySurplusOf(w)?.years.some((y) => y.verified.value !== null),
  });
  w.citeCharts('data-notes');
  citations.cite(ctx.templateCites ?? []);
  const sources = sourcesView(w);

  return {
    lang: ctx.lang,
    // Titles are names (a configuration may set them), not statements of number.
    title: ledger.label('brief.title', t('brief.title')),
    subtitle: ledger.label('brief.subtitle', t('brief.subtitle')),
    ...cover,
    keyFigures,
    global,
    phases,
    mechanisms,
    results: {
      revenue,
      emissions,
      decoupling,
      power,
      powerTable,
      powerRegion,
      powerCompared: powerCompared.table,
      powerComparedNote: powerCompared.note,
    },
    problems: { overAllocation: { text: overAllocation, cites: citations.cite(paperSources) }, ...company, phaseTrends },
    compared,
    recommendations: recs.filter((r) => r.kind === 'recommendation').map((r) => recommendationItem(w, r)),
    outlook: recs.filter((r) => r.kind === 'outlook').map((r) => recommendationItem(w, r)),
    notes,
    sources,
    chartCites: w.chartCites,
    ledger,
  };
}
