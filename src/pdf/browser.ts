import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer';
import { isAlive } from '../data/process.js';

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
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
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
    for (const candidate of [
      'chrome-linux64/chrome',
      'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    ]) {
      const path = join(chrome, version, candidate);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/**
 * Headless, offline-friendly flags. --no-sandbox only when running as root, where Chromium refuses
 * to start otherwise; everyone else keeps the sandbox. --disable-partial-raster: a chart PNG is
 * then drawn in one pass; redrawing only the text once its font had loaded left a few edge pixels
 * of overlapping translucent marks a shade apart from one screenshot to the next.
 */
export function launchArgs(isRoot = typeof process.getuid === 'function' && process.getuid() === 0): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--font-render-hinting=none',
    '--disable-partial-raster',
  ];
}

/** Profile directories are named after the process, so a leftover browser can be traced to its build. */
export const PROFILE_PREFIX = 'ets-brief-chrome-';

/** Profiles of this process's browsers, each with its removal (done once the browser has exited). */
const profiles = new Map<string, { pid: number | undefined; removed?: Promise<void> }>();
const removals = new WeakMap<Browser, Promise<void>>();
/** Every profile folder this process made, removed again at exit (see removeProfile). */
const made = new Set<string>();

export async function launchBrowser(location: BrowserLocation = findBrowser()): Promise<Browser> {
  await sweepBrowserProfiles();
  const userDataDir = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  profiles.set(userDataDir, { pid: undefined });
  made.add(userDataDir);
  removeProfilesAtExit();
  // pipe: the browser talks over stdio, so it exits when this process does, even on SIGKILL.
  // Signals are handled by the caller (see src/interrupt.ts), which closes the browser and also
  // removes staged output; Puppeteer's own handlers would exit before that could happen.
  // Imported here: a build whose PDFs all come from the cache never loads Puppeteer.
  let browser: Browser;
  try {
    const { default: puppeteer } = await import('puppeteer');
    browser = await puppeteer.launch({
      executablePath: location.executablePath,
      headless: true,
      args: launchArgs(),
      timeout: 30_000,
      pipe: true,
      userDataDir,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    await removeProfile(userDataDir);
    throw error;
  }
  // The profile goes once the browser process has exited (it writes to it until then), however
  // it ends: closed, crashed or killed.
  const child = browser.process();
  const profile = { pid: child?.pid };
  const died = (code: number | null, signal: string | null) => signal !== null || (code ?? 0) !== 0;
  const exited =
    !child || child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child ? died(child.exitCode, child.signalCode) : false)
      : new Promise<boolean>((resolve) => child.once('exit', (code, signal) => resolve(died(code, signal))));
  const removed = exited.then((crashed) => removeProfile(userDataDir, crashed));
  profiles.set(userDataDir, { ...profile, removed });
  removals.set(browser, removed);
  return browser;
}

/**
 * Closes a browser from launchBrowser (killing it if it does not close) and resolves once its
 * process has exited and its profile folder is gone.
 */
export async function closeBrowser(browser: Browser): Promise<void> {
  await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
  await removals.get(browser);
}

/**
 * A browser that was killed or crashed, rather than closed, can leave helper processes (its
 * crash reporter) that write into the profile a moment after it was removed: it is looked at
 * again for a second, and removed once more at exit.
 */
async function removeProfile(dir: string, crashed = false): Promise<void> {
  const remove = () => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => {});
  await remove();
  for (let i = 0; crashed && i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (existsSync(dir)) await remove();
  }
  profiles.delete(dir);
}

/**
 * The last resort, when the process exits before a browser was closed (a signal's cleanup ran out
 * of time, process.exit elsewhere): kill the browser, remove its profile, synchronously.
 */
let exitHook = false;
function removeProfilesAtExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const { pid } of profiles.values()) {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const dir of made) {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // the next build sweeps it
      }
    }
  });
}

/**
 * Removes the profile folders of builds that died without cleaning up (SIGKILL, power loss): those
 * whose process no longer exists. A live process's profile is never touched.
 */
export async function sweepBrowserProfiles(dir = tmpdir()): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (entry) => {
      const m = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(entry);
      if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) return;
      await rm(join(dir, entry), { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    }),
  );
}
