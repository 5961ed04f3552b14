import { readFile, writeFile } from 'node:fs/promises';
import { FontSet } from './dist/fonts/font-set.js';
const fonts = new FontSet();
for (const lang of ['en', 'zh-CN']) {
  const ids = ['eua-price','eua-volume','auction-revenue','emissions','phase-trends','power-mix','price-comparison','volume-comparison'];
  const svgs = await Promise.all(ids.map((id) => readFile(`/tmp/charts/${lang}-${id}.svg`, 'utf8')));
  const css = await fonts.fontFaceCss(svgs.join(''));
  await writeFile(`/tmp/preview-${lang}.html`, `<!doctype html><meta charset=utf-8><style>${css} body{font-family:'Noto Sans SC';margin:10px} div{border:1px solid #ddd;margin:6px 0;width:642px}</style>${svgs.map((s, i) => `<p>${ids[i]}</p><div>${s}</div>`).join('')}`);
}
