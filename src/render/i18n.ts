import { parseJson, positionOf } from '../json-source.js';
import type { Lang } from './format.js';
import type { TemplateFiles } from './template-files.js';

export type Strings = Readonly<Record<string, string>>;

export interface Messages {
  readonly lang: Lang;
  /** Every string, by dotted key ("sections.results"). */
  readonly strings: Strings;
  /** d3 locale definitions for chart axes. */
  readonly locale: { readonly number: Record<string, unknown>; readonly time: Record<string, unknown> };
}

/**
 * Loads templates/i18n/<lang>.json; the `locale` block is kept apart from the strings.
 * `overrides` replace single strings (a configured title, say).
 */
export async function loadMessages(files: TemplateFiles | string, lang: Lang, overrides: Readonly<Record<string, string>> = {}): Promise<Messages> {
  const source = typeof files === 'string' ? new (await import('./template-files.js')).TemplateFiles(files) : files;
  const file = await source.path(`i18n/${lang}.json`);
  const text = await source.read(`i18n/${lang}.json`);
  const json = parseJson(text, file) as Record<string, unknown> & { locale: Messages['locale'] };
  const { locale, ...rest } = json;
  return { lang, strings: { ...flattenStrings(rest, file, '', text), ...overrides }, locale };
}

/** The strings of a nested object by dotted key; `text`, the file's JSON, locates a wrong value. */
export function flattenStrings(node: Record<string, unknown>, where: string, prefix = '', text?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flattenStrings(value as Record<string, unknown>, where, path, text));
    else {
      const at = text === undefined ? undefined : positionOf(text, path.split('.'));
      throw new Error(`${where}${at ? `:${at.line}:${at.column}` : ''}: ${path} must be a string or an object of strings`);
    }
  }
  return out;
}

/** A string key the messages do not have (keys are own properties: "constructor" is unknown). */
export class UnknownStringError extends Error {
  constructor(readonly key: string, readonly lang: Lang) {
    super(`unknown string "${key}" (not in templates/i18n/${lang}.json)`);
    this.name = 'UnknownStringError';
  }
}

/** The string of `key`, if the messages have it as their own (never an Object.prototype member). */
export function lookupString(strings: Strings, key: string): string | undefined {
  return Object.hasOwn(strings, key) ? strings[key] : undefined;
}

/** Looks a key up; a missing key fails the build instead of printing nothing. */
export function translator(messages: Messages): (key: string) => string {
  return (key) => {
    const value = lookupString(messages.strings, key);
    if (value === undefined) throw new UnknownStringError(key, messages.lang);
    return value;
  };
}
