// Rows 3 and 4: the loader against csv-parse on a generated 1,000,000-row daily file; its peak
// memory on a 10,000,000-row file; and the price chart's size from 1,000 and 10,000,000 rows.
import { createReadStream } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { generateDaily } from '../generate.mjs';
import { note, run, summary } from '../lib.mjs';

const CHILD = fileURLToPath(new URL('./load-child.mjs', import.meta.url));

/** A copy of data/ whose market-daily.csv is a generated file of `rows` rows. */
async function dataWithDaily(work, data, rows) {
  const dir = join(work, `data-${rows}`);
  await cp(data, dir, { recursive: true });
  note(`generating ${rows.toLocaleString('en')} daily rows`);
  const extremes = await generateDaily(join(dir, 'market-daily.csv'), rows);
  return { dir, extremes };
}

function csvParseAlone(file) {
  return new Promise((resolve, reject) => {
    let records = 0;
    createReadStream(file)
      .pipe(parse({ columns: true }))
      .on('data', () => records++)
      .on('end', () => resolve(records))
      .on('error', reject);
  });
}

/** Whether the chart drew the series' extremes exactly (eu-ets exchange: the price chart's series). */
function keptExtremes(drawn, extremes) {
  const e = extremes.find((s) => s.market === 'eu-ets' && s.instrument === 'exchange');
  return drawn.minClose === e.minClose && drawn.maxClose === e.maxClose && drawn.minLow === e.minLow && drawn.maxHigh === e.maxHigh;
}

export async function benchLoader({ runs, big, work, data }) {
  const { loadData } = await import('../../dist/index.js');
  const rows = [];

  // 3a. Throughput: both read the same 1M-row file, alternately, in this process.
  const million = await dataWithDaily(work, data, 1_000_000);
  const file = join(million.dir, 'market-daily.csv');
  const times = { csvParse: [], loader: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['loader', 'csvParse'] : ['csvParse', 'loader'];
    for (const which of order) {
      const start = performance.now();
      if (which === 'csvParse') {
        if ((await csvParseAlone(file)) !== 1_000_000) throw new Error('csv-parse read a different number of rows');
      } else {
        const loaded = await loadData(million.dir, { keepDailyRows: false });
        if (!loaded.data) throw new Error(`generated data has errors: ${JSON.stringify(loaded.issues.slice(0, 2))}`);
      }
      times[which].push(performance.now() - start);
    }
    note(`loader ${i + 1}/${runs}: csv-parse ${times.csvParse.at(-1).toFixed(0)} ms, loadData ${times.loader.at(-1).toFixed(0)} ms`);
  }
  await rm(million.dir, { recursive: true, force: true });
  rows.push({
    id: '3',
    group: 'loader',
    measure: 'loader throughput ÷ csv-parse (columns: true), 1M rows',
    unit: 'x',
    result: summary(times.loader.map((t, i) => times.csvParse[i] / t)),
    behind: `csv-parse ${summary(times.csvParse).median.toFixed(0)} ms / loadData (validated, all 13 datasets) ${summary(times.loader).median.toFixed(0)} ms`,
    goal: { op: '>=', value: 0.7 },
    runs: times,
  });

  // 3b and 4. Peak memory and the chart, each run a new process.
  const small = await dataWithDaily(work, data, 1000);
  const large = await dataWithDaily(work, data, big);
  const sizes = { small: [], large: [] };
  const peaks = [];
  const kept = { small: true, large: true };
  let lastLarge;
  for (let i = 0; i < runs; i++) {
    for (const [name, set] of [
      ['small', small],
      ['large', large],
    ]) {
      const r = JSON.parse((await run(process.execPath, [CHILD, set.dir])).stdout);
      sizes[name].push(r.svgBytes / 1024);
      kept[name] &&= keptExtremes(r.drawn, set.extremes);
      if (name === 'large') {
        peaks.push(r.peakMiB);
        lastLarge = r;
      }
    }
    note(
      `memory ${i + 1}/${runs}: ${big.toLocaleString('en')} rows loaded in ${lastLarge.loadMs.toFixed(0)} ms, peak ${peaks.at(-1).toFixed(0)} MiB; chart ${sizes.small.at(-1).toFixed(1)} KiB / ${sizes.large.at(-1).toFixed(1)} KiB`,
    );
  }
  rows.push({
    id: '3m',
    group: 'loader',
    measure: `peak memory loading ${big.toLocaleString('en')} rows`,
    unit: ' MiB',
    result: summary(peaks),
    behind: `process peak RSS after loadData (keepDailyRows: false); ${(lastLarge.loadMs / 1000).toFixed(0)} s`,
    goal: { op: '<=', value: 250 },
    runs: { peakMiB: peaks },
  });
  for (const [name, count] of [
    ['small', 1000],
    ['large', big],
  ]) {
    rows.push({
      id: name === 'small' ? '4a' : '4b',
      group: 'chart',
      measure: `price chart SVG from ${count.toLocaleString('en')} rows`,
      unit: ' KiB',
      result: summary(sizes[name]),
      behind: kept[name] ? 'highest and lowest close, low and high kept exactly' : 'EXTREMES NOT KEPT',
      goal: { op: '<=', value: 150 },
      runs: { kib: sizes[name] },
      extremesKept: kept[name],
    });
  }
  await rm(large.dir, { recursive: true, force: true });
  return rows;
}
