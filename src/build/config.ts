import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LANGS } from '../render/format.js';
import { SECTION_IDS } from '../render/html.js';
import { FORMATS } from './formats.js';

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
  sections: z.array(z.enum(SECTION_IDS)).min(1).refine((s) => new Set(s).size === s.length, 'each section at most once').optional(),
  comparison: z.strictObject({ subject: z.string().min(1), reference: z.string().min(1) }).optional(),
  /** How prices are converted; the annual averages of fx-rates.csv are the method data/ supports now. */
  fx: z.strictObject({ method: z.enum(['annual-average']) }).optional(),
  theme: z.strictObject({ accent: hex.optional(), palette: z.array(hex).min(2).optional() }).optional(),
  /** Where the output folder is published, so that og:image and og:url can be absolute. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'an http or https URL, where the output folder is published' }).optional(),
  /** A folder whose files replace the built-in templates of the same path (i18n/en.json, sections/global.hbs…). */
  templates: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly file: string, readonly problems: readonly string[]) {
    super(`${file}: invalid configuration\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates a config file; `templates` is resolved against the file's folder. */
export async function loadConfig(file: string): Promise<Config> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, [(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(file, parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`));
  }
  const config = parsed.data;
  return config.templates ? { ...config, templates: resolve(dirname(file), config.templates) } : config;
}
