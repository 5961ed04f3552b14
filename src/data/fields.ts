import { DATE_FORMATS_ACCEPTED, isIsoDate, parseDate, parseDayFirstDate } from './dates.js';
import { describeNumber, parseNumber, parsePlain, type NumberFormat, type ParseResult } from './numbers.js';

/** Cell texts that mean "no value" in the exports we receive. Matched after trimming. */
export const DEFAULT_MISSING: readonly string[] = ['', '-', '--', '—', 'N/A', 'n/a', 'NA', '#N/A'];

/** Frictionless Table Schema field descriptor, as written to datapackage.json. */
export interface TableSchemaField {
  name: string;
  type: 'string' | 'number' | 'integer' | 'date' | 'boolean';
  title?: string;
  description?: string;
  unit?: string;
  format?: string;
  constraints?: { required?: boolean; enum?: readonly string[]; minimum?: number; maximum?: number };
  /** ets-brief extension: other header names that map onto this field when loading. */
  'ets:aliases'?: readonly string[];
  /** ets-brief extension: accepted unit words and their multipliers into `unit`. */
  'ets:unitWords'?: Readonly<Record<string, number>>;
}

/**
 * One column of a dataset: how to read it, what it means, and (through the type parameter) what
 * TypeScript sees. A dataset's row type is derived from its fields, never written by hand.
 */
export interface Field<T> {
  readonly type: TableSchemaField['type'];
  readonly required: boolean;
  readonly aliases: readonly string[];
  readonly missing: readonly string[];
  readonly description: string | undefined;
  readonly unit: string | undefined;
  readonly expected: string;
  /** True for a cell meaning "no value" (see DEFAULT_MISSING), spaces around it ignored. */
  isMissing(raw: string): boolean;
  /** Parses a present (non-missing) cell. */
  parse(raw: string): ParseResult<T>;
  /** The same as parse, as the value or undefined when invalid (no result object: large files). */
  read(raw: string): T | undefined;
  describe(name: string): TableSchemaField;
  /** The same field, allowed to be empty (value null). */
  optional(): Field<T | null>;
}

interface Common {
  description?: string;
  aliases?: readonly string[];
  /** Extra texts meaning "missing" for this field (e.g. "Not Reported"), on top of DEFAULT_MISSING. */
  missing?: readonly string[];
}

function makeField<T>(
  spec: Common & { type: TableSchemaField['type']; unit?: string; expected: string; extra?: Partial<TableSchemaField> },
  parse: (raw: string) => ParseResult<T>,
  required = true,
  read: (raw: string) => T | undefined = (raw) => {
    const r = parse(raw);
    return r.ok ? r.value : undefined;
  },
): Field<T> {
  const missing = new Set([...DEFAULT_MISSING, ...(spec.missing ?? [])]);
  const longest = Math.max(...[...missing].map((m) => m.length));
  const field: Field<T> = {
    type: spec.type,
    required,
    aliases: spec.aliases ?? [],
    missing: [...DEFAULT_MISSING, ...(spec.missing ?? [])],
    description: spec.description,
    unit: spec.unit,
    expected: spec.expected,
    // Most cells are longer than any missing marker and need no trimming: no set lookup then.
    isMissing: (raw) => (raw.length > longest && !hasEdgeSpace(raw) ? false : missing.has(trim(raw))),
    parse,
    read,
    describe(name) {
      const out: TableSchemaField = { name, type: spec.type, ...spec.extra };
      if (spec.description !== undefined) out.description = spec.description;
      if (spec.unit !== undefined) out.unit = spec.unit;
      out.constraints = { ...spec.extra?.constraints, required };
      if (spec.aliases && spec.aliases.length > 0) out['ets:aliases'] = spec.aliases;
      return out;
    },
    optional() {
      return makeField<T | null>(spec, parse as (raw: string) => ParseResult<T | null>, false, read);
    },
  };
  return field;
}

export function text(spec: Common & { maxLength?: number } = {}): Field<string> {
  const max = spec.maxLength ?? 10_000;
  return makeField(
    { ...spec, type: 'string', expected: `text of at most ${max} characters` },
    (raw) => (raw.length <= max ? { ok: true, value: trim(raw) } : { ok: false, expected: `text of at most ${max} characters` }),
    true,
    (raw) => (raw.length <= max ? trim(raw) : undefined),
  );
}

