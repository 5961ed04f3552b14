import type { Data } from '../data/datasets/index.js';

type Fact = Data['facts'][number];

export interface AnnualVolume {
  readonly year: number;
  /** Tonnes traded in the year (a per-year average where the source gives one for several years). */
  readonly value: number;
  readonly qualifier: Fact['qualifier'];
  readonly fact: Fact;
}

/**
 * A market's traded volume year by year, as its facts state it: a volume over one calendar year,
 * or a yearly average over several years (counted for each of them). Sorted by year.
 */
export function annualVolumes(data: Data, market: string): AnnualVolume[] {
  const out: AnnualVolume[] = [];
  for (const f of data.facts) {
    if (f.market !== market || f.subject !== null || f.value === null || !f.period_start || !f.period_end) continue;
    const perYear = f.indicator === 'traded-volume-per-year';
    const oneYear =
      f.indicator === 'traded-volume' &&
      f.period_start.slice(0, 4) === f.period_end.slice(0, 4) &&
      f.period_start.endsWith('-01-01') &&
      f.period_end.endsWith('-12-31');
    if (!perYear && !oneYear) continue;
    for (let y = +f.period_start.slice(0, 4); y <= +f.period_end.slice(0, 4); y++) out.push({ year: y, value: f.value, qualifier: f.qualifier, fact: f });
  }
  return out.sort((a, b) => a.year - b.year);
}
