import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-json-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ets-brief build --json', () => {
  it('prints one JSON event per line, ending with done', () => {
    const r = run('build', '--lang', 'en', '--format', 'html', '--out', join(dir, 'out'), '--json');
    expect(r.status).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; elapsedMs: number; updated?: string[] });
    expect(events.at(-1)).toMatchObject({ event: 'done', updated: ['en'] });
    expect(events.slice(0, -2).every((e) => e.event === 'progress' && typeof e.elapsedMs === 'number')).toBe(true);
    // Before done, the language's change report: a first build has nothing to compare with.
    expect(events.at(-2)).toMatchObject({ event: 'changes', lang: 'en', first: true, changed: false, report: join(dir, 'out', 'en', 'changes.html') });
  }, 60_000);

  it('reports invalid data as an error event with the issues and exit code 1', async () => {
    const data = join(dir, 'data');
    await cp(join(ROOT, 'data'), data, { recursive: true });
    await writeFile(join(data, 'fx-rates.csv'), (await readFile(join(data, 'fx-rates.csv'), 'utf8')).replace('EUR,USD,2010,', 'EUR,USD,20x0,'));
    const r = run('build', '--data', data, '--out', join(dir, 'out-bad'), '--json');
    expect(r.status).toBe(1);
    const event = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { event: string; exitCode: number; issues: { line: number; column: string }[] };
    expect(event).toMatchObject({ event: 'error', exitCode: 1, issues: [{ line: 7, column: 'year' }] });
  }, 60_000);
});
