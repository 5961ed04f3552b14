import { describe, expect, it } from 'vitest';
import { powerCompared } from '../../src/metrics/power-compare.js';
import { powerRow } from '../support/rows.js';
import { shippedData, withRows } from './helpers.js';

const ember = (year: number, source_type: string, gwh: number) => powerRow(year, source_type, gwh);

describe('Table 1 beside another region by source, for the same years', () => {
  it('is absent while the other region has totals only', async () => {
    const totalsOnly = withRows(await shippedData(), { 'power-generation': (r) => r.filter((x) => x.region === 'eu' || x.source_type === 'total') });
    expect(powerCompared(totalsOnly, 'eu')).toBeNull();
  });

  it('matches sources by type, keeps one-sided ones apart and compares the totals', async () => {
    const shipped = await shippedData();
    const table = shipped['power-generation'].filter((r) => r.region === 'eu');
    const years = [...new Set(table.map((r) => r.year))].sort();
    const rows = years.flatMap((y) => [ember(y, 'coal', 700_000), ember(y, 'bioenergy', 100_000), ember(y, 'extra', 1), ember(y + 1, 'coal', 1)]);
    const data = withRows(shipped, { 'power-generation': (r) => [...r.filter((x) => !(x.region === 'eu27' && x.source_type !== 'total')), ...rows] });
    const c = powerCompared(data, 'eu')!;
    expect(c.otherRegion).toBe('eu27');
    expect(c.years).toEqual(years);
    const coal = c.sources.find((s) => s.sourceType === 'coal')!;
    for (const y of years) {
      expect(coal.table[y]).toBe(table.find((r) => r.year === y && r.source_type === 'coal')!.gwh);
      expect(coal.other[y]).toBe(700_000);
    }
    // A source only one side lists stays alone, never added into another.
    expect(c.sources.find((s) => s.sourceType === 'bioenergy')!.table).toEqual(Object.fromEntries(years.map((y) => [y, null])));
    expect(c.sources.find((s) => s.sourceType === 'combustible-renewables')!.other).toEqual(Object.fromEntries(years.map((y) => [y, null])));
    // The totals' ratio is the shipped Ember total over the table's.
    const total = c.sources.at(-1)!;
    expect(total.sourceType).toBe('total');
    const y0 = years[0]!;
    const t = (region: string) => data['power-generation'].find((r) => r.region === region && r.year === y0 && r.source_type === 'total')!.gwh;
    expect(total.ratio[y0]).toBeCloseTo(t('eu27') / t('eu'), 12);
    expect(total.ratio[y0]!).toBeLessThan(1);
  });
});
