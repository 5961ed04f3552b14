import { parseJson, positionOf } from '../json-source.js';
import type { Lang } from './format.js';
import { join } from 'node:path';
import type { TemplateFiles } from './template-files.js';

export type Strings = Readonly<Record<string, string>>;

export interface Messages {
  readonly lang: Lang;
  /** Every string, by dotted key ("sections.results"). */
  readonly strings: Strings;
  /** d3 locale definitions for chart axes. */
  readonly locale: { readonly number: Record<string, unknown>; readonly time: Record<string, unknown> };
  /** A brief folder's own i18n/<lang>.json: its file and the keys it sets (the rest are built-in). */
  readonly override?: { readonly file: string; readonly keys: readonly string[] };
}

type StringsFile = Record<string, unknown> & { locale?: Messages['locale'] };

/**
 * Loads templates/i18n/<lang>.json; the `locale` block is kept apart from the strings. An override
 * folder's i18n/<lang>.json replaces strings key by key: what it leaves out is the built-in
 * string. `overrides` replace single strings (a configured title, say).
 */
export async function loadMessages(files: TemplateFiles | string, lang: Lang, overrides: Readonly<Record<string, string>> = {}): Promise<Messages> {
  const source = typeof files === 'string' ? new (await import('./template-files.js')).TemplateFiles(files) : files;
  const relative = `i18n/${lang}.json`;
  const builtinFile = join(source.builtin, relative);
  const builtinText = await source.readBuiltin(relative);
  const { locale: builtinLocale, ...builtin } = parseJson(builtinText, builtinFile) as StringsFile;
  const file = await source.path(relative);
  if (file === builtinFile) return { lang, strings: { ...flattenStrings(builtin, file, '', builtinText), ...overrides }, locale: builtinLocale! };
  const text = await source.read(relative);
  const { locale, ...own } = parseJson(text, file) as StringsFile;
  const strings = flattenStrings(own, file, '', text);
  return {
    lang,
    strings: { ...flattenStrings(builtin, builtinFile, '', builtinText), ...strings, ...overrides },
    locale: locale ?? builtinLocale!,
    override: { file, keys: Object.keys(strings) },
  };
}

/** The strings of a nested object by dotted key; `text`, the file's JSON, locates a wrong value. */
export function flattenStrings(node: Record<string, unknown>, where: string, prefix = '', text?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value))
      Object.assign(out, flattenStrings(value as Record<string, unknown>, where, path, text));
    else {
      const at = text === undefined ? undefined : positionOf(text, path.split('.'));
      throw new Error(`${where}${at ? `:${at.line}:${at.column}` : ''}: ${path} must be a string or an object of strings`);
    }
  }
  return out;
}

/** A string key the messages do not have (keys are own properties: "constructor" is unknown). */
export class UnknownStringError extends Error {
  constructor(
    readonly key: string,
    readonly lang: Lang,
  ) {
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
