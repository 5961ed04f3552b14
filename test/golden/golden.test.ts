import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/cli/metrics.js';
import { FontSet } from '../../src/fonts/font-set.js';
import { computeMetrics, loadData, renderBrief } from '../../src/index.js';
import { collector, ROOT } from '../support.js';
import { checkGolden, normaliseFragment } from './golden.js';

// The section compared in each language: one whose id and template stay put while the brief evolves.
const SECTION = 'mechanisms';

describe('golden files: what the default brief says, from the shipped data/', () => {
  it(`the ${SECTION} section, as embedded, in each language`, async () => {
    const { data } = await loadData(join(ROOT, 'data'));
    const metrics = computeMetrics(data!);
    const fonts = new FontSet();
    // Both languages are compared before failing, so one run shows every difference.
    const problems: string[] = [];
    for (const lang of ['en', 'zh-CN'] as const) {
      const brief = await renderBrief(data!, { lang, metrics, fonts });
      const section = brief.sections.find((s) => s.id === SECTION);
      expect(section, `the default brief has a ${SECTION} section`).toBeDefined();
      const problem = await checkGolden(`${SECTION}.${lang}.html`, normaliseFragment(section!.fragment));
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) expect.fail(problems.join('\n\n'));
  }, 180_000);

  it('ets-brief metrics --json', async () => {
    const out = collector();
    const err = collector();
    expect(await runMetrics({ data: join(ROOT, 'data'), json: true }, out, err)).toBe(0);
    expect(err.text()).toBe('');
    const problem = await checkGolden('metrics.json', out.text());
    if (problem) expect.fail(problem);
  });
});

describe('checkGolden', () => {
  const golden = '<p>China’s traded volume is under 2% of the EU’s.</p>\n<p>Second sentence.</p>\n';

  it('agrees with an identical text, and fails on a changed sentence with a unified diff and how to regenerate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ets-golden-'));
    try {
      await writeFile(join(dir, 'case.html'), golden);
      expect(await checkGolden('case.html', golden, dir, false)).toBeUndefined();
      const problem = await checkGolden('case.html', golden.replace('under 2%', 'over 3%'), dir, false);
      expect(problem).toContain('--- golden/case.html');
      expect(problem).toContain('+++ now/case.html');
      expect(problem).toContain('-<p>China’s traded volume is under 2% of the EU’s.</p>');
      expect(problem).toContain('+<p>China’s traded volume is over 3% of the EU’s.</p>');
      expect(problem).toContain(' <p>Second sentence.</p>');
      expect(problem).toContain('UPDATE_GOLDEN=1 npx vitest run test/golden');
      expect(await checkGolden('absent.html', golden, dir, false)).toMatch(/absent\.html is missing; write it with UPDATE_GOLDEN=1/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('normalises a section to its meaning: no style bytes, one tag per line, the text kept', () => {
    const fragment =
      '<div class="etsb"><style>@font-face{src:url(data:font/woff;base64,AAAA)}</style><section><h2>Title</h2><p>A &amp; B <a href="#x">1</a></p></section></div>';
    expect(normaliseFragment(fragment)).toBe(
      '<div class="etsb">\n<style>/* styles and font subsets: not compared */</style>\n<section>\n<h2>Title</h2>\n<p>A &amp; B <a href="#x">1</a>\n</p>\n</section>\n</div>\n',
    );
  });
});
