// Row 6: twenty brief variants (configuration variations) built in one process against twenty
// separate CLI runs. HTML and sections only: a PDF is the browser's work, the same either way.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, note, summary } from '../lib.mjs';

const ACCENTS = ['#1f4e79', '#7a1f1f', '#2e6b30', '#5b2c83', '#8a5a00'];
const SECTIONS = ['key-figures', 'global', 'phases', 'mechanisms', 'results', 'china-compared', 'problems', 'recommendations', 'data-notes'];

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
  const { buildBrief, BuildSession } = await import('../../dist/index.js');
  const { loadConfig } = await import('../../dist/build/config.js');
  const configs = join(work, 'variant-configs');
  await mkdir(configs, { recursive: true });
  const files = [];
  for (let i = 0; i < 20; i++) {
    files.push(join(configs, `v${i + 1}.json`));
    await writeFile(files[i], JSON.stringify(variantConfig(i)));
  }
  const times = { cli: [], inProcess: [] };
  for (let r = 0; r < runs; r++) {
    // Each batch starts from nothing: fresh output folders and cache.
    const cliRoot = join(work, 'variants-cli');
    await rm(cliRoot, { recursive: true, force: true });
    let start = performance.now();
    for (const [i, file] of files.entries()) await cli(['build', '--config', file, '--data', data, '--out', join(cliRoot, `v${i + 1}`), '--quiet']);
    times.cli.push(performance.now() - start);

    const libRoot = join(work, 'variants-lib');
    await rm(libRoot, { recursive: true, force: true });
    start = performance.now();
    const session = new BuildSession();
    try {
      for (const [i, file] of files.entries()) {
        const config = await loadConfig(file);
        await buildBrief({ dataDir: data, outDir: join(libRoot, `v${i + 1}`), langs: config.languages, formats: config.formats, config, session });
      }
    } finally {
      await session.close();
    }
    times.inProcess.push(performance.now() - start);
    note(`variants ${r + 1}/${runs}: 20 CLI runs ${times.cli.at(-1).toFixed(0)} ms, one process ${times.inProcess.at(-1).toFixed(0)} ms`);
  }
  return [{
    id: '6', group: 'variants', measure: '20 variants: 20 CLI runs ÷ one process (speed-up)', unit: 'x',
    result: summary(times.cli.map((c, i) => c / times.inProcess[i])),
    behind: `20 CLI runs ${summary(times.cli).median.toFixed(0)} ms / one process ${summary(times.inProcess).median.toFixed(0)} ms`,
    goal: { op: '>=', value: 5 }, runs: times,
  }];
}
