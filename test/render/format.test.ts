import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fill, formatDate, formatMoney, formatPercent, formatPrice, formatTonnes } from '../../src/render/format.js';

describe('formatting for Chinese and English readers', () => {
  it('writes tonnes in 亿吨/万吨 for zh-CN and Mt/Gt for en', () => {
    expect(formatTonnes(2.3e8, 'zh-CN')).toBe('2.3亿吨');
    expect(formatTonnes(1.25e10, 'zh-CN')).toBe('125亿吨');
    expect(formatTonnes(4_103_953, 'zh-CN')).toBe('410万吨');
    expect(formatTonnes(2.3e8, 'en')).toBe('230 Mt');
    expect(formatTonnes(4.5e9, 'en', true)).toBe('4.5 Gt/yr');
    expect(formatTonnes(950, 'en')).toBe('950 t');
  });

  it('writes money in 亿元/亿欧元 for zh-CN and bn for en', () => {
    expect(formatMoney(10_475_000_000, 'CNY', 'zh-CN')).toBe('104.8亿元');
    expect(formatMoney(38.8e9, 'EUR', 'zh-CN')).toBe('388亿欧元');
    expect(formatMoney(38.8e9, 'EUR', 'en')).toBe('EUR 38.8 bn');
    expect(formatMoney(5e6, 'USD', 'en')).toBe('USD 5 million');
  });

  it('writes prices, percentages and dates', () => {
    expect(formatPrice(45.543, 'CNY', 'zh-CN')).toBe('45.5元/吨');
    expect(formatPrice(96, 'EUR', 'en')).toBe('EUR 96/t');
    expect(formatPercent(1.84, 'en')).toBe('1.8%');
    expect(formatPercent(-35.817, 'zh-CN', 1)).toBe('-35.8%');
    expect(formatDate('2022-12-31', 'zh-CN')).toBe('2022年12月31日');
    expect(formatDate('2021-07-16', 'en')).toBe('16 July 2021');
  });

  it('fills named placeholders and refuses a missing one', () => {
    expect(fill('{a} of {b}', { a: 1, b: 'two' }, 't')).toBe('1 of two');
    expect(() => fill('{a} of {c}', { a: 1 }, 'sentences.x')).toThrow(/sentences\.x: no value for \{c\}/);
  });

  it('never loses the order of magnitude (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e12, noNaN: true }), (t) => {
        const zh = formatTonnes(t, 'zh-CN');
        const [, n, unit] = /^([\d.,]+)(亿吨|万吨|吨)$/.exec(zh)!;
        const back = Number(n!.replace(/,/g, '')) * (unit === '亿吨' ? 1e8 : unit === '万吨' ? 1e4 : 1);
        expect(Math.abs(back - t) / t).toBeLessThan(0.006); // three significant digits
      }),
      { seed: 9, numRuns: 500 },
    );
  });
});
