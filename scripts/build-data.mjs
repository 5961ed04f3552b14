#!/usr/bin/env node
// Rebuilds data/ from the raw publisher files (../shared/real-data, listed with their sha256 and
// publish policy in data-src/raw-files.csv) and the curated facts (data-src/curated/): what no
// publisher file gives (the paper's statements, phases, rules, scopes, Table 1, annual rates…).
// Run `npm run build` first: it uses the compiled readers and the import `ets-brief import` runs.
// data-src/raw-files.csv: path, sha256, retrieved (dates the import), published (optional: the
// date the publisher's data describe, written on the file's source row), policy, note.
// Usage: node scripts/build-data.mjs [--real DIR] [--out DIR] [--src DIR]
//   1. copies data-src/curated/ to a temporary folder;
//   2. derives price-annual.csv (ETS Watch's futures, per year) and emissions.csv (the EU
//      Transaction Log's totals as covered and on one comparable scope, with the EEA's estimates)
//      with the readers and sums `import` uses (formerly scripts/derive-public-series.mjs);
//   3. imports every raw file there with `ets-brief import`'s code, dated by the manifest;
//   4. publishes: rows of `aggregate` files become market-monthly / auctions-annual (src/data/publish.ts),
//      and the registry, GDP and daily rates are cut to what the brief uses;
//   5. validates the result and writes it, with datapackage.json, to --out (data/ by default).
// The same inputs give the same bytes: dates come from the manifest, never the clock.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { buildDescriptor, serialiseDescriptor } from '../dist/data/datapackage.js';
import { DATASETS } from '../dist/data/datasets/index.js';
import { formatIssue, hasErrors } from '../dist/data/errors.js';
import { readNoteTable } from '../dist/data/formats/eea-note.js';
import { dailyPrices } from '../dist/data/formats/daily-prices.js';
import { forEachYearRow, readYearColumns, readYearValue } from '../dist/data/formats/year-columns.js';
import { importFiles } from '../dist/data/import/run.js';
import { accountTotals, comparableYear, estimatesByYear } from '../dist/data/import/scope-estimates.js';
import { loadData } from '../dist/data/load.js';
import { PUBLISH_POLICIES, publish } from '../dist/data/publish.js';
import { readTable } from '../dist/data/read-table.js';
import { formatCsv, formatTable } from '../dist/data/write-table.js';
import { matchCompany } from '../dist/metrics/company.js';
import { VERSION } from '../dist/version.js';

/** What data/ ships of the registry, GDP and daily rates (README, "The data"). */
const GDP_REGIONS = new Set(['eu27', 'chn', 'world']); // the brief compares the EU with China, and both with the world
const CURRENCIES = new Set(['EUR', 'USD', 'CNY']); // the currencies the brief converts between

const { values: args } = parseArgs({
  options: { real: { type: 'string', default: '../shared/real-data' }, out: { type: 'string', default: 'data' }, src: { type: 'string', default: 'data-src' } },
});

function fail(issues) {
  for (const issue of issues) console.error(typeof issue === 'string' ? issue : formatIssue(issue));
  process.exit(1);
}

