import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
const build = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/ets-brief.js'), 'build', '--data', join(ROOT, 'data'), ...args], { cwd: dir, encoding: 'utf8' });
const writeConfig = (name: string, config: unknown) => writeFile(join(dir, name), JSON.stringify(config));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ets-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ets-brief.config.json', () => {
  it('refuses unknown keys and bad values, naming each, with exit 2', async () => {
    await writeConfig('bad.json', { titel: { en: 'x' }, languages: ['fr'], theme: { accent: 'blue' } });
    const r = build('--config', 'bad.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: invalid configuration/);
    expect(r.stderr).toMatch(/titel/);
    expect(r.stderr).toMatch(/languages\.0/);
    expect(r.stderr).toMatch(/theme\.accent: a colour like #1f4e79/);
  });

  it('refuses a comparison with a market data/ does not have', async () => {
    await writeConfig('market.json', { comparison: { subject: 'kr-ets', reference: 'eu-ets' } });
    const r = build('--config', 'market.json', '--out', 'out-market');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/market "kr-ets" is not in markets\.csv/);
  });

  it('sets title, languages, formats, sections and their order, accent colour and template overrides', async () => {
    await mkdir(join(dir, 'my-templates', 'sections'), { recursive: true });
    await writeFile(join(dir, 'my-templates', 'sections', 'global.hbs'), '<p class="house-style">Our own words about {{view.global.length}} facts.</p>');
    await writeFile(
      join(dir, 'ets-brief.config.json'),
      JSON.stringify({
        title: { en: 'EU and China carbon markets: a house brief' },
        author: 'Example Institute',
        languages: ['en'],
        formats: ['html', 'sections'],
        sections: ['compared', 'global', 'data-notes'],
        theme: { accent: '#8a1538' },
        templates: 'my-templates',
      }),
    );
    const r = build('--out', 'out');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((await readdir(join(dir, 'out'))).filter((e) => !e.startsWith('.'))).toEqual(['en']);
    const html = await readFile(join(dir, 'out', 'en', 'brief.html'), 'utf8');
    expect(html).toContain('<title>EU and China carbon markets: a house brief</title>');
    const order = [...html.matchAll(/<section class="etsb-section" id="etsb-([a-z-]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['compared', 'global', 'data-notes']);
    expect(html).toContain('<p class="house-style">Our own words about 4 facts.</p>');
    expect(html).toContain('--etsb-accent:#8a1538');
    expect((await readdir(join(dir, 'out', 'en', 'sections'))).sort()).toEqual(['compared.html', 'data-notes.html', 'global.html', 'manifest.json']);
    // Command-line choices win over the configuration.
    const cli = build('--out', 'out2', '--lang', 'zh-CN', '--format', 'html');
    expect(cli.status).toBe(0);
    expect((await readdir(join(dir, 'out2'))).filter((e) => !e.startsWith('.'))).toEqual(['zh-CN']);
  }, 120_000);
});
