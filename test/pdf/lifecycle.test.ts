import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockOutput } from '../../src/pipeline/lock.js';
import { PROFILE_PREFIX } from '../../src/pdf/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

/** Runs the CLI; `until` lets the test act (send a signal) once a line appears on stdout. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, until?: { line: RegExp; onLine: (pid: number) => void }) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; pid: number }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ets-brief.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let acted = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (until && !acted && until.line.test(stdout)) {
        acted = true;
        until.onLine(child.pid!);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid! }));
  });
}

/** Browsers started by the build with this pid (their profile folder carries it). */
function browsersOf(pid: number): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(`${PROFILE_PREFIX}${pid}-`));
}

async function noBrowserLeft(pid: number): Promise<string[]> {
  for (let i = 0; i < 50 && browsersOf(pid).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return browsersOf(pid);
}

/** What a build left in the output folder besides its marker and cache: staging, a lock. */
const leftovers = (entries: string[]) => entries.filter((e) => e.startsWith('.') && e !== '.ets-brief-output' && e !== '.ets-brief-cache');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-life-'));
  const first = await cli(['build', '--lang', 'en', '--out', join(dir, 'out'), '--quiet']);
  expect(first.code).toBe(0);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('one build per output directory', () => {
  it('refuses a second build clearly while another holds the output folder, then proceeds once it is free', async () => {
    const out = join(dir, 'out');
    // This test process plays the first build: it holds the folder's lock.
    const release = await lockOutput(out);
    let refused: Awaited<ReturnType<typeof cli>>;
    try {
      refused = await cli(['build', '--lang', 'en', '--format', 'html', '--out', out]);
    } finally {
      await release();
    }
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(new RegExp(`another ets-brief build \\(process ${process.pid}\\) is writing .*out; wait for it to finish`));
    const next = await cli(['build', '--lang', 'en', '--format', 'html', '--out', out, '--quiet']);
    expect(next.code).toBe(0);
    expect(leftovers(await readdir(out))).toEqual([]);
  }, 90_000);

  it('reuses unchanged charts and PDFs, says so, and redoes only what a data change touches', async () => {
    const out = join(dir, 'out');
    const first = await cli(['build', '--lang', 'en', '--out', out]);
    expect(first.code).toBe(0);
    // Nothing changed: the build stops at comparing inputs.
    const again = await cli(['build', '--lang', 'en', '--out', out]);
    expect(again.stdout).toMatch(/data, templates and configuration unchanged since the last build, and its output intact/);
    expect(again.stdout).toMatch(/is up to date: nothing changed/);
    // An output file removed: a real build, which takes every chart and the PDF from the cache.
    await rm(join(out, 'en', 'sections', 'manifest.json'));
    const repair = await cli(['build', '--lang', 'en', '--out', out]);
    expect(repair.stdout).toMatch(/chart emissions \(en\): unchanged, reused/);
    expect(repair.stdout).toMatch(/en\/brief\.pdf: HTML unchanged, PDF reused/);
    expect(repair.stdout).not.toMatch(/printing|rendered/);
    expect(existsSync(join(out, 'en', 'sections', 'manifest.json'))).toBe(true);
  }, 90_000);

  it('rewrites no file when nothing changed', async () => {
    const out = join(dir, 'out');
    const mtimes = async () => {
      const files = (await readdir(join(out, 'en'), { recursive: true })).map(String).sort();
      return Promise.all(files.map(async (f) => [f, (await stat(join(out, 'en', f))).mtimeMs] as const));
    };
    const before = await mtimes();
    expect(before.length).toBeGreaterThan(10);
    const again = await cli(['build', '--lang', 'en', '--out', out, '--quiet']);
    expect(again.code).toBe(0);
    expect(await mtimes()).toEqual(before);
  }, 90_000);
});

describe('browser lifecycle', () => {
  it('without a browser: writes the HTML, keeps the previous PDF, says how to get one, exits 3', async () => {
    const out = join(dir, 'out');
    const pdfBefore = await readFile(join(out, 'en', 'brief.pdf'));
    const r = await cli(['build', '--lang', 'en', '--out', out], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /HTML, sections and chart SVGs were written .* but no PDF or PNG: no Chromium or Chrome found \(PUPPETEER_EXECUTABLE_PATH points to \/nonexistent\/chrome/,
    );
    expect(r.stderr).toMatch(/apt-get install chromium/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'en', 'brief.html'))).toBe(true);
    expect(await readFile(join(out, 'en', 'brief.pdf'))).toEqual(pdfBefore);
  }, 60_000);

  it('when the browser crashes mid-print: exits 3 with one message, previous output byte-identical, no browser left', async () => {
    const out = join(dir, 'out');
    const before = await Promise.all(['brief.html', 'brief.pdf'].map((f) => readFile(join(out, 'en', f))));
    const tmp = await mkdtemp(join(dir, 'tmp-')); // its own, to see that the browser's profile goes too
    const r = await cli(
      ['build', '--lang', 'en', '--out', out, '--no-cache'],
      { TMPDIR: tmp },
      {
        line: /printing/,
        // The browser is started lazily after the line; kill it as soon as it exists.
        onLine: (pid) => {
          const poll = setInterval(() => {
            const browsers = browsersOf(pid);
            if (browsers.length === 0) return;
            clearInterval(poll);
            setTimeout(() => {
              for (const line of browsersOf(pid)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
            }, 100);
          }, 20);
          setTimeout(() => clearInterval(poll), 30_000);
        },
      },
    );
    expect(r.code).toBe(3);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('ets-brief:')),
    ).toEqual([expect.stringMatching(/^ets-brief: printing the PDFs failed: .*nothing in .*out was changed$/)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await noBrowserLeft(r.pid)).toEqual([]);
    expect((await readdir(tmp)).filter((e) => e.startsWith(PROFILE_PREFIX))).toEqual([]);
    const after = await Promise.all(['brief.html', 'brief.pdf'].map((f) => readFile(join(out, 'en', f))));
    expect(after).toEqual(before);
    expect(leftovers(await readdir(out))).toEqual([]);
  }, 90_000);

  it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)(
    'interrupted by %s while printing: no browser left, previous output intact',
    async (signal) => {
      const out = join(dir, 'out');
      const before = await readFile(join(out, 'en', 'brief.html'));
      const r = await cli(
        ['build', '--lang', 'en', '--out', out, '--no-cache'],
        {},
        { line: /printing/, onLine: (pid) => setTimeout(() => process.kill(pid, signal), 150) },
      );
      if (signal === 'SIGKILL') expect(r.signal).toBe('SIGKILL');
      else expect(r.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(await noBrowserLeft(r.pid)).toEqual([]);
      expect(await readFile(join(out, 'en', 'brief.html'))).toEqual(before);
      if (signal !== 'SIGKILL') expect(leftovers(await readdir(out))).toEqual([]);
      // The next build succeeds (and sweeps what a killed build left behind).
      const next = await cli(['build', '--lang', 'en', '--format', 'html', '--out', out, '--quiet']);
      expect(next.code).toBe(0);
      expect(leftovers(await readdir(out))).toEqual([]);
    },
    90_000,
  );
});

