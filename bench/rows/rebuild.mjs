// Row 5: rebuilding after one CSV changed, and when nothing changed, against a full build (row 1's
// builds, measured in the same run).
import { spawn } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cli, CLI, note, summary } from '../lib.mjs';

/**
 * Changes one number in emissions.csv: the EU's 2021 verified emissions, a million tonnes more
 * each time (never a value seen before, so no result can come from the cache), which the brief
 * shows (a chart, a table, sentences): both PDFs must be reprinted. Returns the new value (t).
 */
export async function editOneValue(data) {
  const file = join(data, 'emissions.csv');
  const text = await readFile(file, 'utf8');
  let edited;
  const next = text.replace(/^(eu-ets,2021,verified-ets,[a-z0-9-]+,)(\d+)/m, (_, head, value) => {
    edited = Number(value) + 1e6;
    return `${head}${edited}`;
  });
  if (next === text) throw new Error('emissions.csv has no eu-ets 2021 verified-ets row to edit');
  await writeFile(file, next);
  return edited;
}

/** `ets-brief watch --json` in a child; resolves each build's `done` event in turn. */
function watcher(data, out) {
  const child = spawn(process.execPath, [CLI, 'watch', '--json', '--data', data, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  const waiting = [];
  const events = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line);
    if (event.event === 'error') for (const w of waiting.splice(0)) w.reject(new Error(event.message));
    if (event.event === 'done') {
      const w = waiting.shift();
      if (w) w.resolve(event);
      else events.push(event);
    }
  });
  return {
    next: () => (events.length ? Promise.resolve(events.shift()) : new Promise((resolve, reject) => waiting.push({ resolve, reject }))),
    stop: () =>
      new Promise((resolve) => {
        child.once('close', resolve);
        child.kill('SIGINT');
      }),
  };
}

export async function benchRebuild({ runs, work, data: source }, full) {
  const fullMedian = summary(full).median;
  const data = join(work, 'rebuild-data');
  await cp(source, data, { recursive: true });
  const ratio = (times) => summary(times.map((t, i) => t / full[i % full.length]));

  // 5a. In watch: the process, its modules and its browser are already there.
  const watch = watcher(data, join(work, 'watch', 'out'));
  await watch.next();
  const watched = [];
  try {
    for (let i = 0; i < runs; i++) {
      await new Promise((r) => setTimeout(r, 1000)); // let the watcher settle
      await editOneValue(data);
      watched.push((await watch.next()).elapsedMs);
      note(`rebuild ${i + 1}/${runs}: in watch ${watched.at(-1)} ms`);
    }
  } finally {
    await watch.stop();
  }

  // 5b. The same edit, then `ets-brief build` in a new process (cache beside the output).
  const out = join(work, 'rebuild', 'out');
  await cli(['build', '--data', data, '--out', out, '--quiet']);
  const fresh = [];
  const unchanged = [];
  for (let i = 0; i < runs; i++) {
    await editOneValue(data);
    fresh.push((await cli(['build', '--data', data, '--out', out, '--quiet'])).ms);
    unchanged.push((await cli(['build', '--data', data, '--out', out, '--quiet'])).ms);
    note(`rebuild ${i + 1}/${runs}: new process ${fresh.at(-1).toFixed(0)} ms, nothing changed ${unchanged.at(-1).toFixed(0)} ms`);
  }
  const behind = (times, what) => `${what} ${summary(times).median.toFixed(0)} ms / full build ${fullMedian.toFixed(0)} ms`;
  return [
    {
      id: '5a',
      group: 'rebuild',
      measure: 'rebuild after one CSV edit (watch) ÷ full build',
      unit: 'x',
      result: ratio(watched),
      behind: behind(watched, 'rebuild'),
      goal: { op: '<=', value: 0.3 },
      runs: { rebuild: watched, full },
    },
    {
      id: '5b',
      group: 'rebuild',
      measure: 'rebuild after one CSV edit (new process) ÷ full build',
      unit: 'x',
      result: ratio(fresh),
      behind: behind(fresh, 'rebuild'),
      runs: { rebuild: fresh, full },
    },
    {
      id: '5c',
      group: 'rebuild',
      measure: 'no-change rebuild (new process) ÷ full build',
      unit: 'x',
      result: ratio(unchanged),
      behind: behind(unchanged, 'rebuild'),
      goal: { op: '<=', value: 0.1 },
      runs: { rebuild: unchanged, full },
    },
  ];
}
