import { dailySeriesOf, type DailySeries } from '../data/daily-series.js';
import type { Data } from '../data/datasets/index.js';
import type { FontSet } from '../fonts/font-set.js';
import type { Metrics } from '../metrics/index.js';
import type { PdfMetadata } from '../pdf/metadata.js';
import { renderCharts, type ChartView } from '../render/figures.js';
import { formatDate, type Lang } from '../render/format.js';
import { CHARTS } from '../charts/registry.js';
import { metricCatalogue } from '../metrics/catalogue.js';
import { checkBriefFolder } from '../render/brief-check.js';
import { checkTemplateNames, helperCalls } from '../render/helpers.js';
import { builtinSections, loadTemplates, renderPageAndSections, type RenderedBrief, type SectionId } from '../render/html.js';
import { loadMessages, translator } from '../render/i18n.js';
import { ledgerDocument } from '../render/ledger.js';
import { withMarketNames } from '../render/market-names.js';
import { socialMeta } from '../render/social-meta.js';
import type { TemplateFiles } from '../render/template-files.js';
import { unusedRows } from '../render/unused.js';
import { buildView, type BriefView } from '../render/view-model.js';
import { powerHighlight } from '../render/brief-settings.js';
import { BuildCache } from './cache.js';
import type { Config } from './config.js';

export interface LanguageOutput {
  readonly lang: Lang;
  readonly view: BriefView;
  readonly charts: ReadonlyMap<string, ChartView>;
  readonly rendered: RenderedBrief;
  /** The sections' manifest, as written to sections/manifest.json. */
  readonly manifest: Record<string, unknown>;
  readonly pdfMetadata: PdfMetadata;
  /** numbers.json: the ledger, the outline and the data the brief leaves unused. */
  readonly ledger: string;
  /** The language's words, for what is drawn outside the HTML (chart images, the social card). */
  readonly t: (key: string) => string;
}

export interface LanguageInputs {
  readonly data: Data;
  /** Daily series reduced for charts; by default reduced from data['market-daily']. */
  readonly daily?: readonly DailySeries[];
  readonly metrics: Metrics;
  readonly lang: Lang;
  readonly templates: TemplateFiles;
  readonly fonts: FontSet;
  readonly config?: Config;
  readonly cache?: BuildCache;
  readonly log?: (line: string) => void;
  /** Whether the output holds the Open Graph image brief.html should point to (see social-meta.ts). */
  readonly socialImage?: boolean;
}

/** Charts, sentences and HTML (brief and sections) for one language, in memory. */
export async function renderLanguage(inputs: LanguageInputs): Promise<LanguageOutput> {
  const { data, metrics, lang, config = {} } = inputs;
  const log = inputs.log ?? (() => {});
  const sectionIds: readonly SectionId[] = config.sections ?? (await builtinSections(inputs.templates));
  const messages = withMarketNames(await loadMessages(inputs.templates, lang, configuredStrings(config, lang)), data.markets, metrics.comparison);
  const t = translator(messages);
  // A brief folder's misspelt file stops the build; a string nothing uses is worth a warning.
  const problems = await checkBriefFolder(inputs.templates, sectionIds, messages);
  if (problems.errors.length > 0) throw new Error(problems.errors.join('\n'));
  for (const warning of problems.warnings) log(`warning: ${warning}`);
  const charts = await renderCharts(
    {
      data,
      daily: inputs.daily ?? dailySeriesOf(data['market-daily']),
      metrics,
      lang,
      t,
      phaseLabel: (p) => t('phases.label').replace('{phase}', String(p)),
      marketLabel: (m) => t(`markets.${m}`),
      dateLabel: (iso) => formatDate(iso, lang),
    },
    messages,
    inputs.templates,
    inputs.fonts,
    config.theme?.palette,
    inputs.cache ?? BuildCache.disabled(),
    log,
  );
  const templates = await loadTemplates(inputs.templates, lang, t, { accent: config.theme?.accent }, sectionIds);
  const chartsBySection = Object.fromEntries(
    sectionIds.map((id) => [id, (templates.chartOrder.get(id) ?? []).flatMap((c) => (charts.has(c) ? [{ id: c, sources: charts.get(c)!.sources }] : []))]),
  );
  // What the templates name (metrics, charts, sources) is checked before anything renders.
  const names = { metrics: metricCatalogue(metrics), charts: new Set(CHARTS.map((c) => c.id)), sourceIds: new Set(data.sources.map((s) => s.id)) };
  for (const { file, source } of templates.sectionFiles.values()) checkTemplateNames(source, file, names);
  const templateCites = [...templates.sectionFiles.values()].flatMap(({ source }) =>
    helperCalls(source)
      .filter((c) => c.helper === 'cite')
      .map((c) => String(c.literal)),
  );
  const view = buildView({
    data,
    metrics,
    lang,
    t,
    chartsBySection,
    templateCites,
    powerHighlight: await powerHighlight(inputs.templates, config.powerMix, new Set(data['power-generation'].map((r) => r.source_type))),
  });
  templates.author({ ...names, footnotes: new Map(view.sources.map((s) => [s.id, s.n])), ledger: view.ledger });
  const social = socialMeta(lang, view.title, t, { image: inputs.socialImage === true, baseUrl: config.baseUrl });
  const rendered = await renderPageAndSections(view, charts, templates, inputs.fonts, t, sectionIds, social);
  const manifest = {
    generator: 'ets-brief',
    lang,
    asOf: view.asOfIso,
    sections: rendered.sections.map((s) => {
      // What a host's Content-Security-Policy must allow: this style element, fonts and images as data: URLs.
      const csp = { 'style-src': s.styleHashes.map((h) => `'${h}'`), 'font-src': ['data:'], 'img-src': ['data:'] };
      return {
        id: s.id,
        title: s.title,
        file: `${s.id}.html`,
        sha256: s.sha256,
        asOf: view.asOfIso,
        csp,
        // What a web editor pastes (the file's text, byte for byte) and the directives its page's
        // policy must include, written as they go into a Content-Security-Policy header.
        embed: {
          html: s.fragment,
          csp: Object.entries(csp)
            .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
            .join('; '),
        },
        sources: s.sources.map((id) => {
          const src = data.sources.find((x) => x.id === id)!;
          return { id, title: src.title, url: src.url, retrieved: src.retrieved };
        }),
      };
    }),
  };
  const pdfMetadata: PdfMetadata = {
    title: view.title,
    author: t('brief.author'),
    subject: t('pdf.subject'),
    keywords: t('pdf.keywords').split(/[;；]\s*/),
    lang,
    date: view.asOfIso,
  };
  // Sources the brief cites anywhere: its footnotes (sentences, tables, charts) and its numbers.
  const cited = new Set([...view.sources.map((s) => s.id), ...view.ledger.entries().flatMap((e) => e.sources)]);
  const ledger = ledgerDocument(view, { ...rendered.outline, unused: unusedRows(data, cited) });
  return { lang, view, charts, rendered, manifest, pdfMetadata, ledger, t };
}

/** Strings a config sets: its title, subtitle and author replace the templates' own. */
function configuredStrings(config: Config, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  if (config.title?.[lang]) out['brief.title'] = config.title[lang]!;
  if (config.subtitle?.[lang]) out['brief.subtitle'] = config.subtitle[lang]!;
  if (config.author) out['brief.author'] = config.author;
  return out;
}
