import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../data/errors.js';
import { loadData } from '../data/load.js';
import { FontSet } from '../fonts/font-set.js';
import { computeMetrics, type MetricsOptions } from '../metrics/index.js';
import { BrowserNotFoundError, findBrowser, sweepBrowserProfiles } from '../pdf/browser.js';
import type { PdfMetadata } from '../pdf/metadata.js';
import { Printer, type PrintJob, type PrintResult } from '../pdf/print.js';
import type { Lang } from '../render/format.js';
import { TemplateFiles } from '../render/template-files.js';
import { VERSION } from '../version.js';
import { BuildCache, cacheKey } from './cache.js';
import { changeReport, type LanguageChanges } from './change-report.js';
import { BuildRecords, hashFolders } from './fingerprint.js';
import type { BuildSession } from './session.js';
import { FONT_PACKAGE } from '../fonts/noto-sans-sc.js';
import { ConfigError, resolveSettings, withBrief, type Config, type Settings } from './config.js';
import { onInterrupt } from '../interrupt.js';
import { lockOutput, releaseOwnLockSync } from './lock.js';
import { OutputFolder } from './output-folder.js';
import { StagedOutput } from './write.js';
import { ChartImages, holdsSocialImage } from './images.js';
import { SOCIAL_IMAGE_FILE } from '../render/social-meta.js';
import type { Format } from './output-formats.js';
export { FORMATS, type Format } from './output-formats.js';

export interface BuildOptions {
  readonly dataDir: string;
  /** By default `output` (see DEFAULTS in config.ts, as for the other choices left out). */
  readonly outDir?: string;
  /** By default the configuration's languages, else every language. */
  readonly langs?: readonly Lang[];
  /** By default the configuration's formats, else every format. */
  readonly formats?: readonly Format[];
  readonly templatesDir?: string;
  readonly comparison?: MetricsOptions;
  /** A validated ets-brief.config.json (see config.ts); command-line choices override it. */
  readonly config?: Config | undefined;
  /** A brief folder (brief.json and the templates it replaces or adds); `config`'s keys win over its brief.json. */
  readonly briefDir?: string | undefined;
  readonly log?: ((line: string) => void) | undefined;
  /** Where chart, font and PDF results are kept between builds (by default `<outDir>/.ets-brief-cache`); false turns the cache off. */
  readonly cacheDir?: string | false;
  /** Remove the files of formats not built this time (by default they are kept as the last build left them). */
  readonly clean?: boolean | undefined;
  /** Shared with other builds in this process: a warm browser, font subsets, cached results. */
  readonly session?: BuildSession | undefined;
}

export interface BuildResult {
  /** Files the build produced, relative to the output directory. */
  readonly files: readonly string[];
  /** Language folders whose content changed and were replaced (unchanged ones are left alone). */
  readonly updated: readonly string[];
  /** Each language's change report against the folder's last build (none when it was up to date). */
  readonly changes: readonly LanguageChanges[];
}

/** The cache's folder inside the output folder. */
export const CACHE_FOLDER = '.ets-brief-cache';

export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates', import.meta.url));

/**
 * Data → metrics → charts → HTML for every language, staged and then moved into place. Throws
 * DataError for invalid data; any other error leaves the previous output untouched.
 */
