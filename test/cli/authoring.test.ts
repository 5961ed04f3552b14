import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveWritableDataDir } from '../../src/cli/paths.js';
import { CHARTS } from '../../src/charts/registry.js';
import { loadData } from '../../src/data/load.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { ROOT } from '../support.js';

let dir: string;
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { cwd, encoding: 'utf8' });
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-authoring-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ets-brief new and init', () => {
  it('new DIR makes a brief that builds at once, and refuses a folder with files in it', async () => {
    const made = cli(dir, 'new', 'my-brief');
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('ets-brief build --brief my-brief');
    const built = cli(dir, 'build', '--data', join(ROOT, 'data'), '--brief', 'my-brief', '--format', 'html', '--lang', 'en', '--out', 'out-new', '--quiet');
    expect(built.status, built.stderr).toBe(0);
    const html = await readFile(join(dir, 'out-new', 'en', 'brief.html'), 'utf8');
    expect(html).toContain('<title>My carbon-market brief</title>');
    expect(html).toContain('<h2 id="etsb-summary-h">Summary</h2>');
    // Its sentence states the volume ratio through the ledger, and places a numbered figure.
    const numbers = JSON.parse(await readFile(join(dir, 'out-new', 'en', 'numbers.json'), 'utf8')) as {
      numbers: { id: string; text: string }[];
      figures: { chart: string; number: string | null }[];
    };
    const ratio = numbers.numbers.find((n) => n.id === 'metric:volume.ratio')!;
    expect(html).toContain(`the subject market traded ${ratio.text} of the reference market`);
    expect(numbers.figures.find((f) => f.chart === 'price-comparison')?.number).toBe('Figure 1');

    await writeFile(join(dir, 'my-brief', 'notes.txt'), 'mine');
    const again = cli(dir, 'new', 'my-brief');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/my-brief is not empty/);
    expect(await readFile(join(dir, 'my-brief', 'notes.txt'), 'utf8')).toBe('mine');
  }, 120_000);

  it('init DIR makes a project whose own data/ import writes to', async () => {
    const made = cli(dir, 'init', 'project');
    expect(made.status, made.stderr).toBe(0);
    const project = join(dir, 'project');
    expect(await exists(join(project, 'data', 'sources.csv'))).toBe(true);
    expect(await exists(join(project, 'brief', 'brief.json'))).toBe(true);
    const before = await readFile(join(ROOT, 'data', 'fx-daily.csv'), 'utf8');
    const imported = cli(project, 'import', join(ROOT, 'test/data/import/fixtures/eurofxref-hist-sample.csv'));
    expect(imported.status, imported.stderr).toBe(0);
    expect(await readFile(join(project, 'data', 'sources.csv'), 'utf8')).toContain('eurofxref-hist-sample.csv');
    // The shipped data is untouched.
    expect(await readFile(join(ROOT, 'data', 'fx-daily.csv'), 'utf8')).toBe(before);
    expect(await readFile(join(ROOT, 'data', 'sources.csv'), 'utf8')).not.toContain('eurofxref-hist-sample.csv');
  }, 120_000);

  it('import and datapackage never default to the data/ of an installed package', async () => {
    const installed = join(dir, 'app', 'node_modules', 'ets-brief');
    const elsewhere = join(dir, 'elsewhere');
    await mkdir(elsewhere, { recursive: true });
    expect(() => resolveWritableDataDir(undefined, elsewhere, installed)).toThrow(/belongs to the installed package; run `ets-brief init <dir>`/);
    // A project's own data/, or --data, is fine.
    expect(resolveWritableDataDir('mine', elsewhere, installed)).toBe(join(elsewhere, 'mine'));
    await mkdir(join(elsewhere, 'data'));
    await writeFile(join(elsewhere, 'data', 'sources.csv'), 'id\n');
    expect(resolveWritableDataDir(undefined, elsewhere, installed)).toBe(join(elsewhere, 'data'));
    // A clone's own data/ stays the default (developers rebuild it in place).
    expect(resolveWritableDataDir(undefined, join(dir, 'app'), ROOT)).toBe(join(ROOT, 'data'));
  });
});

describe('catalogues for authors', () => {
  it('metrics --list names each metric with its unit, value and meaning', async () => {
    const r = cli(dir, 'metrics', '--data', join(ROOT, 'data'), '--list', '--json');
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; unit: string; meaning: string; value: number | null }[];
    const metrics = computeMetrics((await loadData(join(ROOT, 'data'))).data!);
    expect(list.find((m) => m.name === 'volume.ratio')).toEqual({
      name: 'volume.ratio',
      unit: '%',
      meaning: metrics.volume.ratio.method,
      value: metrics.volume.ratio.value,
    });
    expect(list.find((m) => m.name === 'prices.subjectImplied.value')?.unit).toBe('CNY/t');
    // A brief's comparison names its own markets' metrics.
    const pilots = JSON.parse(
      cli(dir, 'metrics', '--data', join(ROOT, 'data'), '--list', '--json', '--brief', join(ROOT, 'briefs', 'cn-national-pilots')).stdout,
    ) as { name: string; meaning: string }[];
    expect(pilots.find((m) => m.name === 'volume.ratio')?.meaning).toMatch(/hbea/);
    const text = cli(dir, 'metrics', '--data', join(ROOT, 'data'), '--list').stdout;
    expect(text).toMatch(/^volume\.ratio\s+%\s+/m);
  }, 60_000);

  it('charts --list gives each chart the fields its data holds', () => {
    const r = cli(dir, 'charts', '--list', '--json');
    expect(r.status, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; fields: { field: string; column: string }[]; title: string }[];
    expect(list.map((c) => c.id)).toEqual(CHARTS.map((c) => c.id));
    expect(list.find((c) => c.id === 'cn-daily')!.fields.map((f) => f.field)).toEqual(['market', 'date', 'close']);
    expect(list.every((c) => c.fields.every((f) => f.column !== '') && c.title !== '')).toBe(true);
  });
});

describe('build --brief', () => {
  it('builds the shipped pilots brief, HTML and PDF, with its own title and no EU section', async () => {
    // The shipped pilots brief, built from the shipped data.
    const pilots = ['build', '--data', join(ROOT, 'data'), '--brief', join(ROOT, 'briefs', 'cn-national-pilots')];
    const r = cli(dir, ...pilots, '--format', 'html,pdf', '--lang', 'en', '--out', 'out-pilots', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    const pdf = spawnSync('pdftotext', [join(dir, 'out-pilots', 'en', 'brief.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(pdf).toContain("China's national carbon market and its pilots");
    expect(pdf).toContain('Hubei');
    expect(pdf).not.toMatch(/\bEU\b/);
    // A brief folder and a configuration naming templates of its own are one too many.
    await writeFile(join(dir, 'both.json'), JSON.stringify({ templates: 'elsewhere' }));
    const both = cli(dir, ...pilots, '--config', 'both.json', '--out', 'out-both');
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/templates: the brief folder given with --brief holds the templates/);
  }, 180_000);
});
