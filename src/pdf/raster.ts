import type { Browser } from 'puppeteer';
import { offlinePage, withTimeout, type Printer } from './print.js';

export interface RasterJob {
  /** The file it becomes (for messages). */
  readonly name: string;
  /** A standalone SVG document (fonts embedded, nothing external). */
  readonly svg: string;
  /** Its size in CSS pixels; the PNG is `scale` times as many pixels each way. */
  readonly width: number;
  readonly height: number;
  readonly scale: number;
}

export interface RasterResult {
  readonly name: string;
  readonly png: Uint8Array;
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
 * what any viewer of the .svg shows, then screenshots it at the job's scale. The browser is
 * started with --font-render-hinting=none and no GPU, so the same SVG gives the same pixels.
 */
async function rasteriseOne(browser: Browser, job: RasterJob, timeout: number): Promise<RasterResult> {
  const url = `data:image/svg+xml;base64,${Buffer.from(job.svg).toString('base64')}`;
  if (url.length > MAX_URL) throw new Error(`${job.name}: the SVG is ${Math.round(job.svg.length / 1024)} KiB, more than the browser opens as one image`);
  const { page, blocked } = await offlinePage(browser, timeout, { window: true });
  try {
    await page.setViewport({ width: job.width, height: job.height, deviceScaleFactor: job.scale });
    await page.goto(url, { waitUntil: 'load', timeout });
    // Every embedded face loaded before the picture is taken (they are all used), never a fallback font.
    await withTimeout(page.evaluate('Promise.all(Array.from(document.fonts, (f) => f.load())).then(() => document.fonts.ready).then(() => true)'), timeout, `${job.name}: fonts did not load`);
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: job.width, height: job.height }, captureBeyondViewport: false });
    return { name: job.name, png, blocked };
  } finally {
    await page.close().catch(() => {});
  }
}
