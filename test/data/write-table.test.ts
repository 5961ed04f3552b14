import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/data/datasets/index.js';
import { formatTable, formatTableChunks } from '../../src/data/write-table.js';

describe('formatTableChunks', () => {
  it('writes a large dataset in pieces that join to the whole table', () => {
    const schema = DATASETS['market-daily'];
    const rows = Array.from({ length: 25_001 }, (_, i) => ({
      market: 'eu-ets',
      instrument: 'futures',
      series: 'test',
      date: `2021-01-${String((i % 28) + 1).padStart(2, '0')}`,
      close: i,
      currency: 'EUR',
      note: i % 2 ? 'a, "quoted" note' : null,
    }));
    const chunks = [...formatTableChunks(schema, rows)];
    expect(chunks.length).toBe(1 + 3); // the header, then 10,000 lines at most per chunk
    expect(chunks.join('')).toBe(formatTable(schema, rows));
    expect(chunks.join('').split('\n').length).toBe(25_001 + 2);
  });
});
