/** The brief's languages. */
export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** Significant digits for quantities: enough to read, few enough not to claim false precision. */
const SIG = 3;

// Chinese text writes 2162家 and 1395亿, not 2,162家: thousands separators only from 10,000 up
// (so a table column of five- and six-digit numbers is grouped throughout).
function trimNumber(value: number, lang: Lang, options: { sig?: number; decimals?: number; fixed?: boolean } = {}): string {
  const digits =
    options.decimals !== undefined
      ? { minimumFractionDigits: options.fixed ? options.decimals : 0, maximumFractionDigits: options.decimals }
      : { maximumSignificantDigits: options.sig ?? SIG };
  const useGrouping = lang === 'zh-CN' ? Math.abs(value) >= 1e4 : true;
  return numberFormat(lang, options.decimals, options.fixed === true, options.sig ?? SIG, useGrouping, digits).format(value);
}

// Creating an Intl.NumberFormat costs about 50 µs, formatting with one about 1 µs; a brief
// formats thousands of table cells, so formatters are kept by their options.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(
  lang: Lang,
  decimals: number | undefined,
  fixed: boolean,
  sig: number,
  useGrouping: boolean,
  digits: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = `${lang}|${decimals}|${fixed}|${sig}|${useGrouping}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-GB', { ...digits, useGrouping });
    formatters.set(key, format);
  }
  return format;
}

/** A plain number: 2162 in Chinese text, 2,162 in English. `fixed` keeps trailing zeros (0.60). */
export function formatNumber(value: number, lang: Lang, decimals = 0, fixed = false): string {
  return trimNumber(value, lang, { decimals, fixed });
}

/** A count of things: 约1万 in Chinese from 10,000 up; 10,000 in English. */
export function formatCount(value: number, lang: Lang): string {
  if (lang === 'zh-CN' && Math.abs(value) >= 1e4) return `${trimNumber(value / 1e4, lang)}万`;
  return trimNumber(value, lang, { decimals: 0 });
}

/**
 * Tonnes as a reader expects them: 2.3亿吨, 450万吨 in Chinese (亿 = 10^8, 万 = 10^4); 230 Mt,
 * 4.5 Gt in English.
 */
export function formatTonnes(t: number, lang: Lang, perYear = false): string {
  const abs = Math.abs(t);
  if (lang === 'zh-CN') {
    const suffix = perYear ? '/年' : '';
    if (abs >= 1e8) return `${trimNumber(t / 1e8, lang)}亿吨${suffix}`;
    if (abs >= 1e4) return `${trimNumber(t / 1e4, lang)}万吨${suffix}`;
    return `${trimNumber(t, lang)}吨${suffix}`;
  }
  const suffix = perYear ? '/yr' : '';
  if (abs >= 1e9) return `${trimNumber(t / 1e9, lang)} Gt${suffix}`;
  if (abs >= 1e6) return `${trimNumber(t / 1e6, lang)} Mt${suffix}`;
  return `${trimNumber(t, lang)} t${suffix}`;
}

const ZH_CURRENCY: Readonly<Record<string, string>> = {
  CNY: '元',
  EUR: '欧元',
  USD: '美元',
  GBP: '英镑',
  JPY: '日元',
  KRW: '韩元',
  CHF: '瑞士法郎',
  NZD: '新西兰元',
  AUD: '澳元',
  CAD: '加元',
};

/** A currency as a reader names it: 欧元 in Chinese (the code where no name is known); EUR in English. */
export function currencyName(code: string, lang: Lang): string {
  return lang === 'zh-CN' ? (code === 'CNY' ? '人民币' : (ZH_CURRENCY[code] ?? code)) : code;
}

/** Money: 104.75亿元, 388亿欧元; CNY 10.5 bn, EUR 38.8 bn. */
export function formatMoney(value: number, currency: string, lang: Lang): string {
  const abs = Math.abs(value);
  if (lang === 'zh-CN') {
    const unit = ZH_CURRENCY[currency] ?? currency;
    if (abs >= 1e8) return `${trimNumber(value / 1e8, lang, { sig: 4 })}亿${unit}`;
    if (abs >= 1e4) return `${trimNumber(value / 1e4, lang, { sig: 4 })}万${unit}`;
    return `${trimNumber(value, lang)}${unit}`;
  }
  if (abs >= 1e9) return `${currency} ${trimNumber(value / 1e9, lang, { sig: 4 })} bn`;
  if (abs >= 1e6) return `${currency} ${trimNumber(value / 1e6, lang, { sig: 4 })} million`;
  return `${currency} ${trimNumber(value, lang, { decimals: 2 })}`;
}

/** A price per tonne: 45.5元/吨, 50欧元/吨; CNY 45.5/t, EUR 50/t. */
export function formatPrice(value: number, currency: string, lang: Lang, decimals = 1): string {
  const n = trimNumber(value, lang, { decimals });
  return lang === 'zh-CN' ? `${n}${ZH_CURRENCY[currency] ?? currency}/吨` : `${currency} ${n}/t`;
}

/** A percentage: 1.84%. Signed values keep their sign. */
export function formatPercent(value: number, lang: Lang, decimals = 1): string {
  return `${trimNumber(value, lang, { decimals })}%`;
}

/** English month names, from Intl once (a formatter per call was a tenth of rendering a brief). */
const EN_MONTHS = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, i, 1))),
);

/** An ISO date: 2022年12月31日; 31 December 2022. */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (lang === 'zh-CN') return `${y}年${m}月${d}日`;
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** Any number in its unit, written the way a reader of `lang` expects. */
export function formatByUnit(value: number, unit: string, lang: Lang): string {
  if (unit === 't' || unit === 't/yr') return formatTonnes(value, lang, unit === 't/yr');
  const price = /^([A-Z]{3})\/t$/.exec(unit);
  if (price) return formatPrice(value, price[1]!, lang, 2);
  if (/^[A-Z]{3}$/.test(unit)) return formatMoney(value, unit, lang);
  if (unit === '%') return formatPercent(value, lang, 2);
  if (unit === '%/yr') return `${formatPercent(value, lang, 2)}${lang === 'zh-CN' ? '/年' : ' a year'}`;
  if (unit === 'GWh') return `${formatNumber(value, lang)} GWh`;
  return formatNumber(value, lang, 2);
}

/** A month: 2023年1月; January 2023. */
export function formatMonth(iso: string, lang: Lang): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  if (lang === 'zh-CN') return `${y}年${m}月`;
  return `${EN_MONTHS[m - 1]} ${y}`;
}

/** A year: 2005年; 2005. */
export function formatYear(year: number | string, lang: Lang): string {
  return lang === 'zh-CN' ? `${year}年` : String(year);
}

/**
 * A table cell: numbers in the reader's convention (years stay bare), a day in words (as the
 * chart's tooltips and sentences write it), other text as it is.
 */
export function formatCell(value: unknown, lang: Lang): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
  return Number.isInteger(value) && value >= 1900 && value <= 2100 ? String(value) : formatNumber(value, lang, 4);
}

/** "{name} is {value}" with named placeholders; a placeholder without a value is an error. */
export function fill(template: string, values: Readonly<Record<string, string | number>>, where: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    // Own keys only: {constructor} is a missing value, not Object's constructor.
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`${where}: no value for {${name}} in "${template}"`);
    return String(value);
  });
}
