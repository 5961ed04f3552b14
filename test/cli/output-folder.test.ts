import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

let dir: string;
/** The CLI run in `dir` (so a build into "the current folder" lands there, not in the project). */
const build = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'build', '--lang', 'en', '--format', 'html', '--data', join(ROOT, 'data'), '--quiet', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-outdir-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the output folder is ets-brief's own", () => {
  it("refuses to build into a website's folder, exits 4 with a message, and leaves every file there", async () => {
    const site = join(dir, 'site');
    await mkdir(join(site, 'en', 'blog'), { recursive: true });
    await writeFile(join(site, 'en', 'index.html'), '<h1>home</h1>');
    await writeFile(join(site, 'en', 'blog', 'post.html'), '<p>post</p>');
    const r = build('--out', site);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/site holds files ets-brief did not write \(en\/index\.html, en\/blog\/post\.html\).*nothing was changed\. Choose another --out/);
    expect(await readFile(join(site, 'en', 'index.html'), 'utf8')).toBe('<h1>home</h1>');
    expect(await readFile(join(site, 'en', 'blog', 'post.html'), 'utf8')).toBe('<p>post</p>');
    expect((await readdir(site)).sort()).toEqual(['en']);
  }, 60_000);

  it('refuses a file put into a language folder it built, and takes over an earlier output without the marker', async () => {
    const out = join(dir, 'out');
    expect(build('--out', out).status).toBe(0);
    expect(existsSync(join(out, '.ets-brief-output'))).toBe(true);
    await writeFile(join(out, 'en', 'notes.txt'), 'mine');
    const refused = build('--out', out, '--no-cache');
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(/out holds files ets-brief did not write \(en\/notes\.txt\); ets-brief replaces en\/ as a whole/);
    expect(await readFile(join(out, 'en', 'notes.txt'), 'utf8')).toBe('mine');
    // An output written before folders were marked: recognised by its files, and marked.
    await rm(join(out, 'en', 'notes.txt'));
    await rm(join(out, '.ets-brief-output'));
    const adopted = build('--out', out, '--no-cache');
    expect(adopted.status).toBe(0);
    expect(JSON.parse(await readFile(join(out, '.ets-brief-output'), 'utf8')).files.en).toContain('brief.html');
  }, 60_000);

  it('treats an empty --out as a usage error (exit 2), writing nothing in the current folder', async () => {
    const cwdBefore = (await readdir(dir)).sort();
    const r = build('--out', '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: empty/);
    expect((await readdir(dir)).sort()).toEqual(cwdBefore);
  }, 30_000);

  it('refuses at once an output inside /proc, /sys or /dev, or under a file, with exit 4', async () => {
    const started = Date.now();
    const proc = build('--out', '/proc/self/x');
    expect(proc.error).toBeUndefined(); // not killed by the timeout
    expect(proc.status).toBe(4);
    expect(proc.stderr).toMatch(/\/proc\/self\/x is inside \/proc, which is not a place for files/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(build('--out', '/dev/shm/ets-brief-out').stderr).toMatch(/is inside \/dev/);
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const under = build('--out', join(file, 'out'));
    expect(under.status).toBe(4);
    expect(under.stderr).toMatch(/cannot create .*a-file\/out: .*a-file is a file, not a folder/);
    const itself = build('--out', file);
    expect(itself.status).toBe(4);
    expect(itself.stderr).toMatch(/a-file is a file, not a folder/);
    expect(await readFile(file, 'utf8')).toBe('x');
  }, 60_000);

  it.skipIf(process.getuid?.() === 0)(
    'refuses a folder it cannot write, with exit 4',
    async () => {
      const locked = join(dir, 'locked');
      await mkdir(locked, { mode: 0o500 });
      const r = build('--out', join(locked, 'out'));
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(/locked is not writable/);
    },
    30_000,
  );

  it('keeps the cache inside the output folder, not beside it', async () => {
    const parent = join(dir, 'shared');
    await mkdir(parent);
    expect(build('--out', join(parent, 'brief')).status).toBe(0);
    expect(await readdir(parent)).toEqual(['brief']);
    expect((await readdir(join(parent, 'brief', '.ets-brief-cache'))).sort()).toContain('charts');
  }, 60_000);
});
