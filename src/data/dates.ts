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
  return day <= daysInMonth(year, month);
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS[lower] ?? MONTHS[lower.slice(0, 3)] ?? 0;
}

function toIso(year: number, month: number, day: number): ParseResult<string> {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, expected: 'a real calendar date' };
  }
  return { ok: true, value: isoDate(year, month, day) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

// Day arithmetic on ISO dates, in whole days and without Date objects: a date is a calendar day,
// not an instant, so no time zone or daylight-saving hour can move it. Day numbers count from
// 1970-01-01 (Hinnant's days_from_civil and civil_from_days, exact for the years 0001–9999).

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** `YYYY-MM-DD` of a year, month (1–12) and day. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

export const yearStart = (year: number): string => `${year}-01-01`;
export const yearEnd = (year: number): string => `${year}-12-31`;
/** The first day of a month (1–12). */
export const monthStart = (year: number, month: number): string => isoDate(year, month, 1);
/** The last day of a month (1–12): 28, 29, 30 or 31. */
export const monthEnd = (year: number, month: number): string => isoDate(year, month, daysInMonth(year, month));

// Loading asks for the same row's day twice in a row (the key check, then the daily reduction).
let lastIso = '';
let lastDay = 0;

/** Days since 1970-01-01 of an ISO date (negative before it). */
export function dayNumber(iso: string): number {
  if (iso === lastIso) return lastDay;
  const digit = (i: number) => iso.charCodeAt(i) - 48;
  let y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  lastIso = iso;
  lastDay = era * 146097 + doe - 719468;
  return lastDay;
}

/** The ISO date of a day number (days since 1970-01-01). */
export function dateOfDayNumber(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return isoDate(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** The date `days` days after `iso` (before it when negative). */
export function addDays(iso: string, days: number): string {
  return dateOfDayNumber(dayNumber(iso) + days);
}

/** Days from `from` to `to`: positive when `to` is later, 0 on the same day. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
