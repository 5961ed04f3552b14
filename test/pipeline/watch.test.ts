import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDirWithData } from '../support.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDirWithData('ets-watch-');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ets-brief watch', () => {
  it('rebuilds on a data change, survives a broken file with the last output intact, and recovers', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/ets-brief.js'), 'watch', '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--lang', 'en', '--format', 'html'],
      { cwd: dir },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const waitFor = async (pattern: RegExp, from: number) => {
      for (let i = 0; i < 600; i++) {
        if (pattern.test(stdout.slice(from))) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${pattern}; stdout: ${stdout}; stderr: ${stderr}`);
    };
    const facts = join(dir, 'data', 'facts.csv');
    const brief = join(dir, 'out', 'en', 'brief.html');
    const original = await readFile(facts, 'utf8');
    try {
      await waitFor(/watching .*Ctrl-C to stop/, 0);
      expect(await readFile(brief, 'utf8')).toContain('<span class="etsb-kf-value">about 2%</span>');

      let mark = stdout.length;
      await writeFile(facts, original.replace(',2021-07-16,2022-12-31,230000000,', ',2021-07-16,2022-12-31,330000000,'));
      await waitFor(/changed: .*facts\.csv.*; rebuilding[\s\S]*watching for changes/, mark);
      expect(await readFile(brief, 'utf8')).toContain('<span class="etsb-kf-value">about 3%</span>');

      mark = stdout.length;
      await writeFile(facts, original.replace(',2162,count,', ',two thousand,count,'));
      await waitFor(/build failed; the previous output is unchanged/, mark);
      expect(stderr).toMatch(/facts\.csv:\d+:7: error \[value\]: invalid value \(got "two thousand"/);
      expect(await readFile(brief, 'utf8')).toContain('<span class="etsb-kf-value">about 3%</span>');

      mark = stdout.length;
      await writeFile(facts, original);
      await waitFor(/rebuilding[\s\S]*watching for changes/, mark);
      expect(await readFile(brief, 'utf8')).toContain('<span class="etsb-kf-value">about 2%</span>');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('exit', r));
    }
  }, 120_000);

  it('rebuilds when a template changes', async () => {
    await mkdir(join(dir, 'tpl', 'sections'), { recursive: true });
    const template = join(dir, 'tpl', 'sections', 'global.hbs');
    await writeFile(template, '<p>first wording</p>');
    await writeFile(join(dir, 'ets-brief.config.json'), JSON.stringify({ templates: 'tpl', languages: ['en'], formats: ['html'] }));
    const child = spawn(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'watch', '--data', join(dir, 'data'), '--out', join(dir, 'out-tpl')], { cwd: dir });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    const waitFor = async (pattern: RegExp, from: number) => {
      for (let i = 0; i < 600 && !pattern.test(stdout.slice(from)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(stdout.slice(from)).toMatch(pattern);
    };
    try {
      await waitFor(/watching .*tpl/, 0);
      const brief = join(dir, 'out-tpl', 'en', 'brief.html');
      expect(await readFile(brief, 'utf8')).toContain('<p>first wording</p>');
      const mark = stdout.length;
      await writeFile(template, '<p>second wording</p>');
      await waitFor(/changed: .*global\.hbs; rebuilding[\s\S]*watching for changes/, mark);
      expect(await readFile(brief, 'utf8')).toContain('<p>second wording</p>');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('exit', r));
    }
  }, 120_000);

  it('waits, saying so, while data/ is deleted, rebuilds once it is restored, and sees a rename-save', async () => {
    const data = join(dir, 'data-gone');
    await cp(join(dir, 'data'), data, { recursive: true });
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/ets-brief.js'), 'watch', '--data', data, '--out', join(dir, 'out-gone'), '--lang', 'en', '--format', 'html'],
      { cwd: dir },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const waitFor = async (pattern: RegExp, from: number) => {
      for (let i = 0; i < 300 && !pattern.test(stdout.slice(from)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(stdout.slice(from), stderr).toMatch(pattern);
    };
    const brief = join(dir, 'out-gone', 'en', 'brief.html');
    const facts = join(data, 'facts.csv');
    const original = await readFile(facts, 'utf8');
    try {
      await waitFor(/watching .*Ctrl-C to stop/, 0);
      expect(await readFile(brief, 'utf8')).toContain('<span class="etsb-kf-value">about 2%</span>');

      // Deleted, then restored from a backup (holding a change, to see the rebuild use it).
      const backup = join(dir, 'data-backup');
      await cp(data, backup, { recursive: true });
      await writeFile(join(backup, 'facts.csv'), original.replace(',2021-07-16,2022-12-31,230000000,', ',2021-07-16,2022-12-31,330000000,'));
      let mark = stdout.length;
      await rm(data, { recursive: true });
      await waitFor(/data-gone was removed; waiting for it to come back/, mark);
      await new Promise((r) => setTimeout(r, 1000));
      expect(stdout.slice(mark)).not.toMatch(/rebuilding/); // no build without its data
      mark = stdout.length;
      await cp(backup, data, { recursive: true });
      await waitFor(/data-gone is back[\s\S]*rebuilding[\s\S]*watching for changes/, mark);
      expect(await readFile(brief, 'utf8')).toContain('<span class="etsb-kf-value">about 3%</span>');

      // An editor's atomic save: a new file written beside, then renamed over the CSV; once more
      // (the file watched is now the one renamed in); then saved in place, which Node's own
      // watcher no longer saw after a save by rename.
      for (const [value, expected] of [
        ['230000000', 'about 2%'],
        ['330000000', 'about 3%'],
      ] as const) {
        mark = stdout.length;
        await writeFile(`${facts}.new`, original.replace(',2021-07-16,2022-12-31,230000000,', `,2021-07-16,2022-12-31,${value},`));
        await rename(`${facts}.new`, facts);
        await waitFor(/changed: .*facts\.csv.*; rebuilding[\s\S]*watching for changes/, mark);
        expect(await readFile(brief, 'utf8')).toContain(`<span class="etsb-kf-value">${expected}</span>`);
      }
      mark = stdout.length;
      await writeFile(facts, original);
      await waitFor(/changed: .*facts\.csv.*; rebuilding[\s\S]*watching for changes/, mark);
      expect(await readFile(brief, 'utf8')).toContain('<span class="etsb-kf-value">about 2%</span>');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.on('exit', r));
    }
  }, 120_000);
});
