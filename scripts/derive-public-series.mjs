#!/usr/bin/env node
// Regenerates data/price-annual.csv and data/emissions.csv (two series: as covered each year, and
// on one comparable scope) from the public files in
// ../shared/real-data, with the project's own readers (run `npm run build` first).
// Usage: node scripts/derive-public-series.mjs [REAL_DATA_DIR] [DATA_DIR]
// `ets-brief import` brings the same files in one by one (the registry's totals and accounts, the
// EEA's estimates) with the same readers and sums; this script regenerates the shipped series
// from them in one go, without the per-account rows.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTable } from '../dist/data/read-table.js';
import { dailyPrices } from '../dist/data/formats/daily-prices.js';
import { parse } from 'csv-parse';
import { formatIssue, hasErrors } from '../dist/data/errors.js';
import { formatCsv } from '../dist/data/write-table.js';
import { DATASETS } from '../dist/data/datasets/index.js';
import { readNoteTable } from '../dist/data/formats/eea-note.js';
import { forEachYearRow, readYearColumns, readYearValue } from '../dist/data/formats/year-columns.js';
import { accountTotals, comparableYear, estimatesByYear } from '../dist/data/import/scope-estimates.js';

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
for await (const r of parse(await readFile(join(realData, 'eutl-installations/installations.csv')), { columns: true })) country.set(Number(r.account_id), r.country);
// The same readers and sums as `ets-brief import` (eutl-verified-emissions, eea-scope-estimates).
const verifiedFile = join(realData, 'eu-ets-watch/eutl-verified-emissions-by-account.csv');
const registry = await readYearColumns(verifiedFile);
if (hasErrors(registry.issues)) fail(registry.issues);
const asCovered = new Map(registry.years.map((y) => [y.year, y]));
const verified = [];
const read = await forEachYearRow(verifiedFile, verifiedFile, (row) => {
  for (const cell of row.years) {
    const v = readYearValue(cell.raw);
    if (v.kind === 'number') verified.push({ account: Number(row.get('account_id')), year: cell.year, value: v.value });
  }
});
if (hasErrors(read.issues)) fail(read.issues);
const noteFile = join(realData, 'eea-ets-notes/background_note_Jul2025.txt');
const { table, issues: noteIssues } = readNoteTable(await readFile(noteFile, 'utf8'), 'Table 13-1', noteFile);
if (!table || hasErrors(noteIssues)) fail(noteIssues);
if (table.rows.length !== 31) fail([{ file: noteFile, severity: 'error', message: `Table 13-1: read ${table.rows.length} countries, expected 31` }]);
const scopes = await readTable(join(dataDir, 'scopes.csv'), DATASETS.scopes);
const comparable = scopes.rows.find((s) => s.id === 'eu-2013-no-uk');
if (!comparable) fail([{ file: 'scopes.csv', severity: 'error', message: 'no scope eu-2013-no-uk' }]);
const inScope = new Set(comparable.countries.split(';'));
const estimates = estimatesByYear(table, inScope, noteFile);
if (hasErrors(estimates.issues)) fail(estimates.issues);
const withoutUk = accountTotals(verified, country, (c) => inScope.has(c));
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
for (const [year, { total }] of [...withoutUk].sort((a, b) => a[0] - b[0])) {
  if ((asCovered.get(year)?.reported ?? 0) === 0) continue;
  const y = comparableYear(total, estimates.byYear.get(year), 'outside the UK');
  emissionRows.push(['eu-ets', year, 'verified-ets', 'eu-2013-no-uk', y.value, y.estimated ? 'true' : '', '', `ets-watch-eutl;eutl-installations${y.estimated ? ';eea-ets-background-2025' : ''}`, y.note]);
}
await writeFile(emissionsFile, csv(emissionRows) + kept.map((line) => `${line}\n`).join(''));
console.log(`wrote ${priceRows.length - 1} price years and ${emissionRows.length - 1 + kept.length} emission rows to ${dataDir}/`);
