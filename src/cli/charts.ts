import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { resolveConfig, resolveSettings } from '../pipeline/config.js';
import { CHARTS } from '../charts/registry.js';
import { DATASETS } from '../data/datasets/index.js';
import { formatIssue, hasErrors } from '../data/errors.js';
import { readTable } from '../data/read-table.js';
import { LANGS, type Lang } from '../render/format.js';
import { loadMessages, lookupString } from '../render/i18n.js';
import { withMarketNames } from '../render/market-names.js';
import { TemplateFiles } from '../render/template-files.js';
import { EXIT } from './exit.js';
import { table } from './metrics.js';
import { PACKAGE_ROOT } from './paths.js';

export interface ChartsCliOptions {
  readonly data: string;
  readonly json?: boolean;
  readonly lang?: string;
  /** A brief folder: its strings and its comparison. */
  readonly brief?: string;
  /** A configuration file; else ./ets-brief.config.json when there is one, as build reads it. */
  readonly config?: string;
}

/**
 * The charts a brief's templates may place ({{chart "id"}}), each with the fields its data
 * table and spec receive, named as the brief's strings name them in `lang`, with the compared
 * markets' names put in as the brief puts them (markets.csv and the configuration's comparison).
 */
export async function runCharts(options: ChartsCliOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const lang = (options.lang ?? 'en') as Lang;
  if (!LANGS.includes(lang)) {
    err.write(`ets-brief charts: --lang: expected one of ${LANGS.join(', ')}, got "${options.lang}"\n`);
    return EXIT.usage;
  }
  const configFile = options.config ?? (existsSync('ets-brief.config.json') ? 'ets-brief.config.json' : undefined);
  let config: Awaited<ReturnType<typeof resolveConfig>>;
  try {
    config = await resolveConfig({ briefDir: options.brief, configFile: configFile ? resolve(configFile) : undefined });
  } catch (error) {
    err.write(`ets-brief charts: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  // Only the markets are needed to name them: the rest of data/ is not read.
  const markets = await readTable(join(options.data, 'markets.csv'), DATASETS.markets);
  if (hasErrors(markets.issues)) {
    for (const issue of markets.issues) err.write(`${formatIssue(issue)}\n`);
    return EXIT.data;
  }
  let strings: Record<string, string>;
  try {
    const templates = new TemplateFiles(`${PACKAGE_ROOT}templates`, config?.templates);
    strings = withMarketNames(await loadMessages(templates, lang), markets.rows, resolveSettings(config).comparison).strings;
  } catch (error) {
    err.write(`ets-brief charts: ${(error as Error).message}\n`);
    return EXIT.data;
  }
  const named = (key: string) => lookupString(strings, key) ?? '';
  const charts = CHARTS.map((c) => ({
    id: c.id,
    title: named(`charts.${c.id}.title`),
    spec: `charts/${c.id}.vl.json`,
    fields: c.fields.map((field) => ({ field, column: named(`charts.${c.id}.${field}`) })),
  }));
  out.write(
    options.json
      ? `${JSON.stringify(charts, null, 2)}\n`
      : `${table(
          ['chart', 'fields (column)', 'title'],
          charts.map((c) => [c.id, c.fields.map((f) => `${f.field} (${f.column})`).join(', '), c.title]),
        )}\n`,
  );
  return EXIT.ok;
}
