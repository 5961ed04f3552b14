// Row 6: twenty brief variants (configuration variations) built in one process against twenty
// separate CLI runs. HTML and sections only: a PDF is the browser's work, the same either way.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli, note, run, summary } from '../lib.mjs';

const CHILD = fileURLToPath(new URL('./variants-child.mjs', import.meta.url));

const ACCENTS = ['#1f4e79', '#7a1f1f', '#2e6b30', '#5b2c83', '#8a5a00'];
const SECTIONS = ['key-figures', 'global', 'phases', 'mechanisms', 'results', 'compared', 'problems', 'recommendations', 'data-notes'];

/** Variant i: its own accent, title, author and sections; every third in one language. */
export function variantConfig(i) {
  return {
    title: { en: `EU ETS lessons for China: variant ${i + 1}`, 'zh-CN': `欧盟碳市场对中国的启示（第${i + 1}版）` },
    author: `ets-brief benchmark ${i + 1}`,
    theme: { accent: ACCENTS[i % ACCENTS.length] },
    sections: i % 4 === 3 ? SECTIONS.filter((_, j) => j % 2 === 0) : SECTIONS,
    languages: i % 3 === 2 ? ['en'] : ['zh-CN', 'en'],
    formats: ['html', 'sections'],
  };
}

export async function benchVariants({ runs, work, data }) {
  const configs = join(work, 'variant-configs');
  await mkdir(configs, { recursive: true });
  const files = [];
  for (let i = 0; i < 20; i++) {
    files.push(join(configs, `v${i + 1}.json`));
    await writeFile(files[i], JSON.stringify(variantConfig(i)));
  }
  // cold: each batch starts from nothing (no output, no cache), so the charts and font subsets
  // every variant shares are made once in the batch. warm: a build of the first variant has
  // already filled the cache (a site regenerating its variants after, say, a template change).
  const times = { cold: { cli: [], inProcess: [] }, warm: { cli: [], inProcess: [] } };
  const batch = async (root, warm, build) => {
    await rm(root, { recursive: true, force: true });
    if (warm) await build(0, join(root, 'warm-up-1'));
    const start = performance.now();
    for (let i = 0; i < files.length; i++) await build(i, join(root, `v${i + 1}`));
    return performance.now() - start;
  };
  for (let r = 0; r < runs; r++) {
    for (const mode of ['cold', 'warm']) {
      const warm = mode === 'warm';
      // Twenty processes, one variant each, as a shell loop over `ets-brief build` does.
      times[mode].cli.push(
        await batch(join(work, 'variants-cli'), warm, (i, out) => cli(['build', '--config', files[i], '--data', data, '--out', out, '--quiet'])),
      );
      // One new process building all twenty (its start and module loading included).
      const libRoot = join(work, 'variants-lib');
      await rm(libRoot, { recursive: true, force: true });
      if (warm) await run(process.execPath, [CHILD, data, libRoot, 'warm-up-', files[0]]);
      times[mode].inProcess.push((await run(process.execPath, [CHILD, data, libRoot, 'v', ...files])).ms);
      note(
        `variants ${r + 1}/${runs} (${mode} cache): 20 CLI runs ${times[mode].cli.at(-1).toFixed(0)} ms, one process ${times[mode].inProcess.at(-1).toFixed(0)} ms`,
      );
    }
  }
  const row = (id, mode, label) => ({
    id,
    group: 'variants',
    measure: `20 variants, ${label}: 20 CLI runs ÷ one process`,
    unit: 'x',
    result: summary(times[mode].cli.map((c, i) => c / times[mode].inProcess[i])),
    behind: `20 CLI runs ${summary(times[mode].cli).median.toFixed(0)} ms / one process ${summary(times[mode].inProcess).median.toFixed(0)} ms`,
    goal: { op: '>=', value: 5 },
    runs: times[mode],
  });
  return [row('6', 'cold', 'cold cache'), row('6w', 'warm', 'warm cache')];
}