export function oneOf<const V extends string>(values: readonly V[], spec: Common = {}): Field<V> {
  const expected = `one of: ${values.join(', ')}`;
  const set = new Set<string>(values);
  const read = (raw: string): V | undefined => {
    const v = trim(raw);
    return set.has(v) ? (v as V) : undefined;
  };
  return makeField(
    { ...spec, type: 'string', expected, extra: { constraints: { enum: values } } },
    (raw) => {
      const v = read(raw);
      return v !== undefined ? { ok: true, value: v } : { ok: false, expected };
    },
    true,
    read,
  );
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** String.trim, without allocating when there is nothing to trim (most cells). */
export function trim(raw: string): string {
  return raw !== '' && hasEdgeSpace(raw) ? raw.trim() : raw;
}

/** Whether a non-empty text may start or end with what String.trim removes (conservative above U+167F). */
function hasEdgeSpace(raw: string): boolean {
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return !(first > 32 && first !== 160 && first < 0x1680 && last > 32 && last !== 160 && last < 0x1680);
}

/** An identifier: lower-case letters, digits and hyphens, so ids are safe in file names and URLs. */
export function id(spec: Common = {}): Field<string> {
  const expected = 'an id of lower-case letters, digits and hyphens';
  const read = (raw: string): string | undefined => {
    const v = trim(raw);
    return ID.test(v) ? v : undefined;
  };
  return makeField(
    { ...spec, type: 'string', expected, extra: { format: 'ets:id' } },
    (raw) => {
      const v = read(raw);
      return v !== undefined ? { ok: true, value: v } : { ok: false, expected };
    },
    true,
    read,
  );
}

export function number(spec: Common & NumberFormat & { unit?: string; minimum?: number; maximum?: number } = {}): Field<number> {
  const format: NumberFormat = {};
  if (spec.units) format.units = spec.units;
  if (spec.percent) format.percent = true;
  const expected = describeBounds(describeNumber(format), spec.minimum, spec.maximum);
  const extra: Partial<TableSchemaField> = { constraints: bounds(spec.minimum, spec.maximum) };
  if (spec.units) extra['ets:unitWords'] = spec.units;
  const parse = (raw: string): ParseResult<number> => {
    const r = parseNumber(raw, format);
    if (!r.ok) return { ok: false, expected };
    return inBounds(r.value, spec.minimum, spec.maximum) ? r : { ok: false, expected };
  };
  return makeField({ ...spec, type: 'number', expected, extra }, parse, true, (raw) => {
    const plain = parsePlain(raw);
    if (plain === undefined) {
      const r = parse(raw);
      return r.ok ? r.value : undefined;
    }
    return inBounds(plain, spec.minimum, spec.maximum) ? plain : undefined;
  });
}

export function integer(spec: Common & { unit?: string; minimum?: number; maximum?: number } = {}): Field<number> {
  const expected = describeBounds('a whole number', spec.minimum, spec.maximum);
  return makeField({ ...spec, type: 'integer', expected, extra: { constraints: bounds(spec.minimum, spec.maximum) } }, (raw) => {
    const r = parseNumber(raw);
    if (!r.ok || !Number.isInteger(r.value) || !inBounds(r.value, spec.minimum, spec.maximum)) {
      return { ok: false, expected };
    }
    return r;
  });
}

/** `dayFirst`: the file states that it writes 17-03-2025 (day, month, year with dashes or slashes). */
export function date(spec: Common & { dayFirst?: boolean } = {}): Field<string> {
  const parse = spec.dayFirst ? parseDayFirstDate : parseDate;
  const expected = spec.dayFirst ? `a date such as 17-03-2025 (day first), ${DATE_FORMATS_ACCEPTED}` : `a date such as ${DATE_FORMATS_ACCEPTED}`;
  return makeField({ ...spec, type: 'date', expected }, parse, true, (raw) => {
    if (isIsoDate(raw)) return raw;
    const r = parse(raw);
    return r.ok ? r.value : undefined;
  });
}

export function boolean(spec: Common = {}): Field<boolean> {
  const expected = 'true or false';
  return makeField({ ...spec, type: 'boolean', expected }, (raw) => {
    const v = raw.trim().toLowerCase();
    if (v === 'true' || v === 'yes' || v === '1') return { ok: true, value: true };
    if (v === 'false' || v === 'no' || v === '0') return { ok: true, value: false };
    return { ok: false, expected };
  });
}

function bounds(minimum?: number, maximum?: number): NonNullable<TableSchemaField['constraints']> {
  const c: NonNullable<TableSchemaField['constraints']> = {};
  if (minimum !== undefined) c.minimum = minimum;
  if (maximum !== undefined) c.maximum = maximum;
  return c;
}

function inBounds(value: number, minimum?: number, maximum?: number): boolean {
  return (minimum === undefined || value >= minimum) && (maximum === undefined || value <= maximum);
}

function describeBounds(base: string, minimum?: number, maximum?: number): string {
  if (minimum !== undefined && maximum !== undefined) return `${base}; between ${minimum} and ${maximum}`;
  if (minimum !== undefined) return `${base}; at least ${minimum}`;
  if (maximum !== undefined) return `${base}; at most ${maximum}`;
  return base;
}

/**
 * A text that must pass a test too long to list as an enum (any ISO 4217 currency, a unit built on
 * one). `format` names the rule in datapackage.json.
 */
export function matching(test: (value: string) => boolean, spec: Common & { expected: string; format: string }): Field<string> {
  const read = (raw: string): string | undefined => {
    const v = trim(raw);
    return test(v) ? v : undefined;
  };
  return makeField(
    { ...spec, type: 'string', extra: { format: spec.format } },
    (raw) => {
      const v = read(raw);
      return v !== undefined ? { ok: true, value: v } : { ok: false, expected: spec.expected };
    },
    true,
    read,
  );
}
