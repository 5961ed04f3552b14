import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigError, resolveConfig, resolveSettings, type Config, type Settings } from '../pipeline/config.js';
import { BUILTIN_TEMPLATES } from '../pipeline/build.js';
import { onInterrupt } from '../interrupt.js';
import { BuildSession } from '../pipeline/session.js';
import { watchAndRebuild } from '../pipeline/watch.js';
import { buildBrief, FORMATS } from '../pipeline/build.js';
import { summaryEvent, summaryLines } from '../changes/summary.js';
import { DataError, formatIssue } from '../data/errors.js';
import { BrowserNotFoundError } from '../pdf/browser.js';
import { OutputLockedError } from '../pipeline/lock.js';
import { OutputFolderError } from '../pipeline/output-folder.js';
import { LANGS } from '../render/format.js';
import { EXIT } from './exit.js';

export interface BuildCliOptions {
  data: string;
  json?: boolean;
  cache?: boolean;
  clean?: boolean;
  config?: string;
  /** A brief folder (brief.json and templates); the built-in brief when absent. */
  brief?: string;
  out?: string;
  lang?: string;
  format?: string;
  quiet?: boolean;
}

export class UsageError extends Error {}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], name: string): readonly T[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (unknown.length > 0 || items.length === 0)
    throw new UsageError(
      `--${name}: unknown value ${unknown.map((u) => `"${u}"`).join(', ') || '(empty)'}; expected a comma-separated list of ${allowed.join(', ')}`,
    );
  return [...new Set(items)] as T[];
}

/** What `preview` adds to a watch: it hears when each build starts and ends. */
export interface WatchHooks {
  /** Quiet time after the last change before rebuilding (the watcher's default otherwise). */
  readonly debounceMs?: number;
  readonly building?: () => void;
  /** A build ended with this exit code; `errors` is what it printed on the error stream. */
  readonly built?: (code: number, errors: string) => void | Promise<void>;
}

/**
 * Builds once, then again whenever data, templates or the configuration change. Runs until stopped.
 * The builds share a session: the browser stays open and unchanged work is held in memory, so a
 * rebuild after an edit costs little more than what the edit changed.
 */
export async function runWatch(options: BuildCliOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream, hooks: WatchHooks = {}): Promise<number> {
  const session = new BuildSession();
  onInterrupt(() => session.close());
  // With --json every line is a JSON event, the watcher's own included.
  const say = (event: string, message: string, extra: Record<string, unknown> = {}) =>
    out.write(options.json ? `${JSON.stringify({ event, message, ...extra })}\n` : `${message}\n`);
  // Errors are reported by runBuild; the last good output stays and watching continues.
  const build = async () => {
    hooks.building?.();
    const errors = keepingCopy(err);
    const code = await runBuild(options, out, errors.stream, session).catch((error: unknown) => {
      errors.stream.write(`ets-brief: ${(error as Error).message}\n`);
      return EXIT.failure;
    });
    await hooks.built?.(code, errors.text());
    return code;
  };
  const configFile = configFileOf(options);
  const config = await cliConfig(options).catch(() => undefined);
  // Watched even while missing: the watcher says so and rebuilds when they are back.
  const templates = config?.templates ?? (options.brief === undefined ? undefined : resolve(options.brief));
  const paths = [options.data, BUILTIN_TEMPLATES, ...(templates ? [templates] : []), ...(configFile ? [resolve(configFile)] : [])];
  // Watching starts with the first build, so an edit made while it runs is built right after it.
  const first = build();
  const stop = watchAndRebuild({
    paths,
    running: first,
    ...(hooks.debounceMs === undefined ? {} : { debounceMs: hooks.debounceMs }),
    rebuild: async (changed) => {
      say(
        'changed',
        `${options.json ? '' : '\n'}changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}; rebuilding`,
        { changed },
      );
      const code = await build();
      say('watching', code === EXIT.ok ? 'watching for changes' : 'build failed; the previous output is unchanged. Watching for changes');
    },
    notice: (event, path, detail) => {
      if (event === 'missing')
        say('missing', `${path} ${detail === 'removed' ? 'was removed' : 'does not exist'}; waiting for it to come back (no rebuild until then)`, { path });
      else if (event === 'restored') say('restored', `${path} is back`, { path });
      else say('unwatchable', `cannot watch ${path} for changes (${detail}); checking its files' times instead`, { path, detail });
    },
  });
  const code = await first;
  if (code === EXIT.usage || code === EXIT.output) {
    stop();
    await session.close();
    return code;
  }
  // The first rebuild should not wait for a browser to start.
  if (code === EXIT.ok && (options.format === undefined || /pdf|charts/.test(options.format))) session.printer.warm();
  say('watching', `watching ${paths.join(', ')} (Ctrl-C to stop)`, { paths });
  return new Promise<number>(() => {});
}

