import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './cli/exit.js';
import { InstalledDataError, resolveDataDir, resolveWritableDataDir } from './cli/paths.js';
import { VERSION } from './cli/version.js';
import { FORMATS } from './pipeline/output-formats.js';
import { runInterruptCleanup } from './interrupt.js';

// Each command's code is imported when it runs, so `--help` or `check` does not load the renderer.

// Commander parses the command line (subcommands, --help, typo suggestions) better than we would.
const program = new Command()
  .name('ets-brief')
  .description('EU–China carbon-market policy briefs from data: validate the data, compute metrics, render HTML and PDF.')
  .version(VERSION)
  .option('--debug', 'print stack traces for unexpected errors')
  .exitOverride()
  .showSuggestionAfterError();

const dataOption = () => new Option('--data <dir>', 'data directory (default: ./data if present, else the bundled data)');

type BuildFlags = {
  data?: string;
  out?: string;
  lang?: string;
  format?: string;
  quiet?: boolean;
  config?: string;
  brief?: string;
  cache?: boolean;
  json?: boolean;
  clean?: boolean;
};

/** build, watch and preview take the same options (preview, for people, has no --json). */
function withBuildOptions(command: Command, forScripts = true): Command {
  command
    .addOption(dataOption())
    .option('--out <dir>', 'output directory (default: output)')
    .option('--lang <list>', 'languages, comma-separated (zh-CN,en)')
    .option('--format <list>', `formats, comma-separated (${FORMATS.join(',')})`)
    .option('--config <file>', 'configuration (default: ./ets-brief.config.json if present)')
    .option('--brief <dir>', 'a brief folder: brief.json and the templates it replaces or adds (default: the built-in brief)')
    .option('--no-cache', 'redo every chart, font subset and PDF instead of reusing unchanged ones')
    .option('--clean', 'remove the files of formats not built this time (by default they are kept)');
  if (forScripts) command.option('--json', 'print one JSON event per line (progress, done, error) for scripts');
  return command.option('--quiet', 'print nothing but errors');
}

withBuildOptions(program.command('build'))
  .description(
    'build the briefs: output/<lang>/brief.html and brief.pdf, sections/*.html with manifest.json, data/*.csv, and changes.html (what changed since the last build)',
  )
  .action(async (opts: BuildFlags) => {
    process.exitCode = await (await import('./cli/build.js')).runBuild({ ...opts, data: resolveDataDir(opts.data) }, process.stdout, process.stderr);
  });

withBuildOptions(program.command('watch'))
  .description('build, then rebuild whenever data, templates or the configuration change (same options as build)')
  .action(async (opts: BuildFlags) => {
    process.exitCode = await (await import('./cli/build.js')).runWatch({ ...opts, data: resolveDataDir(opts.data) }, process.stdout, process.stderr);
  });

withBuildOptions(program.command('preview'), false)
  .description('build and serve the output over HTTP, rebuild as watch does, and reload the open pages (html,sections unless --format)')
  .option('--port <n>', 'port to listen on (0: any free port)', '4180')
  .option('--host <host>', 'address to listen on; another than 127.0.0.1 lets other machines read the output', '127.0.0.1')
  .action(async (opts: BuildFlags & { port: string; host: string }) => {
    process.exitCode = await (await import('./cli/preview.js')).runPreview({ ...opts, data: resolveDataDir(opts.data) }, process.stdout, process.stderr);
  });

program
  .command('check')
  .description('validate every dataset: exit 0 with a summary, or 1 listing each error as file:line:column')
  .addOption(dataOption())
  .option('--json', 'print the result as JSON')
  .action(async (opts: { data?: string; json?: boolean }) => {
    process.exitCode = await (await import('./cli/check.js')).runCheck(
      { data: resolveDataDir(opts.data), json: opts.json === true },
      process.stdout,
      process.stderr,
    );
  });

program
  .command('metrics')
  .description("compute every comparison metric and reconcile the paper's printed numbers")
  .addOption(dataOption())
  .option('--json', 'print all metrics as JSON (numbers unrounded, units explicit)')
  .option('--window <start:end>', "compare over this window (ISO dates) instead of the subject's stated one")
  .option('--list', 'the catalogue for brief authors: each metric\'s name ({{metric "name"}}), unit, value and meaning')
  .option('--brief <dir>', "compare the markets of this brief folder's brief.json")
  .action(async (opts: { data?: string; json?: boolean; window?: string; list?: boolean; brief?: string }) => {
    process.exitCode = await (await import('./cli/metrics.js')).runMetrics(
      {
        data: resolveDataDir(opts.data),
        json: opts.json === true,
        list: opts.list === true,
        ...(opts.window ? { window: opts.window } : {}),
        ...(opts.brief ? { brief: opts.brief } : {}),
      },
      process.stdout,
      process.stderr,
    );
  });

