/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Functions passed to page.evaluate run in Chromium, hence DOM types in this file.
import type { Page } from 'puppeteer';

/** Console errors and requests that left the page while it loaded. */
export interface PageReport {
  errors: string[];
  requests: string[];
}

/** Loads a page with every request but the document itself and data: URLs refused and recorded. */
export async function openPage(page: Page, load: () => Promise<unknown>): Promise<PageReport> {
  const report: PageReport = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') report.errors.push(m.text());
  });
  page.on('pageerror', (e) => report.errors.push(String(e)));
  await page.setRequestInterception(true);
  let first = true;
  page.on('request', (r) => {
    const url = r.url();
    // The document itself and data: URLs are the page; anything else would leave it.
    if (url.startsWith('data:') || (first && r.isNavigationRequest())) {
      first = false;
      void r.continue();
    } else {
      report.requests.push(url);
      void r.abort();
    }
  });
  await load();
  await page.evaluate(() => document.fonts.ready);
  return report;
}

/** A host page holding the given section fragments, with the host's own style. */
export function hostPage(fragments: readonly string[], css = ''): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><style>${css}</style></head>` +
    `<body><h1 id="host">Host page</h1>${fragments.join('\n')}<p id="host-p">Host text</p></body></html>`
  );
}

export interface ChartReport {
  /** Charts (figures with a chart box) on the page. */
  charts: number;
  /** Charts showing other than exactly one drawing, with how many they show. */
  drawings: string[];
  /** Shown drawings too small to read as a chart. */
  hidden: string[];
  /** Chart text drawn outside its drawing's box. */
  overflow: string[];
  /** The smallest and largest text as drawn on screen, in CSS px: font size × the SVG's scale. */
  smallest: { px: number; text: string };
  largest: { px: number; text: string };
  fontsLoaded: boolean;
}

/**
 * What a reader sees of the charts: each chart box shows one drawing (the wide or the narrow one),
 * every text of it lies inside it, and each text's size as drawn: its computed font size times the
 * scale from SVG units to the screen (the CTM's, rotation included).
 */
export async function chartReport(page: Page): Promise<ChartReport> {
  return page.evaluate(() => {
    const shown = (e: Element) => e.getClientRects().length > 0;
    const boxes = [...document.querySelectorAll('.etsb-chart')];
    const drawings: string[] = [];
    const hidden: string[] = [];
    const overflow: string[] = [];
    let smallest = { px: Infinity, text: '' };
    let largest = { px: 0, text: '' };
    for (const chart of boxes) {
      const id = chart.closest('figure')?.id ?? '?';
      const svgs = ([...chart.querySelectorAll(':scope > svg')] as SVGSVGElement[]).filter(shown);
      if (svgs.length !== 1) drawings.push(`${id}: ${svgs.length}`);
      for (const svg of svgs) {
        const box = svg.getBoundingClientRect();
        if (box.width < 200 || box.height < 60 || getComputedStyle(svg).visibility === 'hidden') hidden.push(`${id} ${box.width}x${box.height}`);
        for (const text of svg.querySelectorAll('text')) {
          // The text a reader sees (a mark's <title> is its tooltip, not drawn).
          const drawn = [...text.childNodes]
            .filter((n) => n.nodeName !== 'title')
            .map((n) => n.textContent)
            .join('')
            .trim();
          if (!drawn) continue;
          const t = text.getBoundingClientRect();
          if (t.left < box.left - 1 || t.right > box.right + 1 || t.top < box.top - 1 || t.bottom > box.bottom + 1) overflow.push(`${id}: "${drawn}"`);
          const m = text.getScreenCTM()!;
          const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
          if (px < smallest.px) smallest = { px, text: `${id}: ${drawn}` };
          if (px > largest.px) largest = { px, text: `${id}: ${drawn}` };
        }
      }
    }
    const fontsLoaded = [...document.fonts].some((f) => f.family.includes('etsb Noto Sans SC') && f.status === 'loaded');
    return { charts: boxes.length, drawings, hidden, overflow, smallest, largest, fontsLoaded };
  });
}

/**
 * Each figure's number as laid out on screen, in page order ("Figure 1", "图3"). Read from the
 * layout (DOMSnapshot), because a number drawn by a CSS counter is in no DOM text.
 */
export async function figureNumbers(page: Page): Promise<string[]> {
  const cdp = await page.createCDPSession();
  try {
    const { documents, strings } = await cdp.send('DOMSnapshot.captureSnapshot', { computedStyles: [] });
    const { nodes, layout } = documents[0]!;
    const classOf = (i: number): string => {
      const attrs = nodes.attributes?.[i] ?? [];
      for (let a = 0; a < attrs.length; a += 2) if (strings[attrs[a]!] === 'class') return strings[attrs[a + 1]!]!;
      return '';
    };
    // The fignum element a laid-out node belongs to (itself, its ::before, or a text inside).
    const fignumOf = (i: number): number | undefined => {
      for (let n: number | undefined = i; n !== undefined && n >= 0; n = nodes.parentIndex?.[n]) if (classOf(n).split(' ').includes('etsb-fignum')) return n;
      return undefined;
    };
    const numbers = new Map<number, string>();
    layout.nodeIndex.forEach((node, k) => {
      const text = layout.text[k] ?? -1;
      const fignum = text >= 0 ? fignumOf(node) : undefined;
      if (fignum !== undefined) numbers.set(fignum, (numbers.get(fignum) ?? '') + strings[text]!);
    });
    return [...numbers.entries()].sort(([a], [b]) => a - b).map(([, text]) => text.trim());
  } finally {
    await cdp.detach();
  }
}
