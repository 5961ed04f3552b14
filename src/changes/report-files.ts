import type { FontSet } from '../fonts/font-set.js';
import { visibleText } from '../render/html.js';
import type { ChangeReport } from './compare.js';
import { reportHtml } from './report-html.js';

/** changes.html (with the glyphs it uses embedded, so it reads the same on any machine) and changes.json. */
export async function reportFiles(report: ChangeReport, fonts: FontSet): Promise<Record<'changes.html' | 'changes.json', string>> {
  const fontCss = await fonts.fontFaceCss(visibleText(reportHtml(report)));
  // changes.json holds every list in full (the page shows the first rows of a long chart change).
  return { 'changes.html': reportHtml(report, fontCss), 'changes.json': `${JSON.stringify({ generator: 'ets-brief', ...report }, null, 2)}\n` };
}
