// Loads a data folder with its daily rows streamed and reduced (not kept), then draws the price
// chart from what was kept. Run as its own process so its peak memory is the loader's alone.
// Prints one JSON line: peak RSS after loading, times, and the chart's size and extremes.
import { loadData, renderBrief } from '../../dist/index.js';

export async function loadAndChart(dir) {
  const start = performance.now();
  const loaded = await loadData(dir, { keepDailyRows: false });
  const loadMs = performance.now() - start;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  if (!loaded.data) throw new Error(`the data has errors: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
  const rows = loaded.summary.find((s) => s.name === 'market-daily').rows;
  const brief = await renderBrief(loaded.data, { lang: 'en', daily: loaded.daily });
  const chart = brief.charts.get('eua-price');
  // The table's columns are in the chart's field order: period, mean (close), min (low), max (high).
  const fields = ['period', 'mean', 'min', 'max'];
  const column = (name) => chart.table.rows.map((r) => r[fields.indexOf(name)]);
  const drawn = {
    minClose: Math.min(...column('mean')),
    maxClose: Math.max(...column('mean')),
    minLow: Math.min(...column('min')),
    maxHigh: Math.max(...column('max')),
  };
  return {
    rows,
    loadMs,
    peakMiB,
    svgBytes: Buffer.byteLength(chart.svg),
    points: chart.table.rows.length,
    drawn,
    series: loaded.daily.map((s) => ({ market: s.market, instrument: s.instrument, rows: s.rows })),
  };
}

if (process.argv[2]) process.stdout.write(`${JSON.stringify(await loadAndChart(process.argv[2]))}\n`);
