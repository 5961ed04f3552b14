import { BUILTIN_TEMPLATES } from './pipeline/build.js';
import { resolveSettings, withBrief, type Config } from './pipeline/config.js';
import { renderLanguage, type LanguageOutput } from './pipeline/render-language.js';
import type { DailySeries } from './data/daily-series.js';
import type { Data } from './data/datasets/index.js';
import { FontSet } from './fonts/font-set.js';
import { computeMetrics, type Metrics, type MetricsOptions } from './metrics/index.js';
import type { Lang } from './render/format.js';
import { TemplateFiles } from './render/template-files.js';

export interface RenderBriefOptions {
  readonly lang: Lang;
  /** Metrics already computed; by default the paper's comparison is computed from `data`. */
  readonly metrics?: Metrics;
  readonly comparison?: MetricsOptions;
  readonly config?: Config;
  /** A folder whose files replace the built-in templates of the same path. */
  readonly templatesDir?: string;
  /** A brief folder (brief.json and its templates); `config`'s keys win over its brief.json. */
  readonly briefDir?: string;
  /** Daily series reduced for charts (loadData's `daily`); by default reduced from data. */
  readonly daily?: readonly DailySeries[];
  /** Fonts shared across calls (subsets already cut are reused); by default a new set. */
  readonly fonts?: FontSet;
}

export interface RenderedBriefResult {
  /** The standalone brief: one self-contained HTML document. */
  readonly html: string;
  /** Embeddable fragments, with their manifest. */
  readonly sections: LanguageOutput['rendered']['sections'];
  readonly manifest: LanguageOutput['manifest'];
  /** Each chart's SVG, data table and CSV. */
  readonly charts: LanguageOutput['charts'];
}

/**
 * Renders one language of the brief in memory, writing nothing: for a site generator or a test
 * that wants the HTML without the build's output folder, staging and PDFs.
 */
export async function renderBrief(data: Data, options: RenderBriefOptions): Promise<RenderedBriefResult> {
  const config = options.briefDir ? await withBrief(options.briefDir, options.config) : options.config;
  const metrics = options.metrics ?? computeMetrics(data, resolveSettings(config, { comparison: options.comparison }).comparison);
  const templates = new TemplateFiles(BUILTIN_TEMPLATES, options.templatesDir ?? config?.templates);
  const out = await renderLanguage({
    data,
    metrics,
    lang: options.lang,
    templates,
    fonts: options.fonts ?? new FontSet(),
    ...(options.daily ? { daily: options.daily } : {}),
    ...(config ? { config } : {}),
  });
  return { html: out.rendered.html, sections: out.rendered.sections, manifest: out.manifest, charts: out.charts };
}
