// Row 1: a full build (both languages; HTML, sections, PDF) against Chromium alone printing the
// same final HTML files. Also, for information, against a warm browser printing them.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, note, run, summary } from '../lib.mjs';

const LANGS = ['zh-CN', 'en'];

/** What `chromium --headless --print-to-pdf` needs to print a local file offline. */
export function chromiumArgs(pdf, html) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return [
    '--headless',
    ...(root ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--no-pdf-header-footer',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    `--print-to-pdf=${pdf}`,
    `file://${html}`,
  ];
}

export async function benchBuild({ runs, work, data, chromium }) {
  const full = [];
  const cold = [];
  const warm = [];
  const { launchBrowser } = await import('../../dist/pdf/browser.js');
  const browser = await launchBrowser();
  try {
    for (let i = 0; i < runs; i++) {
      const out = join(work, 'full', 'out');
      await rm(join(work, 'full'), { recursive: true, force: true });
      // The build as a user runs it, from nothing: no cache, a new process.
      full.push((await cli(['build', '--data', data, '--out', out, '--no-cache', '--quiet'])).ms);
      // Chromium printing the very files the build wrote, one process per file.
      let ms = 0;
      for (const lang of LANGS) ms += (await run(chromium, chromiumArgs(join(work, `cold-${lang}.pdf`), join(out, lang, 'brief.html')))).ms;
      cold.push(ms);
      // The same files in a browser already running: one page.pdf each.
      const start = performance.now();
      for (const lang of LANGS) {
        const page = await browser.newPage();
        await page.setContent(await readFile(join(out, lang, 'brief.html'), 'utf8'), { waitUntil: 'load' });
        await page.pdf({ preferCSSPageSize: true, printBackground: true });
        await page.close();
      }
      warm.push(performance.now() - start);
      note(
        `build ${i + 1}/${runs}: build ${full.at(-1).toFixed(0)} ms, chromium --print-to-pdf ${cold.at(-1).toFixed(0)} ms, warm page.pdf ${warm.at(-1).toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
  const ratios = (base) => summary(full.map((f, i) => f / base[i]));
  const behind = (base, label) => `build ${summary(full).median.toFixed(0)} ms / ${label} ${summary(base).median.toFixed(0)} ms (medians)`;
  return {
    full,
    rows: [
      {
        id: '1',
        group: 'build',
        measure: 'full build ÷ chromium --print-to-pdf of its HTML',
        result: ratios(cold),
        unit: 'x',
        behind: behind(cold, 'chromium'),
        goal: { op: '<=', value: 1.5 },
        runs: { build: full, chromium: cold },
      },
      {
        id: '1b',
        group: 'build',
        measure: 'full build ÷ page.pdf in a warm browser',
        result: ratios(warm),
        unit: 'x',
        behind: behind(warm, 'warm page.pdf'),
        runs: { build: full, warm },
      },
    ],
  };
}
