import type { Browser } from 'puppeteer';
import { offlinePage, withTimeout, type Printer } from './print.js';

export interface RasterJob {
  /** The file it becomes (for messages). */
  readonly name: string;
  /** A standalone SVG document (fonts embedded, nothing external). */
  readonly svg: string;
  /** Its size in CSS pixels; a PNG at scale 2 has twice as many pixels each way. */
  readonly width: number;
  readonly height: number;
  /** One PNG per scale, from one load of the SVG. */
  readonly scales: readonly number[];
}

export interface RasterResult {
  readonly name: string;
  /** In the order of the job's scales. */
  readonly pngs: readonly Uint8Array[];
  /** Requests the SVG tried to make, refused (a standalone SVG makes none). */
  readonly blocked: readonly string[];
}

/** Chromium refuses to open data: URLs longer than this (2 MiB). */
const MAX_URL = 2 * 1024 * 1024;

/** Draws an SVG to PNG with the build's browser (shared with the PDFs, within its page limit). */
export function rasterise(printer: Printer, job: RasterJob): Promise<RasterResult> {
  return printer.run((browser, timeout) => rasteriseOne(browser, job, timeout));
}

/**
 * Chromium opens the SVG file itself, as a document of its own (not inside HTML), so the PNG is
 * what any viewer of the .svg shows, then screenshots it at each of the job's scales (changing
 * the scale redraws the page whole: the same bytes as a page opened at that scale). The browser
 * is started without GPU, font hinting or partial redraws, so the same SVG gives the same pixels.
 */
async function rasteriseOne(browser: Browser, job: RasterJob, timeout: number): Promise<RasterResult> {
  const url = `data:image/svg+xml;base64,${Buffer.from(job.svg).toString('base64')}`;
  if (url.length > MAX_URL) throw new Error(`${job.name}: the SVG is ${Math.round(job.svg.length / 1024)} KiB, more than the browser opens as one image`);
  const { page, blocked } = await offlinePage(browser, timeout, { window: true });
  try {
    await page.setViewport({ width: job.width, height: job.height, deviceScaleFactor: job.scales[0] ?? 1 });
    await page.goto(url, { waitUntil: 'load', timeout });
    // Every embedded face loaded before the picture is taken (they are all used), never a fallback font.
    await withTimeout(
      page.evaluate('Promise.all(Array.from(document.fonts, (f) => f.load())).then(() => document.fonts.ready).then(() => true)'),
      timeout,
      `${job.name}: fonts did not load`,
    );
    const pngs: Uint8Array[] = [];
    for (const scale of job.scales) {
      await page.setViewport({ width: job.width, height: job.height, deviceScaleFactor: scale });
      pngs.push(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: job.width, height: job.height }, captureBeyondViewport: false }));
    }
    return { name: job.name, pngs, blocked };
  } finally {
    await page.close().catch(() => {});
  }
}
