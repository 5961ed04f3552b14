import { type ChartBuild, type ChartContext, CHARTS } from '../../src/charts/registry.js';
import type { Data } from '../../src/data/datasets/index.js';
import { computeMetrics } from '../../src/metrics/index.js';

/**
 * A chart's build from `data`, as the registry makes it, in English with the strings' keys for
 * words (so a test reads which string a cell takes) and labels as plain as they come: the
 * metrics computed from `data` unless given. `context` replaces any of these.
 */
export function buildChart(id: string, data: Data, context: Partial<ChartContext> = {}): ChartBuild | null {
  const chart = CHARTS.find((c) => c.id === id);
  if (!chart) throw new Error(`no chart "${id}" in the registry`);
  return chart.build({
    data,
    daily: [],
    lang: 'en',
    t: (key) => key,
    phaseLabel: String,
    marketLabel: String,
    dateLabel: String,
    ...context,
    metrics: context.metrics ?? computeMetrics(data),
  });
}
