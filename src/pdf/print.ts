import { availableParallelism } from 'node:os';
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { FONT_FAMILY } from '../fonts/noto-sans-sc.js';
import { onInterrupt } from '../interrupt.js';
import { closeBrowser, findBrowser, launchBrowser } from './browser.js';

export interface PrintJob {
  readonly name: string;
  readonly html: string;
  /** Text that appears only in page-margin boxes, whose glyphs must be loaded before printing. */
  readonly marginText: string;
}

export interface PrintResult {
  readonly name: string;
  readonly pdf: Uint8Array;
  /** Requests the page tried to make and that were blocked (nothing may leave the page). */
  readonly blocked: readonly string[];
}

export interface PrintOptions {
  /** Limit for each step (load, fonts, print). */
  readonly timeoutMs?: number;
  readonly concurrency?: number;
}

/**
 * Prints HTML documents to PDF with one browser, several pages at once, a timeout on every step,
 * and the browser closed whatever happens. The browser is started with a pipe, so it also dies if
 * this process is killed.
 */
export async function printPdfs(jobs: readonly PrintJob[], options: PrintOptions = {}): Promise<PrintResult[]> {
  const printer = new Printer({ ...options, concurrency: Math.min(options.concurrency ?? availableParallelism(), jobs.length) });
  try {
    return await Promise.all(jobs.map((job) => printer.print(job)));
  } finally {
    await printer.close();
  }
}

/**
 * A browser started on the first job and shared by the ones after, so a build can print one
 * language while it renders the next. At most `concurrency` pages print at once. close() must be
 * called whatever happens (it is safe to call when nothing was printed).
 */
export class Printer {
  private browser: Promise<Browser> | undefined;
  private forget: (() => void) | undefined;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly timeout: number;
  private readonly limit: number;

  constructor(options: PrintOptions = {}) {
    this.timeout = options.timeoutMs ?? 60_000;
    this.limit = Math.max(1, options.concurrency ?? availableParallelism());
  }

  async print(job: PrintJob): Promise<PrintResult> {
    return this.run((browser, timeout) => printOne(browser, job, timeout));
  }

  /** Runs `work` with the shared browser and its time limit; PDFs and PNGs share the page limit. */
  async run<T>(work: (browser: Browser, timeout: number) => Promise<T>): Promise<T> {
    const browser = await this.start();
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await work(browser, this.timeout);
    } catch (error) {
      // A browser that died is not reused: the next job (say, the next build in watch) starts another.
      if (!browser.connected && this.browser) await this.close();
      throw error;
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Starts the browser now, so the first job does not wait for it (a failure shows on that job). */
  warm(): void {
    this.start().catch(() => {});
  }

  async close(): Promise<void> {
    const started = this.browser;
    this.browser = undefined;
    this.forget?.();
    if (!started) return;
    const browser = await started.catch(() => undefined);
    if (browser) await closeBrowser(browser);
  }

  private start(): Promise<Browser> {
    if (!this.browser) {
      this.browser = (async () => launchBrowser(findBrowser()))();
      const launching = this.browser;
      this.forget = onInterrupt(async () => {
        const browser = await launching.catch(() => undefined);
        if (browser) await closeBrowser(browser);
      });
    }
    return this.browser;
  }
}

/**
 * A new page that fetches nothing: the document is set in place (about:blank) or is a data: URL,
 * and so are its fonts and images. Anything else, e.g. a URL that came in with the data, is
 * refused and listed in `blocked`, never fetched. `window`: a window of its own, for a page to be
 * screenshot (a tab behind another in one window draws no frames, and its screenshot waited for
 * minutes while other pages opened and closed beside it).
 */
export async function offlinePage(browser: Browser, timeout: number, { window = false } = {}): Promise<{ page: Page; blocked: string[] }> {
  const page = await browser.newPage(window ? { type: 'window' } : undefined);
  const blocked: string[] = [];
  try {
    page.setDefaultTimeout(timeout);
    await page.setRequestInterception(true);
  } catch (error) {
    await page.close().catch(() => {});
    throw error;
  }
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (url.startsWith('data:') || url === 'about:blank') void request.continue();
    else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  return { page, blocked };
}

async function printOne(browser: Browser, job: PrintJob, timeout: number): Promise<PrintResult> {
  const { page, blocked } = await offlinePage(browser, timeout);
  try {
    await page.setContent(job.html, { waitUntil: 'load', timeout });
    await page.emulateMediaType('print');
    // Glyphs used only in page margins are not loaded by layout; load them before printing.
    // (The in-page code is a string so this Node module needs no DOM types.)
    const loadFonts = `Promise.all([400, 700].map((w) => document.fonts.load(w + " 8pt " + ${JSON.stringify(`'${FONT_FAMILY}'`)}, ${JSON.stringify(job.marginText)})))
      .then(() => document.fonts.ready).then(() => true)`;
    await withTimeout(page.evaluate(loadFonts), timeout, `${job.name}: fonts did not load`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout });
    return { name: job.name, pdf, blocked };
  } finally {
    await page.close().catch(() => {});
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
