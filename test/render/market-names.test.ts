import { describe, expect, it } from 'vitest';
import type { Messages } from '../../src/render/i18n.js';
import { comparedNameForms, withMarketNames } from '../../src/render/market-names.js';
import { marketRow } from '../support/rows.js';

const messages = (lang: 'en' | 'zh-CN', strings: Record<string, string>): Messages => ({ lang, strings, locale: { number: {}, time: {} } });

const eu = marketRow('eu-ets', {
  name_en: 'EU ETS',
  name_zh: '欧盟碳市场',
  long_en: 'the EU Emissions Trading System',
  short_en: 'EU',
  short_zh: '欧盟',
  possessive_en: "the EU's",
});
const uk = marketRow('uk-ets', { name_en: 'UK ETS', name_zh: '英国碳市场', short_en: 'UK', short_zh: '英国' });
const UK_EU = { subject: 'uk-ets', reference: 'eu-ets' };

describe('market names come from markets.csv', () => {
  it('fill every string, capitalised where a sentence starts', () => {
    const out = withMarketNames(
      messages('en', {
        a: '{SubjectPossessive} volume as a share of {referencePossessive}',
        b: 'Lessons from {referenceLong} for {subjectLong}',
        c: 'An {pair} comparison',
        'pairs.default': '{referenceShort}–{subjectShort}',
      }),
      [eu, uk],
      UK_EU,
    ).strings;
    // The UK's row has no possessive or long name: "UK's" from its short name, its name for the long one.
    expect(out.a).toBe("UK's volume as a share of the EU's");
    expect(out.b).toBe('Lessons from the EU Emissions Trading System for UK ETS');
    expect(out.c).toBe('An EU–UK comparison');
    expect(out['markets.uk-ets']).toBe('UK ETS');
  });

  it('a pair with its own word in a language takes it', () => {
    const strings = { t: '{pair}比较', 'pairs.default': '{subjectShort}与{referenceShort}', 'pairs.uk-ets+eu-ets': '英欧' };
    expect(withMarketNames(messages('zh-CN', strings), [eu, uk], UK_EU).strings.t).toBe('英欧比较');
    expect(withMarketNames(messages('zh-CN', strings), [eu, uk], { subject: 'eu-ets', reference: 'uk-ets' }).strings.t).toBe('欧盟与英国比较');
  });

  it('a market without names in its row is named by its i18n string, and one with neither is an error', () => {
    const bare = marketRow('kr-ets');
    expect(
      withMarketNames(messages('en', { t: '{subjectName}', 'markets.kr-ets': 'K-ETS' }), [eu, bare], { subject: 'kr-ets', reference: 'eu-ets' }).strings.t,
    ).toBe('K-ETS');
    expect(() => withMarketNames(messages('en', { t: '{subjectName}' }), [eu, bare], { subject: 'kr-ets', reference: 'eu-ets' })).toThrow(
      'data/markets.csv: market "kr-ets" has no name_en (nor does templates/i18n/en.json have a string markets.kr-ets)',
    );
  });

  it('lists every form a string may hold, so digits in a name are not typed numbers', () => {
    const forms = comparedNameForms(
      [eu, marketRow('x', { name_en: 'EU-27 market', short_en: 'EU-27' })],
      { subject: 'x', reference: 'eu-ets' },
      'en',
      () => undefined,
    );
    expect(forms).toEqual(expect.arrayContaining(['EU-27 market', 'EU-27', "EU-27's", 'the EU Emissions Trading System', 'The EU Emissions Trading System']));
  });
});
