#!/usr/bin/env node
// Regenerates data/price-annual.csv and data/emissions.csv (two series: as covered each year, and
// on one comparable scope) from the public files in
// ../shared/real-data, with the project's own readers (run `npm run build` first).
// Usage: node scripts/derive-public-series.mjs [REAL_DATA_DIR] [DATA_DIR]
// Kept as a script, not a command, because `ets-brief import` (issue 4) will replace it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTable } from '../dist/data/read-table.js';
import { dailyPrices } from '../dist/data/formats/daily-prices.js';
import { parse } from 'csv-parse';
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

// EUTL verified emissions of stationary installations (ETS Watch keeps aircraft operators in a
// separate file), per year, two ways:
// - as covered each year: every account in the file, so the scope changes with the system
//   (2007 Bulgaria and Romania, 2008 Norway and Liechtenstein, 2013 Croatia, Iceland and new
//   activities and gases); the scope id says which;
// - on one scope, comparable across years: without the UK's accounts (GB, and XI for Northern
//   Ireland), plus, for 2005–2012, the EEA's estimates to reflect the Phase 3 scope (its background
//   note, Annex III, Table 13-1) for every country but the United Kingdom.
// Rows from other sources (e.g. the Commission's figure for a year this copy lacks) are kept.
const country = new Map();
for await (const r of parse(await readFile(join(realData, 'eutl-installations/installations.csv')), { columns: true })) country.set(r.account_id, r.country);
const asCovered = new Map(); // year -> { total, reported, statuses }
const withoutUk = new Map(); // year -> total
for await (const r of parse(await readFile(join(realData, 'eu-ets-watch/eutl-verified-emissions-by-account.csv')), { columns: true })) {
  const uk = ['GB', 'XI'].includes(country.get(r.account_id));
  for (const [column, raw] of Object.entries(r)) {
    if (!/^\d{4}$/.test(column) || raw === '') continue;
    const year = Number(column);
    const y = asCovered.get(year) ?? { total: 0, reported: 0, statuses: {} };
    asCovered.set(year, y);
    if (!/^-?\d+(\.\d+)?$/.test(raw)) {
      y.statuses[raw] = (y.statuses[raw] ?? 0) + 1;
      continue;
    }
    y.total += Number(raw);
    y.reported++;
    if (!uk) withoutUk.set(year, (withoutUk.get(year) ?? 0) + Number(raw));
  }
}
const note = (await readFile(join(realData, 'eea-ets-notes/background_note_Jul2025.txt'), 'utf8')).split('\n');
const table = note.findIndex((l) => l.includes('Table 13-1'));
if (table < 0) fail([{ file: 'background_note_Jul2025.txt', severity: 'error', message: 'Table 13-1 not found' }]);
const estimate = new Map(); // year -> Mt, all countries but the UK
let countries = 0;
for (const line of note.slice(table, table + 60)) {
  const m = /^\s*([A-Z][A-Za-z .]+?)\s+((?:-?\d+\.\d\s+){7}-?\d+\.\d)\s*$/.exec(line);
  if (!m) continue;
  countries++;
  if (m[1].trim() === 'United Kingdom') continue;
  m[2].trim().split(/\s+/).forEach((v, i) => estimate.set(2005 + i, (estimate.get(2005 + i) ?? 0) + Number(v)));
}
if (countries !== 31) fail([{ file: 'background_note_Jul2025.txt', severity: 'error', message: `Table 13-1: read ${countries} countries, expected 31` }]);
const coverageOf = (year) => (year <= 2006 ? 'eu-2005' : year === 2007 ? 'eu-2007' : year <= 2012 ? 'eu-2008' : year <= 2020 ? 'eu-2013' : 'eu-2021');
const emissionsFile = join(dataDir, 'emissions.csv');
// Rows from other sources are kept as the file has them.
const kept = (await readFile(emissionsFile, 'utf8').catch(() => '')).split('\n').slice(1).filter((l) => l !== '' && !/,ets-watch-eutl(;|,)/.test(l));
const emissionRows = [['market', 'year', 'scope', 'coverage', 'value', 'estimated', 'reporting_units', 'source', 'note']];
for (const [year, y] of [...asCovered].sort((a, b) => a[0] - b[0])) {
  if (y.reported === 0) continue; // years not yet reported in this copy of the EUTL
  const statuses = Object.entries(y.statuses).map(([word, n]) => `${n} ${word}`).join(', ');
  emissionRows.push(['eu-ets', year, 'verified-ets', coverageOf(year), y.total, '', y.reported, 'ets-watch-eutl', `Stationary installations: sum over all EUTL accounts in the file with a verified value${statuses ? `; ${statuses}` : ''}.`]);
}
for (const [year, total] of [...withoutUk].sort((a, b) => a[0] - b[0])) {
  if ((asCovered.get(year)?.reported ?? 0) === 0) continue;
  const add = estimate.get(year);
  const value = add === undefined ? total : Math.round(total + add * 1e6);
  const how = add === undefined ? 'EUTL accounts outside the UK' : `EUTL accounts outside the UK plus the EEA's estimate of ${add.toFixed(1)} Mt to reflect the Phase 3 scope`;
  emissionRows.push(['eu-ets', year, 'verified-ets', 'eu-2013-no-uk', value, add === undefined ? '' : 'true', '', `ets-watch-eutl;eutl-installations${add === undefined ? '' : ';eea-ets-background-2025'}`, `${how}.`]);
}
await writeFile(emissionsFile, csv(emissionRows) + kept.map((line) => `${line}\n`).join(''));
console.log(`wrote ${priceRows.length - 1} price years and ${emissionRows.length - 1 + kept.length} emission rows to ${dataDir}/`);
