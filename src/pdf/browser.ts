import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';

/** Where a browser was found, and how. */
export interface BrowserLocation {
  readonly executablePath: string;
  readonly via: 'PUPPETEER_EXECUTABLE_PATH' | 'system' | 'puppeteer cache';
}

export class BrowserNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `no Chromium or Chrome found${detail}. Install one (Debian/Ubuntu: \`apt-get install chromium\`, or run ./scripts/setup.sh), ` +
        'or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary.',
    );
    this.name = 'BrowserNotFoundError';
  }
}

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** PUPPETEER_EXECUTABLE_PATH, then a system Chromium or Chrome, then Puppeteer's own cache. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): BrowserLocation {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (existsSync(configured)) return { executablePath: configured, via: 'PUPPETEER_EXECUTABLE_PATH' };
    throw new BrowserNotFoundError(` (PUPPETEER_EXECUTABLE_PATH points to ${configured}, which does not exist)`);
  }
  const system = SYSTEM_BROWSERS.find((p) => existsSync(p));
  if (system) return { executablePath: system, via: 'system' };
  const cached = fromPuppeteerCache(env.PUPPETEER_CACHE_DIR ?? join(homedir(), '.cache', 'puppeteer'));
  if (cached) return { executablePath: cached, via: 'puppeteer cache' };
  throw new BrowserNotFoundError('');
}

function fromPuppeteerCache(dir: string): string | undefined {
  const chrome = join(dir, 'chrome');
  if (!existsSync(chrome)) return undefined;
  for (const version of readdirSync(chrome).sort().reverse()) {
    for (const candidate of ['chrome-linux64/chrome', 'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing', 'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']) {
      const path = join(chrome, version, candidate);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/**
 * Headless, offline-friendly flags. --no-sandbox only when running as root, where Chromium refuses
 * to start otherwise; everyone else keeps the sandbox.
 */
export function launchArgs(isRoot = typeof process.getuid === 'function' && process.getuid() === 0): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
    '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none',
  ];
}

/** Profile directories are named after the process, so a leftover browser can be traced to its build. */
export const PROFILE_PREFIX = 'ets-brief-chrome-';

export async function launchBrowser(location: BrowserLocation = findBrowser()): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  // pipe: the browser talks over stdio, so it exits when this process does, even on SIGKILL.
  // Signals are handled by the caller (see build/interrupt.ts), which closes the browser and also
  // removes staged output; Puppeteer's own handlers would exit before that could happen.
  // Imported here: a build whose PDFs all come from the cache never loads Puppeteer.
  const { default: puppeteer } = await import('puppeteer');
  const browser = await puppeteer.launch({
    executablePath: location.executablePath, headless: true, args: launchArgs(), timeout: 30_000, pipe: true, userDataDir,
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  // The profile goes once the browser process has exited (it writes to it until then).
  browser.process()?.once('exit', () => {
    rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
  });
  return browser;
}
