/**
 * Reduces a long series to at most `buckets` × 4 points (about the chart's pixel width) while
 * keeping each bucket's first, lowest, highest and last point, so every high and low survives and
 * a chart's size no longer grows with the data.
 */
export function reduceSeries<T>(points: readonly T[], buckets: number, value: (p: T) => number): T[] {
  if (points.length <= buckets * 4 || buckets < 1) return [...points];
  const out: T[] = [];
  const size = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(points.length, Math.floor((b + 1) * size));
    if (end <= start) continue;
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (value(points[i]!) < value(points[lo]!)) lo = i;
      if (value(points[i]!) > value(points[hi]!)) hi = i;
    }
    for (const i of [...new Set([start, lo, hi, end - 1])].sort((x, y) => x - y)) out.push(points[i]!);
  }
  return out;
}
