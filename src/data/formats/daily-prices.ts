import { date, number } from '../fields.js';
import { defineDataset } from '../schema.js';

/** Quantities in tonnes, as analysts' files write them. */
const TONNE_WORDS = { t: 1, 吨: 1, K: 1e3, k: 1e3, M: 1e6, Mt: 1e6, 万吨: 1e4, 亿吨: 1e8 } as const;
/** Amounts of money in the file's currency. */
const MONEY_WORDS = { 元: 1, K: 1e3, k: 1e3, M: 1e6, bn: 1e9, 万元: 1e4, 亿元: 1e8, 万: 1e4, 亿: 1e8 } as const;

/**
 * Daily trading data for one allowance, as analysts receive it from exchanges and terminals
 * (English or Chinese headers, unit words in cells). Read with unknown columns ignored.
 */
export const dailyPrices = defineDataset({
  name: 'daily-prices',
  title: 'Daily allowance trading data',
  description: 'Date, prices (currency per tonne), volume (t) and turnover (currency) per trading day.',
  fields: {
    date: date({ aliases: ['datetime', 'trade_date', 'trading day', '日期', '交易日期'] }),
    open: number({ unit: 'currency/t', minimum: 0, aliases: ['开盘价'] }).optional(),
    high: number({ unit: 'currency/t', minimum: 0, aliases: ['最高价'] }).optional(),
    low: number({ unit: 'currency/t', minimum: 0, aliases: ['最低价'] }).optional(),
    close: number({ unit: 'currency/t', minimum: 0, aliases: ['settle', 'settlement', 'price', 'last', '收盘价', '最新价', '结算价'] }),
    volume: number({ unit: 't', minimum: 0, units: TONNE_WORDS, aliases: ['成交量', '成交数量'] }).optional(),
    turnover: number({ unit: 'currency', minimum: 0, units: MONEY_WORDS, aliases: ['value', 'amount', '成交额', '成交金额'] }).optional(),
    change_pct: number({ unit: '%', percent: true, aliases: ['change %', '涨跌幅'] }).optional(),
  },
  primaryKey: ['date'],
});
