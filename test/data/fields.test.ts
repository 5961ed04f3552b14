import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date, id, integer, number, oneOf, text } from '../../src/data/fields.js';

describe('Field.read', () => {
  it('agrees with parse on any cell, for every kind of field', () => {
    const fields = [
      number(),
      number({ minimum: 0, units: { 万吨: 1e4, K: 1e3 } }),
      number({ percent: true, maximum: 100 }),
      integer({ minimum: 1900 }),
      date(),
      text({ maxLength: 12 }),
      oneOf(['exchange', 'futures'] as const),
      id(),
    ];
    const cell = fc.oneof(
      fc.string(),
      fc.stringMatching(/^-?\d{0,6}(\.\d{0,4})?$/),
      fc.stringMatching(/^ ?\d{4}-\d{2}-\d{2} ?$/),
      fc.constantFrom('1,234.5', '12万吨', '−3', '1e5', '50%', 'exchange', ' futures ', 'eu-ets', 'EU-ETS', '2021/7/16', '0.5K'),
    );
    fc.assert(
      fc.property(cell, (raw) => {
        for (const field of fields) {
          const parsed = field.parse(raw);
          expect(field.read(raw)).toEqual(parsed.ok ? parsed.value : undefined);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
