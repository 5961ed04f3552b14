// npm run bench: every benchmark of bench/README.md, measured side by side in one run.
// Prints a table (stdout) and writes bench/results.json. Progress goes to stderr.
//   BENCH_RUNS   runs per row (default 5, at least 5 for results worth keeping)
//   BENCH_BIG    rows of the large daily file (default 10000000)
//   BENCH_ONLY   comma-separated row ids to run (e.g. build,loader)
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchBuild } from './rows/build.mjs';
import { benchCjk } from './rows/cjk.mjs';
import { benchLoader } from './rows/loader.mjs';
import { benchPreview } from './rows/preview.mjs';
import { benchRebuild } from './rows/rebuild.mjs';
import { benchVariants } from './rows/variants.mjs';
import { cli, note, ROOT } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const big = Number(process.env.BENCH_BIG ?? 10_000_000);
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (id) => !only || only.includes(id);

const work = await mkdtemp(join(tmpdir(), 'ets-bench-'));
const rows = [];
const context = { runs, big, work, data: join(work, 'data') };
await cp(join(ROOT, 'data'), context.data, { recursive: true });
const chromium = await (async () => {
  const { findBrowser } = await import('../dist/pdf/browser.js');
  return findBrowser().executablePath;
})();
context.chromium = chromium;

try {
  // A first build loads every module and writes the files the print benchmarks read.
  note('warming up (one build)');
  await cli(['build', '--data', context.data, '--out', join(work, 'warm', 'out'), '--no-cache', '--quiet']);
  let full;
  if (wanted('build') || wanted('rebuild') || wanted('preview')) {
    const built = await benchBuild(context);
    full = built.full;
    if (wanted('build')) rows.push(...built.rows);
  }
  if (wanted('cjk')) rows.push(...(await benchCjk(context)));
  if (wanted('loader') || wanted('chart')) rows.push(...(await benchLoader(context)).filter((r) => wanted(r.group)));
  if (wanted('rebuild')) rows.push(...(await benchRebuild(context, full)));
  if (wanted('variants')) rows.push(...(await benchVariants(context)));
  if (wanted('preview')) rows.push(...(await benchPreview(context, full)));
} finally {
  await rm(work, { recursive: true, force: true });
}

const machine = {
  cpus: availableParallelism(),
  cpu: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  chromium,
};
const fmt = (n, digits = 2) => (n >= 100 ? n.toFixed(0) : n.toFixed(digits));
const goalText = (g) => (g ? `${g.op} ${g.value}${g.unit ?? ''}` : 'information');
const met = (r) => (r.goal ? (r.goal.op === '<=' ? r.result.median <= r.goal.value : r.result.median >= r.goal.value) && r.extremesKept !== false : undefined);
const lines = [['row', 'measure', 'median [min–max], n', 'behind it', 'goal', '']];
for (const r of rows) {
  const s = r.result;
  lines.push([
    r.id,
    r.measure,
    `${fmt(s.median)}${r.unit ?? ''} [${fmt(s.min)}–${fmt(s.max)}], ${s.n}`,
    r.behind,
    goalText(r.goal),
    met(r) === undefined
      ? ''
      : met(r)
        ? 'met'
        : r.extremesKept === false
          ? 'MISSED: extremes lost'
          : `MISSED by ${fmt(Math.abs(s.median / r.goal.value - 1) * 100, 0)}%`,
  ]);
}
const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
for (const [i, l] of lines.entries()) {
  process.stdout.write(
    `${l
      .map((c, j) => c.padEnd(widths[j]))
      .join('  ')
      .trimEnd()}\n`,
  );
  if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
}
const results = { date: new Date().toISOString(), machine, runs, rows: rows.map((r) => ({ ...r, met: met(r) })) };
if (!only) {
  await writeFile(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  note('wrote bench/results.json');
} else {
  await mkdir(join(ROOT, 'bench', 'out'), { recursive: true });
  await writeFile(join(ROOT, 'bench', 'out', `results-${only.join('-')}.json`), `${JSON.stringify(results, null, 2)}\n`);
}
