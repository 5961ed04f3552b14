import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../../src/data/datasets/index.js';

// The CLI as a user runs it: the built bin, a real process, real exit codes.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

let broken: string;
beforeAll(async () => {
  broken = await mkdtemp(join(tmpdir(), 'ets-cli-'));
  await cp(join(ROOT, 'data'), broken, { recursive: true });
  const file = join(broken, 'facts.csv');
  const text = await readFile(file, 'utf8');
  // Two broken cells in one file: both must be reported.
  await writeFile(file, text.replace(',2162,count,', ',2 162 entities,count,').replace(',356,days,', ',356,weeks,'));
});
afterAll(() => rm(broken, { recursive: true, force: true }));

describe('ets-brief check', () => {
  it('exits 0 with a summary of datasets, rows and date ranges on data/', () => {
    const r = run('check');
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.stdout).toMatch(new RegExp(`✓ .*data: ${Object.keys(DATASETS).length} datasets valid`));
    expect(r.stdout).toMatch(/fx-rates\s+60\s+2005 – 2024/);
  });

  it('exits 1 listing every error as file:line:column, without a stack trace', () => {
    const r = run('check', '--data', broken);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/facts\.csv:\d+:7: error \[value\]: invalid value \(got "2 162 entities"/);
    expect(r.stderr).toMatch(/facts\.csv:\d+:8: error \[unit\]: invalid value \(got "weeks"; expected one of t, /);
    expect(r.stderr).toMatch(/2 errors/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints machine-readable results with --json', () => {
    const r = run('check', '--data', broken, '--json');
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as { valid: boolean; issues: { line: number; column: string }[] };
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => i.column).sort()).toEqual(['unit', 'value']);
  });

  it('exits 1 with a clear message for a directory without data', () => {
    const r = run('check', '--data', join(broken, 'nowhere'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/sources\.csv: error: file not found/);
  });
});

describe('ets-brief usage', () => {
  it('exits 2 on an unknown command or option, suggesting the right one', () => {
    const r = run('chek');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'chek'/);
    expect(r.stderr).toMatch(/Did you mean check\?/);
    expect(run('check', '--nope').status).toBe(2);
  });

  it('prints help and version with exit 0', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/check .*validate every dataset/);
    const version = run('--version');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
