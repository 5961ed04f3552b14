import type { Metrics } from './index.js';
import type { Metric } from './types.js';

function isMetric(x: unknown): x is Metric {
  return typeof x === 'object' && x !== null && 'value' in x && 'unit' in x && 'method' in x && 'inputs' in x;
}

/** Every metric in the tree with its dotted path ("prices.subjectImplied.value", "phases.eu-ets[3].priceMean"). */
export function flatten(node: unknown, path = ''): [string, Metric][] {
  if (isMetric(node)) return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((item, i) => flatten(item, `${path}[${(item as { phase?: number }).phase ?? i}]`));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([key, value]) => flatten(value, path ? `${path}.${key}` : key));
  }
  return [];
}

/**
 * The metrics by the names a brief's templates use (`{{metric "volume.ratio"}}`): every metric
 * computeMetrics gives, by its path, reconciliation findings left out (they are verdicts, not
 * numbers to state). Names depend on data/: a market's statistics appear when it has rows.
 */
export function metricCatalogue(metrics: Metrics): ReadonlyMap<string, Metric> {
  const { reconciliation: _findings, ...numbers } = metrics;
  return new Map(flatten(numbers));
}
