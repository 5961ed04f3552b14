import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_COMPARISON, type MetricsOptions } from '../metrics/index.js';
import { LANGS, type Lang } from '../render/format.js';
import { FORMATS, type Format } from './output-formats.js';
import { isMissing } from '../missing.js';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f4e79');
const perLanguage = z.strictObject({ 'zh-CN': z.string().min(1).optional(), en: z.string().min(1).optional() });

/** ets-brief.config.json. Strict: an unknown or misspelt key is an error, not ignored. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  title: perLanguage.optional(),
  subtitle: perLanguage.optional(),
  author: z.string().min(1).optional(),
  languages: z.array(z.enum(LANGS)).min(1).optional(),
  formats: z.array(z.enum(FORMATS)).min(1).optional(),
  /** Section ids in reading order: each is a sections/<id>.hbs of the brief or the built-in one. */
  sections: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a section id: lower-case letters, digits and hyphens'))
    .min(1)
    .refine((s) => new Set(s).size === s.length, 'each section at most once')
    .optional(),
  comparison: z.strictObject({ subject: z.string().min(1), reference: z.string().min(1) }).optional(),
  /**
   * The energy sources (power-generation.csv source types) whose change the power paragraph states,
   * in order, the first in full; the built-in brief's when a brief does not say.
   */
  powerMix: z
    .strictObject({
      highlight: z
        .array(z.string().min(1))
        .min(1)
        .refine((types) => new Set(types).size === types.length, 'each source once'),
    })
    .optional(),
  /** How prices are converted; the annual averages of fx-rates.csv are the method data/ supports now. */
  fx: z.strictObject({ method: z.enum(['annual-average']) }).optional(),
  theme: z.strictObject({ accent: hex.optional(), palette: z.array(hex).min(2).optional() }).optional(),
  /** Where the output folder is published, so that og:image and og:url can be absolute. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'an http or https URL, where the output folder is published' }).optional(),
  /** A folder whose files replace the built-in templates of the same path (i18n/en.json, sections/global.hbs…). */
  templates: z.string().min(1).optional(),
});

/** A brief folder's brief.json: the configuration, the folder itself being its templates. */
const briefSchema = configSchema.omit({ templates: true });

/** The file that makes a folder a brief. */
export const BRIEF_FILE = 'brief.json';

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: invalid configuration\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config file; `templates` is resolved against the file's folder. */
export async function loadConfig(file: string): Promise<Config> {
  const config = await readChecked(file, configSchema);
  return config.templates ? { ...config, templates: resolve(dirname(file), config.templates) } : config;
}

/**
 * A brief folder (see README, "Write your own brief"): its brief.json, with the folder as the
 * templates that replace or add to the built-in brief's files.
 */
export async function loadBrief(dir: string): Promise<Config> {
  const folder = resolve(dir);
  return { ...(await readChecked(join(folder, BRIEF_FILE), briefSchema)), templates: folder };
}

/**
 * The configuration a build uses: a brief folder's brief.json, with a configuration file's keys
 * over it (a project's languages, formats or baseUrl); one names the brief's files, not both.
 */
export async function resolveConfig(options: { briefDir?: string | undefined; configFile?: string | undefined }): Promise<Config | undefined> {
  const config = options.configFile ? await loadConfig(options.configFile) : undefined;
  if (!options.briefDir) return config;
  if (config?.templates)
    throw new ConfigError(options.configFile!, ['templates: the brief folder given with --brief holds the templates; remove "templates" or --brief']);
  return withBrief(options.briefDir, config);
}

/**
 * What a build does when neither the caller (command line or library call) nor the configuration
 * says: stated here once, read by the CLI, buildBrief and renderBrief alike. The sections default
 * to the brief's own order (its sections/, see builtinSections), which depends on its templates.
 */
export const DEFAULTS: {
  readonly languages: readonly Lang[];
  readonly formats: readonly Format[];
  readonly comparison: MetricsOptions;
  readonly outDir: string;
} = { languages: LANGS, formats: FORMATS, comparison: DEFAULT_COMPARISON, outDir: 'output' };

/** What the caller chose for one build; anything left undefined comes from the configuration, then DEFAULTS. */
export interface Choices {
  readonly langs?: readonly Lang[] | undefined;
  readonly formats?: readonly Format[] | undefined;
  readonly comparison?: MetricsOptions | undefined;
  readonly outDir?: string | undefined;
}

export interface Settings {
  readonly langs: readonly Lang[];
  readonly formats: readonly Format[];
  readonly comparison: MetricsOptions;
  /** Absolute. */
  readonly outDir: string;
}

/** The one place choices, configuration and defaults meet: the caller's choice, else the configuration's, else the default. */
export function resolveSettings(config: Config | undefined, choices: Choices = {}): Settings {
  // resolve('') is the working folder: an empty name is a mistake, not a wish to build here.
  if (choices.outDir !== undefined && choices.outDir.trim() === '') throw new Error('outDir is empty: name the folder to build into (the default is "output")');
  return {
    langs: choices.langs ?? config?.languages ?? DEFAULTS.languages,
    formats: choices.formats ?? config?.formats ?? DEFAULTS.formats,
    comparison: choices.comparison ?? config?.comparison ?? DEFAULTS.comparison,
    outDir: resolve(choices.outDir ?? DEFAULTS.outDir),
  };
}

/** A brief folder's configuration with the caller's over it; the folder holds the templates. */
export async function withBrief(briefDir: string, config: Config | undefined): Promise<Config> {
  const brief = await loadBrief(briefDir);
  return { ...brief, ...config, templates: brief.templates };
}

async function readChecked<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, [isMissing(error) ? 'file not found' : `not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`),
    );
  }
  return parsed.data;
}
