// Synthetic daily trading data in data/market-daily.csv's layout, for the loader and chart
// benchmarks. Deterministic (a seeded random walk), so every run reads the same bytes.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { dateOfDayNumber } from '../dist/data/dates.js';

const HEADER = 'market,instrument,series,date,close,open,high,low,volume,turnover,currency,source,note\n';
/** Series the rows are spread over, each on consecutive days: a date is unique within a series. */
export const SERIES = [
  { market: 'eu-ets', instrument: 'exchange', currency: 'EUR' },
  { market: 'eu-ets', instrument: 'futures', currency: 'EUR' },
  { market: 'cn-ets', instrument: 'exchange', currency: 'CNY' },
  { market: 'cn-ets', instrument: 'futures', currency: 'CNY' },
];
/** The first day of every series. A series of 2.5 million days runs to the year 8845. */
export const FIRST_DAY = '1000-01-01';

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = -354285; // 1000-01-01 as days since 1970-01-01

/**
 * Writes `rows` rows to `file`: the series one after another (as `ets-brief import` writes
 * them), a random walk of prices with each day's high and low around its close. Resolves with
 * the extremes of each series, so a benchmark can check a chart kept them.
 */
export async function generateDaily(file, rows, { series = SERIES, seed = 42 } = {}) {
  const random = mulberry32(seed);
  const out = createWriteStream(file);
  out.write(HEADER);
  const perSeries = Math.ceil(rows / series.length);
  const extremes = [];
  let written = 0;
  let chunk = '';
  for (const s of series) {
    let log = Math.log(60);
    const ext = { ...s, rows: 0, minLow: Infinity, maxHigh: -Infinity, minClose: Infinity, maxClose: -Infinity };
    for (let i = 0; i < perSeries && written < rows; i++, written++) {
      // A log price pulled back towards 60 (a random walk would drift off to 0 or infinity).
      log += 0.001 * (Math.log(60) - log) + (random() - 0.5) * 0.04;
      const close = Math.exp(log);
      const high = close * (1 + random() * 0.02);
      const low = close * (1 - random() * 0.02);
      const volume = Math.round(random() * 1e6);
      const c = close.toFixed(2),
        h = high.toFixed(2),
        l = low.toFixed(2);
      chunk += `${s.market},${s.instrument},bench,${dateOfDayNumber(START + i)},${c},${c},${h},${l},${volume},${(volume * close).toFixed(0)},${s.currency},paper,\n`;
      ext.rows++;
      ext.minLow = Math.min(ext.minLow, +l);
      ext.maxHigh = Math.max(ext.maxHigh, +h);
      ext.minClose = Math.min(ext.minClose, +c);
      ext.maxClose = Math.max(ext.maxClose, +c);
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    extremes.push(ext);
  }
  out.end(chunk);
  await once(out, 'finish');
  return extremes;
}
