import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import Handlebars from 'handlebars';
import type { FontSet } from '../fonts/font-set.js';
import type { ChartView } from './figures.js';
import type { Lang } from './format.js';
import { registerHelpers, type AuthorContext, type HelperState } from './helpers.js';
import { pageCss } from './page-css.js';
import type { TemplateFiles } from './template-files.js';
import type { BriefView } from './view-model.js';
import { unledgeredNumbers, type FigureOutline, type SectionOutline } from './ledger.js';
import { socialMeta, type SocialMeta } from './social-meta.js';
import { didYouMean } from '../suggest.js';
import { checkCalledNames, checkedLookups, locatedTemplateError } from './template-checks.js';

/** A section of a brief: sections/<id>.hbs (or sections/<id>.<lang>.hbs) of the brief's folder or the built-in one. */
export type SectionId = string;

/** The built-in brief's sections in reading order (templates/brief.json), for a brief that does not list its own. */
export async function builtinSections(files: TemplateFiles): Promise<readonly SectionId[]> {
  const brief = JSON.parse(await files.readBuiltin('brief.json')) as { sections: SectionId[] };
  return brief.sections;
}

export interface Templates {
  readonly layout: Handlebars.TemplateDelegate;
  readonly section: Handlebars.TemplateDelegate;
  readonly sections: ReadonlyMap<string, Handlebars.TemplateDelegate>;
  /** Chart ids in the order the section templates place them (figure numbering follows it). */
  readonly chartOrder: ReadonlyMap<string, readonly string[]>;
  /** Each section's template file and text, as chosen for this language (for the names it uses). */
  readonly sectionFiles: ReadonlyMap<string, { readonly file: string; readonly source: string }>;
  /** What the helpers reach by name while the next renders run (see helpers.ts). */
  readonly author: (context: AuthorContext | undefined) => void;
  readonly css: string;
  /** Where the stylesheet came from (built-in or override), for errors. */
  readonly cssFile: string;
}

export interface RenderedSection {
  readonly id: string;
  readonly title: string;
  /** CSP source expressions for the fragment's <style> element ('sha256-…'), for a host's style-src. */
  readonly styleHashes: readonly string[];
  /** The embeddable fragment: no html/head/body, styles scoped under .etsb. */
  readonly fragment: string;
  readonly sha256: string;
  readonly sources: readonly string[];
}

export interface RenderedBrief {
  readonly html: string;
  /** Text drawn only in printed page margins (its glyphs must be loaded before printing). */
  readonly marginText: string;
  readonly sections: readonly RenderedSection[];
  /** Its sections in order and the figures they place, numbered as printed (kept in numbers.json). */
  readonly outline: { readonly sections: readonly SectionOutline[]; readonly figures: readonly FigureOutline[] };
}

// Strict: a name the view does not have fails the build instead of printing nothing. Prototype
// access stays off (the Handlebars default), so data can never reach constructors or __proto__.
const COMPILE: CompileOptions = { strict: true, noEscape: false };
type CompileOptions = Parameters<typeof Handlebars.compile>[1];

interface TemplateEnv {
  readonly hb: typeof Handlebars;
  readonly state: HelperState;
  /** Compiled templates by source text: Handlebars compiles on first use and keeps the result. */
  readonly compiled: Map<string, Handlebars.TemplateDelegate>;
}

/**
 * Handlebars environments by their partials, kept across builds in this process: compiling the
 * templates was a quarter of a build whose charts came from the cache. A few sets at most.
 */
const envs = new Map<string, TemplateEnv>();
const MAX_ENVS = 8;
/** Partial sources known to parse (kept with the environments, and as few). */
const parsed = new Set<string>();

/** A partial: its name, source and file. */
type Partial = readonly [name: string, source: string, file: string];

