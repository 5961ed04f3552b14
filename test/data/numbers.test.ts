import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/data/numbers.js';

const value = (raw: string, format = {}) => {
  const r = parseNumber(raw, format);
  if (!r.ok) throw new Error(`expected ${raw} to parse: ${r.expected}`);
  return r.value;
};

describe('parseNumber', () => {
  it('reads plain, signed, grouped and scientific numbers', () => {
    expect(value('1234.5')).toBe(1234.5);
    expect(value(' -0.01 ')).toBe(-0.01);
    expect(value('−28.8')).toBe(-28.8); // U+2212 minus, as typeset
    expect(value('1,289,480')).toBe(1289480);
    expect(value('3 487 233')).toBe(3487233); // the paper's Table 1 style
    expect(value('2.1725E7')).toBe(21725000);
    expect(value('2.1023005325E8')).toBe(210230053.25);
    expect(value('.5')).toBe(0.5);
  });

  it('applies only the unit words a field declares', () => {
    const tonnes = { units: { 万吨: 1e4, 亿吨: 1e8, K: 1e3, M: 1e6 } };
    expect(value('410万吨', tonnes)).toBe(4_100_000);
    expect(value('0.0129亿吨', tonnes)).toBe(1_290_000);
    expect(value('4.1M', tonnes)).toBe(4_100_000);
    expect(value('1289K', tonnes)).toBe(1_289_000);
    expect(parseNumber('12 kg', tonnes).ok).toBe(false);
    expect(parseNumber('12万', tonnes).ok).toBe(false); // 万 alone was not declared for tonnes
    expect(parseNumber('410万吨').ok).toBe(false); // no unit words declared at all
  });

  it('reads percent only where allowed, keeping the number in percent', () => {
    expect(value('1.5%', { percent: true })).toBe(1.5);
    expect(value('12', { percent: true })).toBe(12);
    expect(parseNumber('1.5%').ok).toBe(false);
  });

  it('refuses ambiguous or malformed text instead of guessing', () => {
    for (const bad of ['1,5', '1,23,456', '12..3', '1e', 'abc', '--5', '5-', '1 2', 'Infinity', 'NaN', '0x10', '']) {
      expect(parseNumber(bad).ok, bad).toBe(false);
    }
  });

  it('round-trips any finite number written with or without grouping (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const n = whole + (Math.sign(whole || 1) * cents) / 100;
        const plain = n.toFixed(2);
        const grouped = `${Math.abs(whole).toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
        const signed = (whole < 0 ? '-' : '') + grouped;
        expect(value(plain)).toBeCloseTo(n, 6);
        expect(value(signed)).toBeCloseTo(n, 6);
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });

  it('gives the same quantity whichever declared unit word writes it (property)', () => {
    const tonnes = { units: { t: 1, K: 1e3, M: 1e6, 万吨: 1e4, 亿吨: 1e8 } };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), (t) => {
        expect(value(`${t}t`, tonnes)).toBe(t);
        expect(value(`${t / 1e4}万吨`, tonnes)).toBeCloseTo(t, 4);
        expect(value(`${t / 1e8}亿吨`, tonnes)).toBeCloseTo(t, 4);
        expect(value(`${t / 1e6}M`, tonnes)).toBeCloseTo(t, 4);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('never throws, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const r = parseNumber(s, { percent: true, units: { 万吨: 1e4 } });
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
      }),
      { seed: 1, numRuns: 2000 },
    );
  });
});

describe('parseNumber fast path', () => {
  it('gives exactly the double Number() gives for plain decimals up to 15 digits', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,8}$/), fc.option(fc.stringMatching(/^\d{1,7}$/), { nil: undefined }))
      .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(decimal, (raw) => Object.is(value(raw), Number(raw))),
      { numRuns: 5000 },
    );
  });

  it('leaves anything unusual to the general reader', () => {
    expect(parseNumber('1.').ok).toBe(false);
    expect(parseNumber('-').ok).toBe(false);
    expect(parseNumber('1.2.3').ok).toBe(false);
    expect(value('1234567890123456')).toBe(1234567890123456); // 16 digits: general path, same value
  });
});
