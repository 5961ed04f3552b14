import { describe, expect, it } from 'vitest';
import { checkFxAgainstAnnual } from '../../../src/data/import/fx-check.js';

const annual = [
  { base: 'EUR', quote: 'CNY', year: 2019, rate: 7.7355 },
  { base: 'USD', quote: 'CNY', year: 2019, rate: 6.9081 },
];
/** `days` working days of 2019 at a rate drifting ±1% around `level`. */
const year = (level: number, days = 250, pair = { base: 'EUR', quote: 'CNY' }) =>
  Array.from({ length: days }, (_, i) => ({
    ...pair,
    date: new Date(Date.UTC(2019, 0, 1 + Math.floor((i * 365) / days))).toISOString().slice(0, 10),
    rate: level * (1 + 0.01 * Math.sin(i)),
  }));

describe('daily rates checked against the annual averages of their pair', () => {
  it('accepts EUR/CNY rates that are EUR/CNY, and the inverse pair', () => {
    expect(checkFxAgainstAnnual(year(7.72), annual, 'f.csv')).toEqual([]);
    expect(checkFxAgainstAnnual(year(1 / 7.72, 250, { base: 'CNY', quote: 'EUR' }), annual, 'f.csv')).toEqual([]);
  });

  it('refuses USD/CNY rates in a file the format says is EUR/CNY, naming the year and both values', () => {
    const issues = checkFxAgainstAnnual(year(6.9), annual, 'EUR_CNY.csv');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'EUR_CNY.csv', severity: 'error' });
    expect(issues[0]!.message).toMatch(/2019 rates average 6\.9\d*, but fx-rates\.csv's EUR\/CNY average for 2019 is 7\.7355/);
  });

  it('does not compare a year of a few days with an annual average, nor a year fx-rates.csv lacks', () => {
    expect(checkFxAgainstAnnual(year(6.9, 20), annual, 'f.csv')).toEqual([]);
    expect(
      checkFxAgainstAnnual(
        year(6.9).map((r) => ({ ...r, date: r.date.replace('2019', '1999') })),
        annual,
        'f.csv',
      ),
    ).toEqual([]);
  });
});