program
  .command('charts')
  .description('the charts a brief may place ({{chart "id"}}), with the fields each receives')
  .option('--list', 'list them (the default)')
  .option('--lang <lang>', 'name the fields in this language (zh-CN or en)', 'en')
  .addOption(dataOption())
  .option('--brief <dir>', "a brief folder: its strings, and the markets its brief.json compares (named from the data's markets.csv)")
  .option('--config <file>', 'configuration whose comparison names the markets (default: ./ets-brief.config.json if present)')
  .option('--json', 'print the list as JSON')
  .action(async (opts: { json?: boolean; lang?: string; data?: string; brief?: string; config?: string }) => {
    process.exitCode = await (await import('./cli/charts.js')).runCharts({ ...opts, data: resolveDataDir(opts.data) }, process.stdout, process.stderr);
  });

program
  .command('import')
  .description('import publisher files (WIND, EUA futures, EUTL, Frictionless) into data/, recognised by content')
  .argument('<file...>', 'files to import (a Frictionless package by its datapackage.json)')
  .addOption(dataOption())
  .option('--dry-run', 'report what would change without writing')
  .option('--replace', 'apply values that differ from data/ (otherwise they are only reported)')
  .option('--json', 'print the report as JSON')
  .action(async (files: string[], opts: { data?: string; dryRun?: boolean; replace?: boolean; json?: boolean }) => {
    const data = writableDataDir(opts.data);
    if (data !== undefined) process.exitCode = await (await import('./cli/import.js')).runImport(files, { ...opts, data }, process.stdout, process.stderr);
  });

program
  .command('diff')
  .description('what changed between two builds: two output folders, or two language folders (numbers, sentences, charts, figures)')
  .argument('<old>', 'the earlier build (an output folder, or a language folder in one)')
  .argument('<new>', 'the later build, of the same kind')
  .option('--lang <list>', 'languages to compare, comma-separated (default: all both hold)')
  .option('--report <dir>', 'also write <dir>/<lang>/changes.html and changes.json')
  .option('--json', 'print the reports as JSON')
  .action(async (oldDir: string, newDir: string, opts: { lang?: string; report?: string; json?: boolean }) => {
    process.exitCode = await (await import('./cli/diff.js')).runDiff(oldDir, newDir, opts, process.stdout, process.stderr);
  });

program
  .command('datapackage')
  .description('rewrite <data>/datapackage.json (Frictionless Data Package) from the schemas and data')
  .addOption(dataOption())
  .action(async (opts: { data?: string }) => {
    const data = writableDataDir(opts.data);
    if (data !== undefined) process.exitCode = await (await import('./cli/datapackage.js')).runDatapackage({ data }, process.stdout, process.stderr);
  });

// new and init make a folder; each refuses one with files in it.
for (const [name, description, run] of [
  ['new', 'make a brief folder (brief.json, a section written with the helpers, strings in both languages) that builds at once with --brief', 'runNew'],
  ['init', 'make a project folder: its own data/ (a copy of the shipped data, which import then writes to) and a brief in brief/', 'runInit'],
] as const) {
  program
    .command(name)
    .description(description)
    .argument('<dir>', 'the folder to make (new, or empty)')
    .action(async (dir: string) => {
      process.exitCode = await (await import('./cli/new.js'))[run](dir, process.stdout, process.stderr);
    });
}

/** The data folder import and datapackage write to, or undefined (exit 2, said why) when that would be the installed package's. */
function writableDataDir(option: string | undefined): string | undefined {
  try {
    return resolveWritableDataDir(option);
  } catch (error) {
    if (!(error instanceof InstalledDataError)) throw error;
    process.stderr.write(`ets-brief: ${error.message}\n`);
    process.exitCode = EXIT.usage;
    return undefined;
  }
}

// Ctrl-C or SIGTERM: close the browser and drop staged output, then exit with the usual code.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => {
    process.stderr.write(`\nets-brief: interrupted (${signal}); cleaning up\n`);
    void runInterruptCleanup().finally(() => process.exit(code));
  });
}

// The reader went away (`ets-brief build --json | head`): stop quietly, cleaning up as on Ctrl-C.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    void runInterruptCleanup().finally(() => process.exit(0));
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const debug = program.opts<{ debug?: boolean }>().debug === true || process.argv.includes('--debug');
    process.stderr.write(`ets-brief: ${debug && error instanceof Error ? error.stack : ((error as Error).message ?? String(error))}\n`);
    if (!debug) process.stderr.write('(run again with --debug for details)\n');
    process.exitCode = EXIT.failure;
  }
}
