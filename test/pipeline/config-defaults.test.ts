import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSettings } from '../../src/cli/build.js';
import { buildSettings } from '../../src/pipeline/build.js';
import { DEFAULTS } from '../../src/pipeline/config.js';
import { ROOT } from '../support.js';

const data = join(ROOT, 'data');
const brief = await mkdtemp(join(tmpdir(), 'etsb-defaults-'));
afterAll(() => rm(brief, { recursive: true, force: true }));

describe('one set of defaults for the command line and the library', () => {
  it('resolves the same settings when nothing is chosen: every language and format, ./output, the default comparison', async () => {
    const cli = (await cliSettings({ data })).settings;
    const library = (await buildSettings({ dataDir: data })).settings;
    expect(cli).toEqual(library);
    expect(cli).toEqual({ langs: ['zh-CN', 'en'], formats: ['html', 'sections', 'pdf', 'charts'], comparison: DEFAULTS.comparison, outDir: resolve('output') });
  });

  it("takes a brief folder's languages, formats and comparison alike", async () => {
    await writeFile(
      join(brief, 'brief.json'),
      JSON.stringify({ languages: ['en'], formats: ['html'], comparison: { subject: 'uk-ets', reference: 'eu-ets' } }),
    );
    const cli = (await cliSettings({ data, brief })).settings;
    const library = (await buildSettings({ dataDir: data, briefDir: brief })).settings;
    expect(cli).toEqual(library);
    expect(cli).toMatchObject({ langs: ['en'], formats: ['html'], comparison: { subject: 'uk-ets', reference: 'eu-ets' } });
  });

  it("puts the caller's choices over the brief folder's", async () => {
    const cli = (await cliSettings({ data, brief, lang: 'zh-CN', format: 'pdf,sections', out: 'elsewhere' })).settings;
    const library = (await buildSettings({ dataDir: data, briefDir: brief, langs: ['zh-CN'], formats: ['pdf', 'sections'], outDir: 'elsewhere' })).settings;
    expect(cli).toEqual(library);
    expect(cli).toMatchObject({ langs: ['zh-CN'], formats: ['pdf', 'sections'], outDir: resolve('elsewhere') });
  });

  it('refuses an empty output folder rather than building into the working folder', async () => {
    await expect(buildSettings({ dataDir: data, outDir: '' })).rejects.toThrow(/outDir is empty/);
    await expect(buildSettings({ dataDir: data, outDir: '  ' })).rejects.toThrow(/outDir is empty/);
  });
});
