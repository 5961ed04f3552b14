#!/usr/bin/env node
// Regenerates data/price-annual.csv and data/emissions.csv from the public files in
// ../shared/real-data, with the project's own readers (run `npm run build` first).
// Usage: node scripts/derive-public-series.mjs [REAL_DATA_DIR] [DATA_DIR]
// Kept as a script, not a command, because `ets-brief import` (issue 4) will replace it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTable } from '../dist/data/read-table.js';
import { dailyPrices } from '../dist/data/formats/daily-prices.js';
import { readYearColumns } from '../dist/data/formats/year-columns.js';
import { formatIssue, hasErrors } from '../dist/data/errors.js';
import { formatCsv } from '../dist/data/write-table.js';

const csv = (rows) => formatCsv(rows, { newline: '\n', formulas: 'keep' });

const realData = process.argv[2] ?? '../shared/real-data';
const dataDir = process.argv[3] ?? 'data';

function fail(issues) {
  for (const issue of issues) console.error(formatIssue(issue));
  process.exit(1);
}

// EUA futures settlement prices, aggregated per calendar year.
const futures = await readTable(join(realData, 'eu-ets-watch/eua-futures-daily.csv'), dailyPrices, {
  unknownColumns: 'ignore',
  columns: { close: 'settle' }, // the file's own close column is computed (26.529999999999998)
});
if (hasErrors(futures.issues)) fail(futures.issues);
const byYear = new Map();
for (const row of futures.rows) {
  const year = Number(row.date.slice(0, 4));
  const y = byYear.get(year) ?? { sum: 0, days: 0, min: Infinity, max: -Infinity, first: row.date, last: row.date };
  y.sum += row.close;
  y.days++;
  y.min = Math.min(y.min, row.close);
  y.max = Math.max(y.max, row.close);
  if (row.date < y.first) y.first = row.date;
  if (row.date > y.last) y.last = row.date;
  byYear.set(year, y);
}
const priceRows = [['market', 'year', 'instrument', 'mean', 'min', 'max', 'currency', 'days', 'first_date', 'last_date', 'source', 'note']];
for (const [year, y] of [...byYear].sort((a, b) => a[0] - b[0])) {
  const partial = y.first > `${year}-01-05` || y.last < `${year}-12-27`;
  const note = partial ? `Partial year: the file covers ${y.first} to ${y.last} only.` : '';
  priceRows.push(['eu-ets', year, 'futures-settle', (y.sum / y.days).toFixed(4), y.min, y.max, 'EUR', y.days, y.first, y.last, 'ets-watch-futures', note]);
}
await writeFile(join(dataDir, 'price-annual.csv'), csv(priceRows));

// EUTL verified emissions (stationary installations; ETS Watch keeps aircraft operators in a
// separate file): sum of every account's verified emissions per year. Rows from other sources
// (e.g. the Commission's figure for a year this copy lacks) are kept as they are.
const eutl = await readYearColumns(join(realData, 'eu-ets-watch/eutl-verified-emissions-by-account.csv'));
if (hasErrors(eutl.issues)) fail(eutl.issues);
const emissionsFile = join(dataDir, 'emissions.csv');
const kept = (await readFile(emissionsFile, 'utf8').catch(() => '')).split('\n').slice(1).filter((l) => l !== '' && !l.includes(',ets-watch-eutl,'));
const emissionRows = [['market', 'year', 'scope', 'value', 'reporting_units', 'source', 'note']];
for (const y of eutl.years) {
  if (y.reported === 0) continue; // years not yet reported in this copy of the EUTL
  const statuses = Object.entries(y.statuses).map(([word, n]) => `${n} ${word}`).join(', ');
  const note = `Stationary installations: sum over all EUTL accounts in the file with a verified value${statuses ? `; ${statuses}` : ''}.`;
  emissionRows.push(['eu-ets', y.year, 'verified-ets', y.total, y.reported, 'ets-watch-eutl', note]);
}
// Rows kept from other sources are written back as the file had them.
await writeFile(emissionsFile, csv(emissionRows) + kept.map((line) => `${line}\n`).join(''));
console.log(`wrote ${priceRows.length - 1} price years and ${emissionRows.length - 1 + kept.length} emission years to ${dataDir}/`);
