import { describe, expect, it } from 'vitest';
import type { Data } from '../../src/data/datasets/index.js';
import { dataReach, latestObservation } from '../../src/metrics/reach.js';
import { powerRow } from '../support/rows.js';
import { shippedData, statedOnly, withRows } from './helpers.js';

type PowerRow = Data['power-generation'][number];
const total = (year: number, partial: boolean | null): PowerRow =>
  powerRow(year, 'total', 2_800_000, { label_zh: '发电总量（欧盟27国）', partial, source: 'owid-energy-eu27' });

describe('how far a series reaches', () => {
  it('does not let a provisional (partial) year of generation data reach its year\'s end, nor the brief\'s "as of"', async () => {
    const data = withRows(statedOnly(await shippedData()), { 'power-generation': (rows) => [...rows, total(2024, null), total(2025, true)] });
    const reach = dataReach(data);
    expect(reach.find((r) => r.subject === 'eu27')).toMatchObject({ first: '2005-01-01', last: '2024-12-31' });
    expect(latestObservation(reach)! < '2025-01-01').toBe(true);
  });
});