export async function buildBrief(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const { config, settings } = await buildSettings(options);
  const { langs, formats, comparison, outDir } = settings;
  const templateFiles = new TemplateFiles(options.templatesDir ?? BUILTIN_TEMPLATES, config.templates);
  // Before any work: the output folder must be one this build may write (see output-folder.ts).
  const folder = await OutputFolder.claim(outDir, langs, log);
  // The cache lives in the folder it serves: a shared parent (say /tmp) would let others feed it.
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? join(folder.dir, CACHE_FOLDER));
  // Same inputs as the last build of this folder and its files untouched: nothing to do.
  const records = cacheDir ? new BuildRecords(cacheDir) : undefined;
  const session = options.session;
  const dataHash = records || session ? await hashFolders([options.dataDir]) : undefined;
  const inputs =
    records &&
    cacheKey(
      VERSION,
      FONT_PACKAGE,
      dataHash,
      await hashFolders([templateFiles.builtin, templateFiles.custom]),
      config,
      langs,
      formats,
      options.clean === true,
      comparison,
      formats.some((f) => f === 'pdf' || f === 'charts') ? browserIdentity() : '',
    );
  const unchanged = inputs && (await records!.upToDate(outDir, inputs));
  if (unchanged) {
    log('data, templates and configuration unchanged since the last build, and its output intact');
    return { files: unchanged, updated: [], changes: [] };
  }
  const { renderLanguage } = await import('./render-language.js');
  const loaded = session ? await session.load(dataHash!, () => loadData(options.dataDir)) : await loadData(options.dataDir);
  if (!loaded.data) throw new DataError(loaded.issues);
  const data = loaded.data;
  for (const market of [comparison.subject, comparison.reference]) {
    if (!data.markets.some((m) => m.id === market)) throw new ConfigError('comparison', [`market "${market}" is not in markets.csv`]);
  }
  const metrics = computeMetrics(data, comparison);
  const cache = cacheDir ? new BuildCache(cacheDir, session?.memory) : BuildCache.disabled();
  const fonts = session?.fonts ?? new FontSet();
  fonts.store = cache;
  fonts.check(); // before any chart: a missing font is one clear message, not an error inside Vega
  const unlock = await lockOutput(outDir);
  // Browser profiles left in the temp folder by builds killed outright (their process is gone).
  if (formats.includes('pdf')) await sweepBrowserProfiles();
  const staged = await StagedOutput.create(outDir);
  const forget = onInterrupt(
    async () => {
      await staged.discard();
      await unlock();
    },
    () => {
      rmSync(staged.stagingDir, { recursive: true, force: true });
      releaseOwnLockSync(outDir);
    },
  );
  const files: string[] = [];
  let updated: string[] = [];
  const changes: LanguageChanges[] = [];
  const hashes = new Map<string, string>();
  // Files are written side by side (all awaited before commit): one at a time, a build of many
  // small files spent most of its time waiting for the disk.
  const writing: Promise<void>[] = [];
  const write = async (path: string, content: string | Uint8Array) => {
    const done = staged.write(path, content);
    done.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    writing.push(done);
    files.push(path);
    hashes.set(path, createHash('sha256').update(content).digest('hex'));
  };
  const written = async () => {
    await Promise.all(writing.splice(0));
  };
  // Formats are additive: a format not built this time keeps the files the last build wrote for
  // it (building the HTML alone does not delete the PDFs), unless the build is asked to clean.
  const keepOtherFormats = async () => {
    if (options.clean) return;
    for (const lang of langs) {
      if (!formats.includes('html')) await staged.keepPrevious(`${lang}/brief.html`);
      if (!formats.includes('pdf')) await staged.keepPrevious(`${lang}/brief.pdf`);
      if (!formats.includes('sections')) await staged.keepPreviousFolder(`${lang}/sections`);
      if (!formats.includes('charts')) {
        await staged.keepPreviousFolder(`${lang}/charts`);
        await staged.keepPrevious(`${lang}/${SOCIAL_IMAGE_FILE}`);
      }
    }
  };
  // The folder's record covers old and new files while they are swapped, then the new ones only.
  const commit = async () => {
    await keepOtherFormats();
    const files = await staged.list(langs);
    await folder.record(files, true);
    const replaced = await staged.commit(langs);
    await folder.record(files);
    return replaced;
  };
  // A language's PDF starts printing as soon as its HTML exists, while the next language renders;
  // the browser is started only when a PDF is not in the cache.
  const printer = session?.printer ?? new Printer();
  const printing: Promise<{ job: PdfJob; outcome: PrintOutcome }>[] = [];
  const images = new ChartImages({ cache, printer, browser: browserIdentity(), write, log });
  try {
    // Languages render side by side: while one waits for its font subsets (worker threads), the
    // other draws its charts. Outputs are still written, and PDFs queued, in language order.
    const started = Date.now();
    const renders = langs.map((lang) =>
      renderLanguage({
        data,
        daily: loaded.daily,
        metrics,
        lang,
        templates: templateFiles,
        fonts,
        config,
        cache,
        log,
        socialImage: holdsSocialImage(folder.dir, lang, formats, options.clean === true),
      }),
    );
    for (const render of renders) render.catch(() => {}); // each is awaited below, in order
    for (const [i, lang] of langs.entries()) {
      const output = await renders[i]!;
      const { charts, rendered, manifest, pdfMetadata, ledger } = output;
      if (formats.includes('html')) await write(`${lang}/brief.html`, rendered.html);
      // Every number the brief states, with its scope, period, precision, rows and verdict.
      await write(`${lang}/numbers.json`, ledger);
      if (formats.includes('sections')) {
        for (const s of rendered.sections) await write(`${lang}/sections/${s.id}.html`, s.fragment);
        await write(`${lang}/sections/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
      }
      for (const chart of charts.values()) {
        for (const f of [{ file: chart.csvFile, csv: chart.csv }, ...chart.files]) await write(`${lang}/data/${f.file}`, `\ufeff${f.csv}`);
      }
      // What changed since the folder's last build: changes.html and changes.json (see change-report.ts).
      const csvs = Object.fromEntries([...charts.values()].flatMap((c) => [[c.csvFile, c.csv], ...c.files.map((f) => [f.file, f.csv])]));
      changes.push(await changeReport(outDir, lang, ledger, csvs, fonts));
      for (const [name, content] of Object.entries(changes.at(-1)!.files)) await write(`${lang}/${name}`, content);
      log(`${lang}: ${charts.size} charts, ${rendered.sections.length} sections (${Date.now() - started} ms)`);
      if (formats.includes('pdf')) {
        const job: PdfJob = { name: `${lang}/brief.pdf`, html: rendered.html, marginText: rendered.marginText, meta: pdfMetadata };
        // A PDF is reprinted only when its HTML or metadata changed (or the browser did).
        job.key = cacheKey(VERSION, browserIdentity(), job.html, job.meta);
        const cached = await cache.get('pdf', job.key);
        if (cached) {
          log(`${job.name}: HTML unchanged, PDF reused`);
          await write(job.name, cached);
        } else {
          log(`${job.name}: printing`);
          // Settled at once so a failure waits, handled, until every language is rendered.
          printing.push(
            printer.print(job).then(
              (result) => ({ job, outcome: { result } }),
              (error: unknown) => ({ job, outcome: { error } }),
            ),
          );
        }
      }
      // After the PDF, so the brief prints first; the PNGs share its browser.
      if (formats.includes('charts')) await images.add(output, data.sources, fonts, config);
    }
    const printed = await Promise.all(printing);
    const drawFailure = await images.settle();
    const failure = printed.find((p) => 'error' in p.outcome)?.outcome ?? drawFailure;
    if (failure && 'error' in failure) {
      const error = failure.error as Error;
      if (!(error instanceof BrowserNotFoundError)) {
        throw new Error(
          `${printed.some((p) => 'error' in p.outcome) ? 'printing the PDFs' : 'drawing the chart PNGs'} failed: ${error.message.replace(/^Protocol error \([^)]*\): /, '')} (the browser stopped or did not respond); nothing in ${outDir} was changed`,
          { cause: error },
        );
      }
      // No browser: the HTML outputs are still worth having. Keep the previous PDFs beside them
      // (never delete a good output), commit, and report the missing browser.
      for (const name of [...printed.map((p) => p.job.name), ...images.pending]) await staged.keepPrevious(name);
      await written();
      await commit();
      throw error;
    }
    const { setMetadata } = printed.length > 0 ? await import('../pdf/metadata.js') : { setMetadata: undefined };
    for (const { job, outcome } of printed) {
      if (!('result' in outcome)) continue;
      for (const url of outcome.result.blocked) log(`${job.name}: blocked a request to ${url}`);
      const pdf = await setMetadata!(outcome.result.pdf, job.meta);
      await cache.put('pdf', job.key!, pdf);
      await write(job.name, pdf);
    }
    await images.finish();
    await written();
    updated = await commit();
    if (inputs) await records!.save(outDir, inputs, hashes);
  } catch (error) {
    await Promise.allSettled(writing);
    await staged.discard();
    throw error;
  } finally {
    if (!session) await printer.close();
    forget();
    await unlock();
  }
  return { files, updated, changes };
}

type PdfJob = PrintJob & { meta: PdfMetadata; key?: string };
type PrintOutcome = { result: PrintResult } | { error: unknown };

/** The browser that would print: a different one may print different bytes. */
function browserIdentity(): string {
  try {
    const { executablePath } = findBrowser();
    const s = statSync(executablePath);
    return `${executablePath}|${s.size}|${s.mtimeMs}`;
  } catch {
    return 'none';
  }
}

/** The configuration and settings a library build uses: the brief folder's and `config`'s, then DEFAULTS. */
export async function buildSettings(options: BuildOptions): Promise<{ config: Config; settings: Settings }> {
  const config = options.briefDir ? await withBrief(options.briefDir, options.config) : (options.config ?? {});
  const settings = resolveSettings(config, { langs: options.langs, formats: options.formats, comparison: options.comparison, outDir: options.outDir });
  return { config, settings };
}
