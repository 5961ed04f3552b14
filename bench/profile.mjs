// Where the time goes: runs a command under Node's CPU profiler and prints self time by package
// (or file of ets-brief), and the heaviest ets-brief functions including what they call.
//   node bench/profile.mjs -- bin/ets-brief.js build --no-cache --out /tmp/out
// "(idle)" is time the process spent waiting: for Chromium, the disk or worker threads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(process.argv.indexOf('--') + 1);
if (args.length === 0 || !process.argv.includes('--')) {
  process.stderr.write('usage: node bench/profile.mjs -- <script> [args...]\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'ets-profile-'));
const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...args], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
rmSync(dir, { recursive: true, force: true });

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]);
  total += profile.timeDeltas[i];
});
const where = (url) => url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/').replace(/^node_modules\/((@[^/]+\/)?[^/]+).*/, '$1');
const byPlace = new Map();
for (const [id, t] of self) {
  const { url, functionName } = nodes.get(id).callFrame;
  const key = url ? where(url) : functionName || '(native)';
  byPlace.set(key, (byPlace.get(key) ?? 0) + t);
}
const ms = (us) => (us / 1000).toFixed(0).padStart(7);
console.log(`\n${ms(total)} ms sampled; self time by place:`);
for (const [k, t] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms(t)}  ${k}`);

// Inclusive time of ets-brief's functions (a function counted once per stack).
const inclusive = new Map();
const walk = (id, open) => {
  const n = nodes.get(id);
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const first = !open.has(key);
  if (first) open.add(key);
  let t = self.get(id) ?? 0;
  for (const c of n.children ?? []) t += walk(c, open);
  if (first) {
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    open.delete(key);
  }
  return t;
};
walk(profile.nodes[0].id, new Set());
console.log('\nets-brief functions, including what they call:');
for (const [k, t] of [...inclusive]
  .filter(([k]) => k.includes('dist/'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 20))
  console.log(`${ms(t)}  ${k}`);