// The manifest: each raw file as read, checked before anything is imported.
const manifest = parse(await readFile(join(args.src, 'raw-files.csv')), { columns: true });
const problems = [];
for (const f of manifest) {
  if (!PUBLISH_POLICIES.includes(f.policy)) problems.push(`raw-files.csv: ${f.path}: policy "${f.policy}" is not one of ${PUBLISH_POLICIES.join(', ')}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.retrieved)) problems.push(`raw-files.csv: ${f.path}: retrieved "${f.retrieved}" is not an ISO date`);
  const bytes = await readFile(join(args.real, f.path)).catch((e) => {
    problems.push(`${join(args.real, f.path)}: ${e.message}`);
    return null;
  });
  const sha = bytes && createHash('sha256').update(bytes).digest('hex');
  if (sha && sha !== f.sha256)
    problems.push(`${join(args.real, f.path)}: sha256 ${sha}, but raw-files.csv records ${f.sha256}: the file changed; check it and update the manifest`);
}
if (problems.length > 0) fail(problems);

const work = await mkdtemp(join(tmpdir(), 'ets-build-data-'));
try {
  const dir = join(work, 'data');
  await cp(join(args.src, 'curated'), dir, { recursive: true });
  await deriveSeries(args.real, dir);
  // One import per day read, in the manifest's order of days: each source row is dated by it.
  for (const day of [...new Set(manifest.map((f) => f.retrieved))].sort()) {
    const files = manifest.filter((f) => f.retrieved === day).map((f) => join(args.real, f.path));
    await importFiles(files, { dataDir: dir, version: VERSION, today: day });
  }
  const loaded = await loadData(dir);
  if (!loaded.data) fail(loaded.issues);
  // A file's publication date (raw-files.csv `published`: e.g. when the registry was scraped,
  // which dates the holder names Figure 8 matches) on the source row its import recorded, whose
  // id ends with the file's sha256 prefix.
  const publishedBySha = new Map(manifest.filter((f) => f.published).map((f) => [f.sha256.slice(0, 8), f.published]));
  const data = {
    ...loaded.data,
    sources: loaded.data.sources.map((s) =>
      publishedBySha.has(s.id.split('-').at(-1)) && !s.published ? { ...s, published: publishedBySha.get(s.id.split('-').at(-1)) } : s,
    ),
  };
  // The registry accounts a company rule finds (and those it excludes again, so the figure's
  // review lists stay whole): the brief's company figure, not the registry's 16,000 accounts.
  const accounts = new Set();
  for (const company of new Set(data['company-rules'].map((r) => r.company))) {
    const { accounts: found, excluded } = matchCompany(data, company);
    for (const a of [...found, ...excluded]) accounts.add(`${a.market}/${a.account}`);
  }
  const tables = publish(data, { files: manifest, accounts, gdpRegions: GDP_REGIONS, currencies: CURRENCIES });

  // An import sorts the datasets it merges into by key; the curated rows keep their order (the
  // brief lists Table 1's rows, the facts, the recommendations as data-src/ orders them).
  const curatedDir = join(args.src, 'curated');
  const curated = {};
  for (const file of await readdir(curatedDir)) {
    const name = file.replace(/\.csv$/, '');
    // emissions.csv's derived rows are written before its curated ones, in order, by deriveSeries.
    if (DATASETS[name] && name !== 'emissions') curated[name] = (await readTable(join(curatedDir, file), DATASETS[name])).rows;
  }
  const staged = join(work, 'out');
  await mkdir(staged);
  for (const [name, schema] of Object.entries(DATASETS)) {
    if (schema.optional && tables[name].length === 0) continue;
    await writeFile(join(staged, `${name}.csv`), formatTable(schema, inCuratedOrder(schema, tables[name], curated[name] ?? [])));
  }
  const check = await loadData(staged);
  if (!check.data) fail(check.issues);
  await writeFile(join(staged, 'datapackage.json'), serialiseDescriptor(buildDescriptor(check.data, VERSION)));

  // Replace --out's dataset files and descriptor; a dataset no longer produced is removed.
  await mkdir(args.out, { recursive: true });
  const produced = new Set(await readdir(staged));
  for (const name of Object.keys(DATASETS)) if (!produced.has(`${name}.csv`)) await rm(join(args.out, `${name}.csv`), { force: true });
  for (const file of produced) await cp(join(staged, file), join(args.out, file));
  console.log(
    `wrote ${[...produced].length} files to ${args.out}/: ${Object.entries(tables)
      .filter(([, r]) => r.length > 0)
      .map(([n, r]) => `${n} ${r.length}`)
      .join(', ')}`,
  );
} finally {
  await rm(work, { recursive: true, force: true });
}

/** The curated rows first, in data-src/'s order, then the others in theirs. */
function inCuratedOrder(schema, rows, curatedRows) {
  const key = (r) => schema.primaryKey.map((k) => String(r[k] ?? '')).join('\u0000');
  const rank = new Map(curatedRows.map((r, i) => [key(r), i]));
  const at = (r) => rank.get(key(r)) ?? Infinity;
  return rows
    .map((r, i) => [r, i])
    .sort(([a, i], [b, j]) => at(a) - at(b) || i - j)
    .map(([r]) => r);
}

/**
 * price-annual.csv and emissions.csv's derived rows, from the public files, into `dataDir` (whose
 * curated emissions rows, e.g. the Commission's 2021 figure, are kept after them).
 */
async function deriveSeries(realData, dataDir) {
  const csv = (rows) => formatCsv(rows, { newline: '\n', formulas: 'keep' });
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
  //   Ireland), plus, for 2005–2012, the EEA's estimates to reflect the Phase 3 scope (its
  //   background note, Annex III, Table 13-1) for every country but the United Kingdom.
  const country = new Map();
  for (const r of parse(await readFile(join(realData, 'eutl-installations/installations.csv')), { columns: true }))
    country.set(Number(r.account_id), r.country);
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
  if (table.rows.length !== 31) fail([`${noteFile}: Table 13-1: read ${table.rows.length} countries, expected 31`]);
  const scopes = await readTable(join(dataDir, 'scopes.csv'), DATASETS.scopes);
  const comparable = scopes.rows.find((s) => s.id === 'eu-2013-no-uk');
  if (!comparable) fail(['scopes.csv: no scope eu-2013-no-uk']);
  const inScope = new Set(comparable.countries.split(';'));
  const estimates = estimatesByYear(table, inScope, noteFile);
  if (hasErrors(estimates.issues)) fail(estimates.issues);
  const withoutUk = accountTotals(verified, country, (c) => inScope.has(c));
  const coverageOf = (year) => (year <= 2006 ? 'eu-2005' : year === 2007 ? 'eu-2007' : year <= 2012 ? 'eu-2008' : year <= 2020 ? 'eu-2013' : 'eu-2021');
  const emissionsFile = join(dataDir, 'emissions.csv');
  const curated = (await readFile(emissionsFile, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l !== '');
  const emissionRows = [['market', 'year', 'scope', 'coverage', 'value', 'estimated', 'reporting_units', 'source', 'note']];
  for (const [year, y] of [...asCovered].sort((a, b) => a[0] - b[0])) {
    if (y.reported === 0) continue; // years not yet reported in this copy of the EUTL
    const statuses = Object.entries(y.statuses)
      .map(([word, n]) => `${n} ${word}`)
      .join(', ');
    emissionRows.push([
      'eu-ets',
      year,
      'verified-ets',
      coverageOf(year),
      y.total,
      '',
      y.reported,
      'ets-watch-eutl',
      `Stationary installations: sum over all EUTL accounts in the file with a verified value${statuses ? `; ${statuses}` : ''}.`,
    ]);
  }
  for (const [year, { total }] of [...withoutUk].sort((a, b) => a[0] - b[0])) {
    if ((asCovered.get(year)?.reported ?? 0) === 0) continue;
    const y = comparableYear(total, estimates.byYear.get(year), 'outside the UK');
    emissionRows.push([
      'eu-ets',
      year,
      'verified-ets',
      'eu-2013-no-uk',
      y.value,
      y.estimated ? 'true' : '',
      '',
      `ets-watch-eutl;eutl-installations${y.estimated ? ';eea-ets-background-2025' : ''}`,
      y.note,
    ]);
  }
  await writeFile(emissionsFile, csv(emissionRows) + curated.map((line) => `${line}\n`).join(''));
}
