import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfDayNumber,
  dayNumber,
  daysBetween,
  daysInMonth,
  isLeapYear,
  monthEnd,
  monthStart,
  parseDate,
  yearEnd,
  yearStart,
} from '../../src/data/dates.js';

const iso = (raw: string) => {
  const r = parseDate(raw);
  if (!r.ok) throw new Error(`expected ${raw} to parse`);
  return r.value;
};

describe('parseDate', () => {
  it('reads every accepted layout to ISO', () => {
    for (const raw of [
      '2021-07-16',
      '2021/7/16',
      '2021年7月16日',
      '2021 年 7 月 16 日',
      '16.07.2021',
      'Jul 16, 2021',
      'July 16 2021',
      '16 Jul 2021',
      '2021-07-16 00:00:00',
    ]) {
      expect(iso(raw), raw).toBe('2021-07-16');
    }
  });

  it('refuses impossible and ambiguous dates', () => {
    for (const bad of ['2021-02-29', '2021-13-01', '2021/7/32', '07/16/2021', '16/07/2021', '2021-07', 'Jul 2021', 'yesterday', '']) {
      expect(parseDate(bad).ok, bad).toBe(false);
    }
    expect(iso('2020-02-29')).toBe('2020-02-29');
  });

  it('reads the same day whichever layout writes it (property)', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const expected = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        for (const raw of [
          expected,
          `${y}/${m}/${day}`,
          `${y}年${m}月${day}日`,
          `${String(day).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`,
          `${months[m - 1]} ${day}, ${y}`,
        ]) {
          expect(iso(raw)).toBe(expected);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('parseDate on ISO dates (the fast path)', () => {
  it('accepts exactly the real calendar dates, as the general reader does', () => {
    const parts = fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(parts, ([y, m, d]) => {
        const raw = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const probe = new Date(0);
        probe.setUTCFullYear(y, m - 1, d); // setUTCFullYear, unlike Date.UTC, keeps years below 100
        const real = m >= 1 && m <= 12 && d >= 1 && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
        expect(parseDate(raw)).toEqual(real ? { ok: true, value: raw } : { ok: false, expected: expect.any(String) });
        // The same date written another way goes through the general reader and agrees.
        if (real) expect(parseDate(`${raw.replace(/-/g, '/')}`)).toEqual({ ok: true, value: raw });
      }),
      { numRuns: 5000 },
    );
  });
});

describe('day arithmetic', () => {
  it('knows the leap years: every fourth, not centuries, except every fourth century', () => {
    expect([2023, 2024, 1900, 2000, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2023, 4)).toBe(30);
  });

  it('gives the first and last day of a year and a month', () => {
    expect([yearStart(2024), yearEnd(2024)]).toEqual(['2024-01-01', '2024-12-31']);
    expect([monthStart(2024, 2), monthEnd(2024, 2), monthEnd(2023, 2), monthEnd(2023, 12)]).toEqual(['2024-02-01', '2024-02-29', '2023-02-28', '2023-12-31']);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01');
    expect(addDays('2024-03-01', 0)).toBe('2024-03-01');
  });

  it('counts the days between two dates, a leap year holding 366', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(dayNumber('1970-01-01')).toBe(0);
  });

  it('agrees with the calendar for any day of the years 0001–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('0001-01-01'), max: dayNumber('9999-12-31') }), (n) => {
        const iso = dateOfDayNumber(n);
        expect(dayNumber(iso)).toBe(n);
        if (n >= dayNumber('1000-01-01')) expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
      }),
    );
  });
});
