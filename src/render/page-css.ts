import { FONT_FAMILY } from '../fonts/noto-sans-sc.js';

/**
 * A CSS string literal that text can never leave: quotes, backslashes and control characters are
 * hex-escaped (`\22 `), and so are `<`, `>` and `&`, because the string sits inside an HTML
 * <style> element, which the HTML parser ends at the first `</style` whatever CSS thinks.
 * Other characters (any script, bidi controls, joiners) stay as they are and print.
 */
export function cssString(text: string): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f"'\\<>&]/g, (c) => (c === '\u0000' ? '\ufffd' : `\\${c.charCodeAt(0).toString(16)} `));
  return `"${escaped.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')}"`;
}

/** "Page {page} of {pages}" as CSS `content`: strings around page counters. */
export function pageCounterContent(template: string): string {
  const parts = template.split(/(\{page\}|\{pages\})/).filter((p) => p !== '');
  return parts.map((p) => (p === '{page}' ? 'counter(page)' : p === '{pages}' ? 'counter(pages)' : cssString(p))).join(' ');
}

/**
 * A4 pages with the running title at the top and "page X of Y" at the foot, in the brief's own
 * font and language; none on the cover. Page-margin boxes are drawn by Chromium with the
 * document's fonts, unlike Puppeteer's header and footer templates.
 */
export function pageCss(title: string, pageOf: string): string {
  const box = `font-family: '${FONT_FAMILY}', sans-serif; font-size: 8pt; color: #666;`;
  return [
    '@page {',
    '  size: A4; margin: 20mm 18mm 18mm 18mm;',
    `  @top-left { content: ${cssString(title)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }`,
    `  @bottom-center { content: ${pageCounterContent(pageOf)}; ${box} vertical-align: top; padding-top: 3mm; }`,
    '}',
    '@page :first { @top-left { content: none; } @bottom-center { content: none; } }',
  ].join('\n');
}
