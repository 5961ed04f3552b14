import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { unusedRows } from '../../src/render/unused.js';
import { ROOT } from '../support.js';

describe('unusedRows', () => {
  it('lists, by dataset and source, the rows whose every source the brief leaves uncited', async () => {
    const data = (await loadData(`${ROOT}/data`)).data!;
    const all = new Set(data.sources.map((s) => s.id));
    expect(unusedRows(data, all)).toEqual([]);
    // Without Our World in Data, its EU-27 generation rows are unused; rows citing another source too are not.
    const owid = data['power-generation'].filter((r) => r.source === 'owid-energy-eu27');
    expect(owid.length).toBeGreaterThan(0);
    const cited = new Set([...all].filter((id) => id !== 'owid-energy-eu27'));
    const years = owid.map((r) => r.year).sort();
    expect(unusedRows(data, cited)).toEqual([
      { dataset: 'power-generation', source: 'owid-energy-eu27', rows: owid.length, first: String(years[0]), last: String(years.at(-1)) },
    ]);
  });
});
