import type { ParseResult } from './numbers.js';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// Only unambiguous layouts: year first (ISO, 2021/7/16, 2021年7月16日), day-month-year with dots
// (16.07.2021, the European convention), or a month name. 07/16/2021 is refused: in a file of
// unknown origin it may as well be 7 April.
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const DAY_FIRST_DOTS = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const MONTH_NAME_FIRST = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{4})$/;

const DAY_FIRST_DASHES = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;

export const DATE_FORMATS_ACCEPTED = '2021-07-16, 2021/7/16, 2021年7月16日, 16.07.2021 or Jul 16, 2021';

/** Parses a calendar date to ISO `YYYY-MM-DD`; dates stay strings so no time zone can shift them. */
export function parseDate(raw: string): ParseResult<string> {
  if (isIsoDate(raw)) return { ok: true, value: raw };
  const text = raw.trim();
  let m = YEAR_FIRST.exec(text) ?? CHINESE.exec(text);
  if (m) return toIso(+m[1]!, +m[2]!, +m[3]!);
  m = DAY_FIRST_DOTS.exec(text);
  if (m) return toIso(+m[3]!, +m[2]!, +m[1]!);
  m = MONTH_NAME_FIRST.exec(text);
  if (m) return toIso(+m[3]!, monthNumber(m[1]!), +m[2]!);
  m = DAY_MONTH_NAME.exec(text);
  if (m) return toIso(+m[3]!, monthNumber(m[2]!), +m[1]!);
  return { ok: false, expected: `a date such as ${DATE_FORMATS_ACCEPTED}` };
}

/**
 * A date in a file whose format says it writes the day first (investing.com's 17-03-2025): then
 * 17-03-2025 and 03-04-2025 are read day-first, never guessed; every other layout as parseDate.
 */
export function parseDayFirstDate(raw: string): ParseResult<string> {
  const m = DAY_FIRST_DASHES.exec(raw.trim());
  if (m) return toIso(+m[3]!, +m[2]!, +m[1]!);
  return parseDate(raw);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date already written YYYY-MM-DD: the form data/ stores, checked without a Date. */
export function isIsoDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    year = year * 10 + d;
  }
  const m1 = s.charCodeAt(5) - 48,
    m2 = s.charCodeAt(6) - 48,
    d1 = s.charCodeAt(8) - 48,
    d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 3)] ?? 0;
}

function toIso(year: number, month: number, day: number): ParseResult<string> {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { ok: false, expected: 'a real calendar date' };
  }
  return { ok: true, value: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}` };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
