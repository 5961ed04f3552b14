import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDescriptor, lastObservation, serialiseDescriptor } from '../../src/data/datapackage.js';
import { DATASETS } from '../../src/data/datasets/index.js';
import { formatIssue } from '../../src/data/errors.js';
import { loadData } from '../../src/data/load.js';
import { VERSION } from '../../src/cli/version.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A private copy of data/ with one file's text replaced. */
async function copyWith(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ets-data-'));
  temps.push(dir);
  await cp(DATA, dir, { recursive: true });
  await writeFile(join(dir, file), edit(await readFile(join(dir, file), 'utf8')));
  return dir;
}

describe('data/', () => {
  it('loads with no errors or warnings', async () => {
    const result = await loadData(DATA);
    expect(result.issues.map(formatIssue)).toEqual([]);
    expect(result.data).toBeDefined();
    for (const s of result.summary) if (!DATASETS[s.name].optional) expect(s.rows, s.name).toBeGreaterThan(0);
  });

  it('gives every row of every dataset a source that exists in sources.csv', async () => {
    const { data } = await loadData(DATA);
    const known = new Set(data!.sources.map((s) => s.id));
    for (const name of Object.keys(DATASETS) as (keyof typeof DATASETS)[]) {
      if (name === 'sources') continue;
      const field = (DATASETS[name].fields as Record<string, { required: boolean }>).source;
      expect(field?.required, `${name} has a required source column`).toBe(true);
      for (const row of data![name] as readonly { source: string }[]) {
        for (const id of row.source.split(';')) expect(known.has(id.trim()), `${name}: ${id}`).toBe(true);
      }
    }
  });

  it('is described, dataset by dataset, by an up-to-date datapackage.json', async () => {
    const { data } = await loadData(DATA);
    const committed = await readFile(join(DATA, 'datapackage.json'), 'utf8');
    expect(committed).toBe(serialiseDescriptor(buildDescriptor(data!, VERSION)));
    const descriptor = JSON.parse(committed) as { resources: { name: string; path: string; schema: { fields: unknown[] } }[] };
    expect(descriptor.resources.map((r) => r.name).sort()).toEqual(Object.keys(DATASETS).sort());
    for (const r of descriptor.resources) expect(r.schema.fields.length).toBeGreaterThan(0);
  });

  it('dates each resource by its latest observation, and says apart when its sources were read', async () => {
    const { data } = await loadData(DATA);
    const descriptor = buildDescriptor(data!, VERSION) as { resources: { name: string; 'ets:lastObservation'?: string; 'ets:retrieved'?: string }[] };
    const resource = (name: string) => descriptor.resources.find((r) => r.name === name)!;
    // The last day a row of market-daily holds, not the day its file was read.
    const lastDay = data!['market-daily']
      .map((r) => r.date)
      .sort()
      .at(-1);
    expect(resource('market-daily')['ets:lastObservation']).toBe(lastDay);
    expect(resource('market-daily')['ets:retrieved']).not.toBe(lastDay);
    expect(resource('gdp')['ets:lastObservation']).toBe(String(Math.max(...data!.gdp.map((r) => r.year))));
    expect(descriptor.resources.some((r) => 'ets:asOf' in r)).toBe(false);
    expect(lastObservation([{ date: '2024-12-31' }, { month: '2025-01' }, { year: 2023 }, { date: null, year: 2026 }])).toBe('2026');
    expect(lastObservation([{ note: 'no date' }])).toBeNull();
  });

  it("keeps the paper's Table 1 exactly as printed", async () => {
    const { data } = await loadData(DATA);
    const wind2022 = data!['power-generation'].find((r) => r.year === 2022 && r.source_type === 'wind');
    expect(wind2022).toMatchObject({ gwh: 535678, paper_share_pct: 15.56, paper_growth_pct: 255.5 });
    const total2010 = data!['power-generation'].find((r) => r.year === 2010 && r.source_type === 'total');
    expect(total2010?.gwh).toBe(3487233);
  });
});

describe('loadData on broken copies', () => {
  it('reports a broken cell as file:line:column and returns no data', async () => {
    const dir = await copyWith('fx-rates.csv', (t) => t.replace('EUR,USD,2010,', 'EUR,USD,20x0,'));
    const result = await loadData(dir);
    expect(result.data).toBeUndefined();
    const lines = result.issues.map(formatIssue);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/fx-rates\.csv:7:3: error \[year\]: invalid value \(got "20x0"; expected a whole number/);
  });

  it('reports duplicate keys, unknown references and broken row rules together', async () => {
    const dir = await copyWith('facts.csv', (t) => `${t.replace('cn-entities,cn-ets,', 'cn-entities,kr-ets,') + t.split('\n')[1]}\n`);
    await writeFile(join(dir, 'phases.csv'), (await readFile(join(dir, 'phases.csv'), 'utf8')).replace('eu-ets,1,2005,2007,', 'eu-ets,1,2008,2007,'));
    const result = await loadData(dir);
    const messages = result.issues.map(formatIssue).join('\n');
    expect(messages).toMatch(/facts\.csv:\d+: error: duplicate row: id=netzero-share-emissions already appears on line 2/);
    expect(messages).toMatch(/facts\.csv:\d+: error \[market\]: unknown id in markets\.csv \(got "kr-ets"/);
    expect(messages).toMatch(/phases\.csv:2: error \[end_year\]: end_year \(2007\) is before start_year \(2008\)/);
  });

  it('accepts a new market as rows only', async () => {
    const dir = await copyWith('markets.csv', (t) => `${t}kr-ets,national,KR,,,,,,,,KRW,2015-01-01,paper,Fixture market for the test.\n`);
    await writeFile(
      join(dir, 'facts.csv'),
      `${await readFile(join(dir, 'facts.csv'), 'utf8')}kr-entities,kr-ets,,entities,2015-01-01,2015-12-31,525,count,,exact,false,,,,,paper,Fixture row.\n`,
    );
    const result = await loadData(dir);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.data!.facts.find((f) => f.id === 'kr-entities')?.market).toBe('kr-ets');
  });
});