function templateEnv(partials: readonly Partial[]): TemplateEnv {
  const key = createHash('sha256').update(JSON.stringify(partials)).digest('hex');
  let env = envs.get(key);
  if (env) return env;
  const hb = Handlebars.create();
  const state: HelperState = { t: (k) => k, lang: 'en', file: '', author: undefined, recorded: new Set() };
  registerHelpers(hb, state);
  checkedLookups(hb, () => state.file);
  // Partials compiled here, so that while one renders the helpers know its file.
  for (const [name, source, file] of partials) {
    const partial = hb.compile(source, COMPILE);
    hb.registerPartial(name, ((context: unknown, options?: Handlebars.RuntimeOptions) => {
      const caller = state.file;
      state.file = file;
      try {
        return partial(context, options);
      } catch (error) {
        throw locatedTemplateError(error, file);
      } finally {
        state.file = caller;
      }
    }) as Handlebars.TemplateDelegate);
  }
  env = { hb, state, compiled: new Map() };
  if (envs.size >= MAX_ENVS) {
    envs.delete(envs.keys().next().value!);
    parsed.clear();
  }
  envs.set(key, env);
  return env;
}

/** Loads the templates for one language of a build; a syntax error names its file. */
export async function loadTemplates(
  files: TemplateFiles,
  lang: Lang,
  t: (key: string) => string,
  theme: { accent?: string | undefined } = {},
  sectionIds?: readonly SectionId[],
): Promise<Templates> {
  const partials: Partial[] = [];
  for (const file of await files.list('partials', '.hbs')) {
    const source = await files.read(`partials/${file}`);
    if (!parsed.has(source)) {
      try {
        Handlebars.parse(source);
      } catch (error) {
        throw locatedTemplateError(error, await files.path(`partials/${file}`), source);
      }
      parsed.add(source);
    }
    partials.push([basename(file, '.hbs'), source, await files.path(`partials/${file}`)]);
  }
  const env = templateEnv(partials);
  const partialNames = partials.map(([name]) => name);
  for (const [, source, file] of partials) checkCalledNames(source, file, partialNames, env.hb);
  const compile = async (relative: string): Promise<Handlebars.TemplateDelegate> => {
    const source = await files.read(relative);
    const file = await files.path(relative);
    let template = env.compiled.get(source);
    if (!template) {
      try {
        // compile() is lazy; parsing now reports a syntax error with its file, before anything renders.
        env.hb.parse(source);
        template = env.hb.compile(source, COMPILE);
      } catch (error) {
        throw locatedTemplateError(error, file, source);
      }
      checkCalledNames(source, file, partialNames, env.hb);
      env.compiled.set(source, template);
    }
    const compiled = template;
    // Rendering is synchronous, so setting the helpers' language here cannot interleave with
    // another build's render, even when builds run concurrently.
    return ((context: unknown, options?: Handlebars.RuntimeOptions) => {
      env.state.t = t;
      env.state.lang = lang;
      env.state.file = file;
      env.state.author = author;
      env.state.recorded = recorded;
      try {
        return compiled(context, options);
      } catch (error) {
        throw locatedTemplateError(error, file);
      }
    }) as Handlebars.TemplateDelegate;
  };
  let author: AuthorContext | undefined;
  let recorded = new Set<string>();
  const sections = new Map<string, Handlebars.TemplateDelegate>();
  const chartOrder = new Map<string, string[]>();
  const sectionFiles = new Map<string, { file: string; source: string }>();
  for (const id of sectionIds ?? (await builtinSections(files))) {
    // sections/<id>.<lang>.hbs is this language's own; sections/<id>.hbs serves both.
    const relative = await files.pick([`sections/${id}.${lang}.hbs`, `sections/${id}.hbs`]);
    if (!relative)
      throw new Error(
        `section "${id}": no template sections/${id}.hbs (or sections/${id}.${lang}.hbs) in ${files.custom ?? 'the brief'} or the built-in brief${didYouMean(id, await builtinSections(files))}`,
      );
    sections.set(id, await compile(relative));
    const source = await files.read(relative);
    sectionFiles.set(id, { file: await files.path(relative), source });
    chartOrder.set(
      id,
      [...source.matchAll(/charts\.([\w-]+)|\bchart\s+["']([\w-]+)["']/g)].map((m) => (m[1] ?? m[2])!),
    );
  }
  // Comments are for the stylesheet's readers, not for every embedded fragment.
  const cssFile = await files.path('styles/brief.css');
  const css = styleText((await files.read('styles/brief.css')).replace(/\/\*[\s\S]*?\*\//g, '').trim(), cssFile);
  return {
    layout: await compile('layout.hbs'),
    section: await compile('partials/section.hbs'),
    sections,
    chartOrder,
    sectionFiles,
    author: (context) => {
      author = context;
      recorded = new Set();
    },
    css: theme.accent ? `${css}\n.etsb{--etsb-accent:${theme.accent}}` : css,
    cssFile,
  };
}

/** Renders the standalone page of the brief and one embeddable fragment per section. */
export async function renderPageAndSections(
  view: BriefView,
  charts: ReadonlyMap<string, ChartView>,
  templates: Templates,
  fonts: FontSet,
  t: (key: string) => string,
  sectionIds: readonly SectionId[],
  social: SocialMeta = socialMeta(view.lang, view.title, t, { image: false }),
): Promise<RenderedBrief> {
  // Figures are numbered in reading order; a chart without data leaves no gap in the numbering.
  // Fragments leave the number to CSS (brief.css), which counts the figures of the page they are
  // embedded in: "Figure " and "" around the count, from the string "Figure {n}".
  const [numberBefore = '', numberAfter = ''] = t('brief.figure').split('{n}');
  const numbered = new Map<string, ChartView & { number: string; numberBefore: string; numberAfter: string; cites: readonly number[] }>();
  for (const id of sectionIds) {
    for (const chartId of templates.chartOrder.get(id) ?? []) {
      const chart = charts.get(chartId);
      if (chart && !numbered.has(chartId)) {
        numbered.set(chartId, {
          ...chart,
          number: t('brief.figure').replace('{n}', String(numbered.size + 1)),
          numberBefore,
          numberAfter,
          cites: view.chartCites[chartId] ?? [],
        });
      }
    }
  }
  const placed = new Set<string>();
  const figures: FigureOutline[] = sectionIds.flatMap((section) =>
    (templates.chartOrder.get(section) ?? []).flatMap((chart) => {
      if (placed.has(chart)) return [];
      placed.add(chart);
      const shown = numbered.get(chart);
      return [{ chart, section, number: shown?.number ?? null, title: shown?.title ?? null }];
    }),
  );
  const chartsContext = (fragment: boolean) =>
    Object.fromEntries(
      [...templates.chartOrder.values()].flat().map((id) => {
        const chart = numbered.get(id);
        return [id, chart && fragment ? { ...chart, number: '' } : (chart ?? null)];
      }),
    );

  // citedSources: the sources the brief's sections cite (a section listing them renders again once known).
  let citedSources = view.sources;
  const renderSection = (id: SectionId, prefix: string, charts: Record<string, unknown>) => {
    const body = templates.sections.get(id)!({ view, charts, prefix, citedSources });
    return { body, anchor: `${prefix}${id}`, title: t(`sections.${id}`) };
  };
  // The standalone brief: one id prefix, footnotes resolved in the data-notes section.
  const briefCharts = chartsContext(false);
  const firstPass = sectionIds.map((id) => renderSection(id, 'etsb-', briefCharts).body).join('');
  const cited = new Set([...firstPass.matchAll(/href="#etsb-source-(\d+)"/g)].map((m) => Number(m[1])));
  citedSources = view.sources.filter((s) => cited.has(s.n));
  const briefSections = sectionIds.map((id) => {
    const s = renderSection(id, 'etsb-', briefCharts);
    return { ...s, html: templates.section(s) };
  });
  const briefCssBody = templates.css;
  const briefHtmlWithoutFonts = templates.layout({ view, sections: briefSections, css: '', social });
  // Printed pages carry the title and "page X of Y" in their margins, in the brief's own font.
  const marginText = `${view.title}${t('pdf.pageOf')}0123456789`;
  // Fragments: each with its own id prefix, and the sources it cites listed at its foot.
  const fragmentCharts = chartsContext(true);
  const fragments = sectionIds.map((id) => {
    const prefix = `etsb-${id}-`;
    const s = renderSection(id, prefix, fragmentCharts);
    const cited = [...s.body.matchAll(new RegExp(`#${prefix}source-(\\d+)`, 'g'))].map((m) => Number(m[1]));
    const notes = [...new Set(cited)].sort((a, b) => a - b).map((n) => view.sources.find((x) => x.n === n)!);
    const footnotes = id === 'data-notes' || notes.length === 0 ? '' : sourceList(notes, prefix, t);
    return { id, s, notes, inner: templates.section({ ...s, body: `${s.body}${footnotes}` }) };
  });
  // Every document's fonts at once: the subsets are cut on worker threads.
  const [fontCss, ...fragmentFonts] = await Promise.all([
    fonts.fontFaceCss(visibleText(briefHtmlWithoutFonts) + marginText),
    ...fragments.map((f) => fonts.fontFaceCss(visibleText(f.inner))),
  ]);
  const html = templates.layout({
    view,
    social,
    sections: briefSections,
    css: styleText(`${fontCss}\n${briefCssBody}\n${pageCss(view.title, t('pdf.pageOf'))}`, templates.cssFile),
  });
  assertLedgered(html, view);

  const sections: RenderedSection[] = [];
  for (const [i, { id, s, notes, inner }] of fragments.entries()) {
    const style = styleText(`${fragmentFonts[i]!}\n${briefCssBody}`, templates.cssFile);
    const fragment = `<div class="etsb etsb-fragment" lang="${view.lang}" data-etsb-section="${id}">\n<style>${style}</style>\n${inner}</div>\n`;
    sections.push({
      id,
      title: s.title,
      fragment,
      styleHashes: [`sha256-${createHash('sha256').update(style).digest('base64')}`],
      sha256: createHash('sha256').update(fragment).digest('hex'),
      sources: notes.map((n) => n.id),
    });
  }
  return { html, marginText, sections, outline: { sections: sectionIds.map((id) => ({ id, title: t(`sections.${id}`) })), figures } };
}

/**
/**
 * Every number a reader sees in the brief must come from the ledger: a number typed into a
 * template or a string would not change with the data, so it stops the build, quoted in context.
 */
function assertLedgered(html: string, view: BriefView): void {
  const stray = unledgeredNumbers(html, view.ledger);
  if (stray.length === 0) return;
  const shown = stray
    .slice(0, 5)
    .map((s) => `"${s.token}" in "…${s.context}…"`)
    .join('; ');
  throw new Error(
    `the ${view.lang} brief states ${stray.length} number${stray.length === 1 ? '' : 's'} that no data or metric produced (typed into a template or string?): ${shown}. Take each from data/ through the view, or remove it.`,
  );
}

/**
 * CSS as the text of a <style> element. The HTML parser ends that element at the first `</style`
 * and nothing in CSS can prevent it, so such CSS is refused (generated strings are escaped by
 * cssString; only a stylesheet override could still hold it).
 */
function styleText(css: string, file: string): string {
  const at = css.search(/<\/style/i);
  if (at >= 0) throw new Error(`${file}: the stylesheet holds "${css.slice(at, at + 8)}", which would end the <style> element; write it as \\3c /style`);
  return css;
}

function sourceList(notes: BriefView['sources'], prefix: string, t: (key: string) => string): string {
  const esc = Handlebars.escapeExpression;
  const items = notes.map(
    (s) =>
      `<li value="${s.n}" id="${prefix}source-${s.n}">${esc(s.title)}. ${esc(s.publisher)}.${s.url ? ` <span class="etsb-url">${esc(s.url)}</span>` : ''} (${esc(s.retrieved)})</li>`,
  );
  return `<h3>${esc(t('notes.sources'))}</h3><ol class="etsb-sources">${items.join('')}</ol>`;
}

/** Characters a reader can see (markup removed, entities decoded), for font subsetting. */
export function visibleText(html: string): string {
  return `${html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')}0123456789.,%-–—()（）`; // digits and punctuation charts and tables may need
}
