/**
 * Number conversion is explicit: a field states which unit words it accepts and what each
 * multiplies by. A suffix the field did not declare is an error, never a guess, so "12万" can
 * never slip into a column of tonnes as 12.
 */
export interface NumberFormat {
  /** Suffix (case-sensitive, matched after trimming) -> multiplier into the field's unit. */
  units?: Readonly<Record<string, number>>;
  /** Accept a trailing % (the number is kept in percent: "12%" -> 12). */
  percent?: boolean;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; expected: string };

// Digits with optional grouping by comma, space, thin or no-break space ("3 487 233", the
// paper's style); grouping must be regular so "1,5" (a decimal comma) is rejected, not misread.
const NUMBER = /^([+\-−]?)(?:(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+|\d+)(?:\.(\d+))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Plain decimals ("60.24", "-3", "669734"), by far the commonest cells, read in one pass. The
 * digits form an exact integer below 2^53 and 10^k is exact, so one IEEE division gives the
 * correctly rounded value: the same double as Number(raw). Anything else returns undefined.
 */
export function parsePlain(raw: string): number | undefined {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 45 ? 1 : 0; // '-'
  if (i === n || n - i > 16) return undefined;
  let digits = 0;
  let mantissa = 0;
  let fraction = -1;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0 && digits > 0) fraction = 0;
    else return undefined;
  }
  if (digits === 0 || fraction === 0 || digits > 15) return undefined;
  const value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction]! : mantissa;
  return raw.charCodeAt(0) === 45 ? -value : value;
}

export function parseNumber(raw: string, format: NumberFormat = {}): ParseResult<number> {
  const plain = parsePlain(raw);
  if (plain !== undefined) return { ok: true, value: plain };
  let text = raw.trim();
  let multiplier = 1;
  if (format.percent && text.endsWith('%')) text = text.slice(0, -1).trimEnd();
  else if (format.units) {
    const suffix = matchSuffix(text, format.units);
    if (suffix !== undefined) {
      multiplier = format.units[suffix]!;
      text = text.slice(0, -suffix.length).trimEnd();
    }
  }
  const match = NUMBER.exec(text);
  if (!match) return { ok: false, expected: describeNumber(format) };
  const [, sign, whole, fraction, bareFraction, exponent] = match;
  const digits = (whole ?? '0').replace(/[^\d]/g, '');
  const literal = `${sign === '-' || sign === '−' ? '-' : ''}${digits}.${fraction ?? bareFraction ?? '0'}e${exponent ?? '0'}`;
  const value = Number(literal) * multiplier;
  if (!Number.isFinite(value)) return { ok: false, expected: 'a finite number' };
  return { ok: true, value: multiplier === 1 ? value : roundScaled(value) };
}

/** Longest declared suffix first, so "亿吨" is not read as "吨". */
function matchSuffix(text: string, units: Readonly<Record<string, number>>): string | undefined {
  let best: string | undefined;
  for (const suffix of Object.keys(units)) {
    if (suffix !== '' && text.endsWith(suffix) && (best === undefined || suffix.length > best.length)) best = suffix;
  }
  return best;
}

/** 1.2 * 1e8 is 120000000.00000001 in binary floating point; a unit word must not add noise. */
function roundScaled(value: number): number {
  return Number(value.toPrecision(15));
}

export function describeNumber(format: NumberFormat): string {
  const parts = ['a number (e.g. 1234.5, 1,234.5, 1.2E7)'];
  if (format.percent) parts.push('optionally followed by %');
  const units = Object.keys(format.units ?? {}).filter((u) => u !== '');
  if (units.length > 0) parts.push(`optionally followed by one of: ${units.join(', ')}`);
  return parts.join(', ');
}