describe('browser profiles in the temp folder', () => {
  // A private TMPDIR, so other tests' browsers do not count.
  const profilesIn = async (tmp: string) => (await readdir(tmp)).filter((e) => e.startsWith(PROFILE_PREFIX));

  it('none is left by a build stopped with SIGTERM while printing (5 runs)', async () => {
    const tmp = await mkdtemp(join(dir, 'tmp-'));
    const out = join(dir, 'out');
    for (const delay of [0, 100, 250, 500, 1000]) {
      // The PDF alone: what is printed is what these tests stop (the chart PNGs would only add time).
      const r = await cli(
        ['build', '--lang', 'en', '--format', 'pdf', '--out', out, '--no-cache'],
        { TMPDIR: tmp },
        { line: /printing/, onLine: (pid) => setTimeout(() => process.kill(pid, 'SIGTERM'), delay) },
      );
      expect(r.code, r.stderr).toBe(143);
      expect(await noBrowserLeft(r.pid)).toEqual([]);
      expect(await profilesIn(tmp), `SIGTERM ${delay} ms after "printing"`).toEqual([]);
    }
  }, 240_000);

  it("one left by a build killed outright is removed by the next build, and a live process's is kept", async () => {
    const tmp = await mkdtemp(join(dir, 'tmp-'));
    const out = join(dir, 'out');
    const live = join(tmp, `${PROFILE_PREFIX}${process.pid}-live`); // this test process is alive
    await mkdir(live);
    const killed = await cli(
      ['build', '--lang', 'en', '--format', 'pdf', '--out', out, '--no-cache'],
      { TMPDIR: tmp },
      {
        line: /printing/,
        onLine: (pid) => {
          const poll = setInterval(() => {
            if (browsersOf(pid).length === 0) return;
            clearInterval(poll);
            setTimeout(() => process.kill(pid, 'SIGKILL'), 300);
          }, 20);
          setTimeout(() => clearInterval(poll), 30_000);
        },
      },
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(await noBrowserLeft(killed.pid)).toEqual([]);
    expect(await profilesIn(tmp)).toContain(`${PROFILE_PREFIX}${process.pid}-live`);
    expect((await profilesIn(tmp)).some((e) => e.startsWith(`${PROFILE_PREFIX}${killed.pid}-`))).toBe(true);
    const next = await cli(['build', '--lang', 'en', '--out', out, '--quiet'], { TMPDIR: tmp });
    expect(next.code).toBe(0);
    expect(await profilesIn(tmp)).toEqual([`${PROFILE_PREFIX}${process.pid}-live`]);
  }, 90_000);
});

describe('clear failures', () => {
  it('a missing font: one message saying how to fix it, exit 3, output untouched', async () => {
    const out = join(dir, 'out');
    const before = await readFile(join(out, 'en', 'brief.html'));
    const r = await cli(['build', '--lang', 'en', '--format', 'html', '--out', out, '--no-cache'], { ETS_BRIEF_FONT_PACKAGE: '@fontsource/not-installed' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^ets-brief: the brief's font \(@fontsource\/not-installed\) is missing: .* Reinstall the dependencies with `npm ci`/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(join(out, 'en', 'brief.html'))).toEqual(before);
  }, 60_000);

  it('a template error: one message naming the template, exit 3, output untouched', async () => {
    const out = join(dir, 'out');
    const before = await readFile(join(out, 'en', 'brief.html'));
    const tpl = join(dir, 'broken-templates');
    await mkdir(join(tpl, 'sections'), { recursive: true });
    await writeFile(join(tpl, 'sections', 'global.hbs'), '{{#if view.global}}unclosed');
    await writeFile(join(dir, 'broken.json'), JSON.stringify({ templates: tpl }));
    const r = await cli(['build', '--lang', 'en', '--format', 'html', '--out', out, '--config', join(dir, 'broken.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^ets-brief: .*broken-templates\/sections\/global\.hbs:\d+:\d+: Parse error/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(join(out, 'en', 'brief.html'))).toEqual(before);
  }, 60_000);
});
