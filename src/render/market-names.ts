import type { Data } from '../data/datasets/index.js';
import type { Lang } from './format.js';
import { lookupString, type Messages } from './i18n.js';

type Market = Data['markets'][number];

/** The forms of a market's name a sentence needs, in one language. */
export interface MarketNames {
  /** "EU ETS", "China's national ETS"; 欧盟碳市场. */
  readonly name: string;
  /** "the EU Emissions Trading System" (titles). */
  readonly long: string;
  /** The jurisdiction: "EU", "China" ("EU price"). */
  readonly short: string;
  /** "the EU's", "China's" (Chinese needs none: the short name). */
  readonly possessive: string;
}

/**
 * A market's names in `lang`, from its markets.csv row; a market whose row has no name takes the
 * string markets.<id> of the i18n file, and a missing form falls back to a plainer one.
 */
export function marketNames(market: Market | undefined, id: string, lang: Lang, strings: (key: string) => string | undefined): MarketNames {
  const en = lang === 'en';
  const name = (en ? market?.name_en : market?.name_zh) ?? strings(`markets.${id}`);
  if (name === undefined) {
    throw new Error(
      `data/markets.csv: market "${id}" has no ${en ? 'name_en' : 'name_zh'} (nor does templates/i18n/${lang}.json have a string markets.${id}): the brief cannot name it`,
    );
  }
  const short = (en ? market?.short_en : market?.short_zh) ?? name;
  return { name, long: (en ? market?.long_en : market?.long_zh) ?? name, short, possessive: en ? (market?.possessive_en ?? `${short}'s`) : short };
}

/** {subjectName}, {referenceLong}, {SubjectPossessive}…: the placeholders every string may use. */
const PLACEHOLDER = /\{(subject|reference|Subject|Reference)(Name|Long|Short|Possessive)\}/g;

/**
 * {pair}: the two markets together ("EU–China"), as the string pairs.<subject>+<reference> writes
 * them where a language has a word for that pair (中欧), else as pairs.default does.
 */
const PAIR = /\{pair\}/g;

/**
 * The messages with the compared markets' names put into every string: sentences, titles, labels,
 * captions and chart words name the markets the configuration compares, from markets.csv, never a
 * market typed into a string. A capitalised placeholder ({SubjectLong}) starts a sentence. Each
 * market's name also becomes its string markets.<id> (legends, lists), taking the i18n file's place.
 */
export function withMarketNames(
  messages: Messages,
  markets: readonly Market[],
  comparison: { readonly subject: string; readonly reference: string },
): Messages {
  const { lang } = messages;
  const strings: Record<string, string> = { ...messages.strings };
  for (const market of markets) {
    const name = lang === 'en' ? market.name_en : market.name_zh;
    if (name !== null) strings[`markets.${market.id}`] = name;
  }
  const roles = { subject: comparison.subject, reference: comparison.reference };
  const names = new Map<string, MarketNames>();
  const namesOf = (role: 'subject' | 'reference') => {
    let found = names.get(role);
    if (!found) {
      found = marketNames(
        markets.find((m) => m.id === roles[role]),
        roles[role],
        lang,
        (key) => lookupString(messages.strings, key),
      );
      names.set(role, found);
    }
    return found;
  };
  const named = (text: string) =>
    text.replace(PLACEHOLDER, (_, role: string, form: string) => {
      const value = namesOf(role.toLowerCase() as 'subject' | 'reference')[form.toLowerCase() as keyof MarketNames];
      return role[0] === role[0]!.toUpperCase() ? capitalise(value) : value;
    });
  const pairKey = `pairs.${comparison.subject}+${comparison.reference}`;
  let pair: string | undefined;
  for (const [key, text] of Object.entries(strings)) {
    if (!text.includes('{')) continue;
    strings[key] = named(
      text.replace(PAIR, () => (pair ??= named(lookupString(strings, pairKey) ?? lookupString(strings, 'pairs.default') ?? '{referenceShort}–{subjectShort}'))),
    );
  }
  return { ...messages, strings };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Every form of the compared markets' names that withMarketNames may have put into a string, for
 * telling a name's digits ("EU-27") from a number typed into a sentence.
 */
export function comparedNameForms(
  markets: readonly Market[],
  comparison: { readonly subject: string; readonly reference: string },
  lang: Lang,
  strings: (key: string) => string | undefined,
): string[] {
  const forms = [comparison.subject, comparison.reference].flatMap((id) =>
    Object.values(
      marketNames(
        markets.find((m) => m.id === id),
        id,
        lang,
        strings,
      ),
    ),
  );
  return [...new Set([...forms, ...forms.map(capitalise)])];
}