/** --config, else ./ets-brief.config.json when there is one. */
function configFileOf(options: BuildCliOptions): string | undefined {
  return options.config ?? (existsSync('ets-brief.config.json') ? 'ets-brief.config.json' : undefined);
}

/** The configuration of the command line: the brief folder's, with the configuration file's keys over it. */
function cliConfig(options: BuildCliOptions): Promise<Config | undefined> {
  const configFile = configFileOf(options);
  return resolveConfig({ briefDir: options.brief, configFile: configFile ? resolve(configFile) : undefined });
}

/**
 * The configuration and settings of the command line: --config (else ./ets-brief.config.json when
 * there is one) over --brief's brief.json; --lang, --format and --out over both; then DEFAULTS.
 */
export async function cliSettings(options: BuildCliOptions): Promise<{ config: Config | undefined; settings: Settings }> {
  const config = await cliConfig(options);
  // An empty --out would mean the current folder: never what was meant.
  if (options.out !== undefined && options.out.trim() === '') throw new UsageError('--out: empty; name the folder to build into (default: output)');
  const settings = resolveSettings(config, {
    langs: parseList(options.lang, LANGS, 'lang'),
    formats: parseList(options.format, FORMATS, 'format'),
    outDir: options.out,
  });
  return { config, settings };
}

/** A stream writing through to another that also keeps what was written. */
function keepingCopy(to: NodeJS.WritableStream): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      to.write(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

export async function runBuild(options: BuildCliOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream, session?: BuildSession): Promise<number> {
  let config: Config | undefined;
  let settings: Settings;
  try {
    ({ config, settings } = await cliSettings(options));
  } catch (error) {
    err.write(`ets-brief build: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const { langs, formats, comparison, outDir } = settings;
  const started = Date.now();
  // --json: one JSON object per line, for scripts. On a terminal each step shows the time since
  // the build started; piped to a file the lines stay free of timings, so logs compare cleanly.
  const emit = (event: Record<string, unknown>) => out.write(`${JSON.stringify({ ...event, elapsedMs: Date.now() - started })}\n`);
  const tty = (out as NodeJS.WriteStream).isTTY === true;
  const progress = options.json
    ? (line: string) => emit({ event: 'progress', message: line })
    : options.quiet
      ? undefined
      : (line: string) => out.write(tty ? `  [${((Date.now() - started) / 1000).toFixed(1)} s] ${line}\n` : `  ${line}\n`);
  try {
    const result = await buildBrief({
      dataDir: options.data,
      outDir,
      langs,
      formats,
      comparison,
      config,
      clean: options.clean === true,
      ...(options.cache === false ? { cacheDir: false as const } : {}),
      log: progress,
      session,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (options.json) {
      for (const c of result.changes) emit({ event: 'changes', ...summaryEvent(c.report), kept: c.kept, report: join(outDir, c.report.lang, 'changes.html') });
      emit({ event: 'done', outDir, files: result.files, updated: result.updated });
      return EXIT.ok;
    }
    if (!options.quiet) {
      // What changed in each language since the folder's last build (changes.html has it all).
      for (const c of result.changes)
        out.write(`${[...summaryLines(c.report, c.kept), `  report: ${join(outDir, c.report.lang, 'changes.html')}`].join('\n')}\n`);
      out.write(
        result.updated.length === 0
          ? `✓ ${outDir} is up to date: nothing changed (${seconds} s)\n`
          : `✓ built ${result.files.length} files into ${outDir}; updated ${result.updated.join(', ')} (${seconds} s)\n`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    if (options.json) {
      const exitCode =
        error instanceof DataError ? EXIT.data : error instanceof ConfigError ? EXIT.usage : error instanceof OutputFolderError ? EXIT.output : EXIT.failure;
      emit({ event: 'error', exitCode, message: (error as Error).message, ...(error instanceof DataError ? { issues: error.issues } : {}) });
      if (exitCode !== EXIT.failure || error instanceof BrowserNotFoundError || error instanceof OutputLockedError) return exitCode;
      throw error;
    }
    if (error instanceof DataError) {
      for (const issue of error.issues) err.write(`${formatIssue(issue)}\n`);
      err.write(`\n✗ build stopped: the data has errors (nothing in ${outDir} was changed).\n`);
      return EXIT.data;
    }
    if (error instanceof ConfigError) {
      err.write(`✗ ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof OutputFolderError) {
      err.write(`✗ ${error.message}\n`);
      return EXIT.output;
    }
    if (error instanceof OutputLockedError) {
      err.write(`✗ ${error.message}\n`);
      return EXIT.failure;
    }
    if (error instanceof BrowserNotFoundError) {
      err.write(`✗ HTML, sections and chart SVGs were written to ${outDir}, but no PDF or PNG: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
}
