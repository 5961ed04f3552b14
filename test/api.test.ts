import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// The published entry point, by the package's own name (resolved through package.json "exports").
import { buildBrief, computeMetrics, loadData, renderBrief } from 'ets-brief';
import { tempDirForTests } from './support.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const tempDir = tempDirForTests('ets-api-');

describe("import { loadData, computeMetrics, renderBrief, buildBrief } from 'ets-brief'", () => {
  it('loads, computes and renders a brief in memory', async () => {
    const { data, issues } = await loadData(join(ROOT, 'data'));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const metrics = computeMetrics(data!);
    const brief = await renderBrief(data!, { lang: 'zh-CN', metrics });
    expect(brief.html).toContain('<html lang="zh-CN">');
    expect(brief.sections.map((s) => s.id)).toContain('compared');
    expect(brief.charts.get('emissions')?.svg).toMatch(/^<svg /);
  }, 60_000);

  it('builds, and the example site embeds sections from the manifest', async () => {
    const dir = tempDir();
    const out = join(dir, 'output');
    await buildBrief({ dataDir: join(ROOT, 'data'), outDir: out, langs: ['en'], formats: ['sections'] });
    const site = join(dir, 'site');
    const stdout = execFileSync(process.execPath, [join(ROOT, 'examples/static-site/build-site.mjs'), out, 'en', site, 'key-figures', 'compared'], {
      encoding: 'utf8',
    });
    expect(stdout).toMatch(/with 2 section\(s\): key-figures, compared/);
    const page = await readFile(join(site, 'index.html'), 'utf8');
    expect(page).toContain('data-etsb-section="key-figures"');
    expect(page).toContain('data-etsb-section="compared"');
    expect(page).not.toContain('data-etsb-section="global"');
  }, 60_000);
});
