import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { loadData } from './dist/data/load.js';
import { computeMetrics } from './dist/metrics/index.js';
import { CHARTS } from './dist/charts/registry.js';
import { renderChart, localise } from './dist/charts/render.js';
import { FontSet } from './dist/fonts/font-set.js';
import { loadMessages, translator } from './dist/render/i18n.js';
import { fill } from './dist/render/format.js';
const { data } = await loadData('data');
const metrics = computeMetrics(data);
const fonts = new FontSet();
await mkdir('/tmp/charts', { recursive: true });
for (const lang of ['en', 'zh-CN']) {
  const msgs = await loadMessages('templates', lang);
  const t = translator(msgs);
  const ctx = { data, metrics, lang, t, phaseLabel: (p) => lang === 'en' ? `Phase ${p}` : `第${p}阶段`, marketLabel: (m) => t(`markets.${m}`) };
  for (const def of CHARTS) {
    const b = def.build(ctx);
    if (!b) { console.log(lang, def.id, 'NO DATA'); continue; }
    const strings = Object.fromEntries(Object.entries(msgs.strings).map(([k, v]) => [k, k.startsWith(`charts.${def.id}.`) && v.includes('{') ? fill(v, b.placeholders, k) : v]));
    const spec = JSON.parse(await readFile(`templates/charts/${def.id}.vl.json`, 'utf8'));
    const t0 = performance.now();
    const svg = await renderChart(spec, { width: 640, height: def.height, locale: msgs.locale, strings, datasets: b.datasets, fonts }, def.id);
    await writeFile(`/tmp/charts/${lang}-${def.id}.svg`, svg);
    console.log(lang, def.id, svg.length, (performance.now() - t0).toFixed(0) + 'ms');
  }
}
