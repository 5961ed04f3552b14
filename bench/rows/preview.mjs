// Row 7: `ets-brief preview` with the brief open in Chromium: from the edit of one value in
// emissions.csv to the page reloaded with it, against a full build (row 1's, same run).
import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { CLI, note, summary } from '../lib.mjs';
import { editOneValue } from './rebuild.mjs';

/** `ets-brief preview` in a child; resolves its URL once the first build is done and it watches. */
function previewServer(data, out) {
  const child = spawn(process.execPath, [CLI, 'preview', '--port', '0', '--data', data, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const url = /^preview: (http:\S+)/m.exec(stdout)?.[1];
      if (url && /watching .*Ctrl-C/.test(stdout)) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`preview exited with ${code}\n${stderr || stdout}`)));
  });
  return {
    ready,
    stop: () =>
      new Promise((resolve) => {
        child.once('close', resolve);
        child.kill('SIGINT');
      }),
  };
}

export async function benchPreview({ runs, work, data: source }, full) {
  const data = join(work, 'preview-data');
  await cp(source, data, { recursive: true });
  const server = previewServer(data, join(work, 'preview', 'out'));
  const { closeBrowser, launchBrowser } = await import('../../dist/pdf/browser.js');
  const browser = await launchBrowser();
  const reloads = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${await server.ready}en/brief.html`, { waitUntil: 'load' });
    for (let i = 0; i < runs; i++) {
      await new Promise((r) => setTimeout(r, 1000)); // let the watcher settle
      const start = performance.now();
      const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 60_000 });
      const tonnes = await editOneValue(data);
      await reloaded;
      reloads.push(performance.now() - start);
      // The page must show the edit (1,312 Mt and so on), not merely have reloaded.
      const shown = (tonnes / 1e6).toLocaleString('en-US');
      if (!(await page.evaluate(() => document.body.innerText)).includes(shown)) throw new Error(`the reloaded page does not show ${shown} Mt`);
      note(`preview ${i + 1}/${runs}: edit → page reloaded with it in ${reloads.at(-1).toFixed(0)} ms`);
    }
  } finally {
    await closeBrowser(browser);
    await server.stop();
  }
  const fullMedian = summary(full).median;
  return [
    {
      id: '7',
      group: 'preview',
      measure: 'edit of one value → HTML reloaded in the page (preview) ÷ full build',
      unit: 'x',
      result: summary(reloads.map((t, i) => t / full[i % full.length])),
      behind: `edit to reloaded page ${summary(reloads).median.toFixed(0)} ms / full build ${fullMedian.toFixed(0)} ms`,
      goal: { op: '<=', value: 0.1 },
      runs: { reload: reloads, full },
    },
  ];
}
