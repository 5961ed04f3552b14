// Measuring helpers shared by the benchmarks: timing, child processes, summaries.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../bin/ets-brief.js', import.meta.url));

/** Median, min and max of a list of numbers. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

export async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

/** Runs a command to its end; resolves with wall time and output, rejects on a non-zero exit. */
export function run(command, args, { cwd = ROOT, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code === 0) resolve({ ms, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${stderr || stdout}`));
    });
  });
}

/** `ets-brief <args>` as a user runs it: a new Node process each time. */
export const cli = (args, options) => run(process.execPath, [CLI, ...args], options);

/** Progress on stderr, so stdout carries only the table. */
export const note = (line) => process.stderr.write(`  ${line}\n`);
