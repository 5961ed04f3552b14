import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/data/datasets/index.js';
import type { DataIssue } from '../../src/data/errors.js';
import { DayIndex, RowChecks } from '../../src/data/row-checks.js';
import { dailyRow } from '../support/rows.js';

describe('RowChecks', () => {
  const known = new Map([
    ['markets', new Map([['id', new Set(['eu-ets', 'cn-ets'])]])],
    ['sources', new Map([['id', new Set(['paper', 'eea'])]])],
  ]);
  const daily = (date: string, extra = {}) => dailyRow('test', date, 1, extra);

  it('finds a duplicated dated key with the line it first appeared on, in either order', () => {
    const checks = new RowChecks(DATASETS['market-daily'], 'd.csv', known);
    const issues: DataIssue[] = [];
    const add = (i: DataIssue) => issues.push(i);
    checks.check(daily('2020-01-02'), 2, add);
    checks.check(daily('1999-12-31'), 3, add); // earlier than the first: the index grows backwards
    checks.check(daily('2020-01-02', { instrument: 'exchange' }), 4, add); // another instrument: no clash
    checks.check(daily('2020-01-02', { series: 'other' }), 4, add); // another publisher's series: no clash
    checks.check(daily('2020-01-02'), 5, add);
    checks.check(daily('1999-12-31'), 6, add);
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [5, 'duplicate row: market=eu-ets, instrument=futures, series=test, date=2020-01-02 already appears on line 2'],
      [6, 'duplicate row: market=eu-ets, instrument=futures, series=test, date=1999-12-31 already appears on line 3'],
    ]);
  });

  it('checks references, including lists of ids, and collects the values others refer to', () => {
    const checks = new RowChecks(DATASETS['market-daily'], 'd.csv', known);
    const issues: DataIssue[] = [];
    checks.check(daily('2020-01-02', { market: 'uk-ets', source: 'paper; nowhere' }), 7, (i) => issues.push(i));
    expect(issues.map((i) => [i.column, i.value, i.message])).toEqual([
      ['market', 'uk-ets', 'unknown id in markets.csv'],
      ['source', 'nowhere', 'unknown id in sources.csv'],
    ]);
    const markets = new RowChecks(DATASETS.markets, 'm.csv', known, ['id']);
    markets.check({ id: 'uk-ets', source: 'eea' }, 2, () => {});
    expect([...markets.collected.get('id')!]).toEqual(['uk-ets']);
  });
});

describe('DayIndex', () => {
  it('stays within 4 bytes a day over a span of 3.65 million days', () => {
    const index = new DayIndex();
    for (let day = -719_162; day < 2_932_897; day += 97) expect(index.add(day, 1)).toBeUndefined();
    expect(index.add(-719_162, 9)).toBe(1);
    expect((index as unknown as { lines: Int32Array }).lines.byteLength).toBeLessThanOrEqual(2 * 4 * 3_652_059);
  });
});
