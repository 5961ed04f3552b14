import { parseNumber } from '../numbers.js';
import type { ByteSource } from '../records.js';
import { forEachYearRow } from './year-columns.js';

/**
 * The EU Transaction Log's per-account tables as ETS Watch scraped them: one row per account (or
 * installation), one column per year. Three tables share that layout and differ only in their
 * cells: verified emissions, free allocation and compliance codes.
 */
export type AccountTableContent = 'verified-emissions' | 'allocation' | 'compliance-codes';

/** The parts of a Phase 3 allocation the registry marks with asterisks, as account-years columns. */
export type AllocationPart = 'allocated_10c' | 'allocated_ner';

export interface AllocationCell {
  /** The whole free allocation: every number in the cell. */
  readonly total: number;
  readonly parts: Readonly<Partial<Record<AllocationPart, number>>>;
}

export type AllocationRead =
  | { readonly ok: true; readonly value: AllocationCell }
  | { readonly ok: false; readonly message: string; readonly expected: string };

const NUMBER = /^\d+$/;
const MARKED = /^(\d+)(\*+)$/;
const MARKER = /^\*+$/;

/**
 * A free-allocation cell: a whole number, or for Phase 3 the registry's several parts in one cell,
 * `659284  129360  *****`: an unmarked number (allocation under the harmonised rules) and numbers
 * each followed by a footnote marker naming another part (`markers`: which marker is which part,
 * as the layout writes them). The allocation is the sum of all parts, each part kept too. A marker
 * the layout does not list, a marker twice, or two unmarked numbers are errors, never guessed at.
 */
export function readAllocationCell(raw: string, markers: Readonly<Record<string, AllocationPart>>): AllocationRead {
  const expected = `a whole number, or parts such as "659284  129360  ${Object.keys(markers).at(-1) ?? '*'}" (${Object.entries(markers)
    .map(([m, p]) => `${m} ${PART_NAMES[p]}`)
    .join(', ')})`;
  const tokens = raw.trim().split(/\s+/);
  if (tokens.length === 1 && !tokens[0]!.includes('*')) {
    const plain = parseNumber(tokens[0]!);
    return plain.ok && plain.value >= 0 ? { ok: true, value: { total: plain.value, parts: {} } } : { ok: false, message: 'invalid value', expected };
  }
  const numbers: { value: number; marker: string }[] = [];
  for (const token of tokens) {
    const marked = MARKED.exec(token);
    if (NUMBER.test(token)) numbers.push({ value: Number(token), marker: '' });
    else if (marked) numbers.push({ value: Number(marked[1]), marker: marked[2]! });
    else if (MARKER.test(token) && numbers.length > 0 && numbers.at(-1)!.marker === '') numbers.at(-1)!.marker = token;
    else return { ok: false, message: 'invalid allocation parts', expected };
  }
  const parts: Partial<Record<AllocationPart, number>> = {};
  let unmarked = 0;
  for (const { value, marker } of numbers) {
    if (marker === '') {
      if (++unmarked > 1) return { ok: false, message: 'two unmarked numbers in one allocation cell', expected };
      continue;
    }
    const part = Object.hasOwn(markers, marker) ? markers[marker] : undefined;
    if (part === undefined) return { ok: false, message: `unknown allocation marker ${marker}`, expected };
    if (parts[part] !== undefined) return { ok: false, message: `allocation marker ${marker} twice in one cell`, expected };
    parts[part] = value;
  }
  return { ok: true, value: { total: numbers.reduce((s, n) => s + n.value, 0), parts } };
}

const PART_NAMES: Readonly<Record<AllocationPart, string>> = {
  allocated_10c: 'Article 10c transitional allocation',
  allocated_ner: "New Entrants' Reserve",
};

/** A compliance code as the registry writes it (A, A*, B…); "-" is no code. */
export const COMPLIANCE_CODE = /^[A-Z]\*?$/;

/**
 * The trading periods whose allocation plans fixed one amount a year (2005-2007, 2008-2012): an
 * allocation is the same each year of a period (to a tonne or two), verified emissions are not.
 */
const FIXED_PERIODS = [
  [2005, 2006, 2007],
  [2008, 2009, 2010, 2011, 2012],
] as const;

export interface AccountTableKind {
  readonly content: AccountTableContent | undefined;
  /** What the cells showed, for the message when they do not tell. */
  readonly evidence: string;
}

/**
 * Which of the three tables a file is, from its cells (the three share one header): letter codes
 * are compliance codes; numbers with the registry's asterisk markers are allocations; otherwise
 * the years of a fixed-allocation period tell: an account's allocation repeats each year of a
 * period, its verified emissions vary. Undecided when the cells show none of these.
 */
export async function classifyAccountTable(bytes: ByteSource): Promise<AccountTableKind> {
  let codes = 0;
  let marked = 0;
  let numbers = 0;
  let periods = 0;
  let repeated = 0;
  await forEachYearRow(bytes, '(probe)', (row) => {
    const byYear = new Map<number, string>();
    for (const cell of row.years) {
      byYear.set(cell.year, cell.raw);
      if (COMPLIANCE_CODE.test(cell.raw)) codes++;
      else if (cell.raw.includes('*') && /\d/.test(cell.raw)) marked++;
      else if (NUMBER.test(cell.raw)) numbers++;
    }
    for (const years of FIXED_PERIODS) {
      const values = years.map((y) => byYear.get(y) ?? '');
      if (!values.every((v) => NUMBER.test(v) && Number(v) > 0)) continue;
      periods++;
      const n = values.map(Number);
      if (Math.max(...n) - Math.min(...n) <= 2) repeated++;
    }
  });
  const evidence = `${codes} letter codes, ${marked} numbers with asterisk markers, ${numbers} plain numbers; the same value each year in ${repeated} of ${periods} complete 2005-2007 or 2008-2012 periods`;
  const content: AccountTableContent | undefined =
    codes > 0
      ? marked + numbers === 0
        ? 'compliance-codes'
        : undefined
      : marked > 0
        ? 'allocation'
        : periods === 0
          ? undefined
          : repeated / periods >= 0.5
            ? 'allocation'
            : repeated / periods <= 0.2
              ? 'verified-emissions'
              : undefined;
  return { content, evidence };
}
