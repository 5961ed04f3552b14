import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Data } from '../data/datasets/index.js';
import type { FontSet } from '../fonts/font-set.js';
import type { Printer } from '../pdf/print.js';
import { rasterise, type RasterResult } from '../pdf/raster.js';
import { socialCard } from '../render/social-card.js';
import { SOCIAL_IMAGE_FILE } from '../render/social-meta.js';
import { chartLabels, standaloneChart } from '../render/standalone-chart.js';
import type { StandaloneSvg } from '../render/svg-text.js';
import { VERSION } from '../version.js';
import { cacheKey, type BuildCache } from './cache.js';
import type { Config } from './config.js';
import type { Format } from './output-formats.js';
import type { LanguageOutput } from './render-language.js';

/** The brief's accent when the configuration sets none (templates/styles/brief.css's --etsb-accent). */
const DEFAULT_ACCENT = '#1f4e79';

/** A PNG to write: its path, its scale and its cache key. */
type PngFile = { readonly name: string; readonly scale: number; readonly key: string };
type Drawn = { files: readonly PngFile[]; outcome: { result: RasterResult } | { error: unknown } };

export interface ChartImagesContext {
  readonly cache: BuildCache;
  readonly printer: Printer;
  /** Identifies the browser: another one may draw other pixels, so it is part of a PNG's cache key. */
  readonly browser: string;
  readonly write: (path: string, content: string | Uint8Array) => Promise<void>;
  readonly log: (line: string) => void;
}

/**
 * The `charts` format: each chart as `<lang>/charts/<id>.svg`, `<id>.png` and `<id>@2x.png`, and
 * the brief's Open Graph image `<lang>/og-image.png`. SVGs are written at once; a PNG is taken from
 * the cache when its SVG is unchanged, else drawn by the build's browser while the build goes on.
 */
export class ChartImages {
  private readonly drawing: Promise<Drawn>[] = [];
  private drawn: Drawn[] = [];

  constructor(private readonly ctx: ChartImagesContext) {}

  async add(output: LanguageOutput, sources: Data['sources'], fonts: FontSet, config: Config): Promise<void> {
    const { lang, view, t } = output;
    for (const chart of output.charts.values()) {
      const image = await standaloneChart(chart, chartLabels(chart, sources, view.asOfIso, lang, t), lang, fonts);
      await this.ctx.write(`${lang}/charts/${chart.id}.svg`, image.svg);
      await this.pngs(image, [
        [`${lang}/charts/${chart.id}.png`, 1],
        [`${lang}/charts/${chart.id}@2x.png`, 2],
      ]);
    }
    const card = await socialCard(view, t('brief.author'), config.theme?.accent ?? DEFAULT_ACCENT, t, fonts);
    await this.pngs(card, [[`${lang}/${SOCIAL_IMAGE_FILE}`, 1]]);
  }

  /** The PNGs of one SVG: each from the cache if there, the others drawn from one load of it. */
  private async pngs(image: StandaloneSvg, files: readonly (readonly [name: string, scale: number])[]): Promise<void> {
    const missing: PngFile[] = [];
    for (const [name, scale] of files) {
      const key = cacheKey(VERSION, this.ctx.browser, image.svg, scale);
      const cached = await this.ctx.cache.get('png', key);
      if (cached) {
        this.ctx.log(`${name}: SVG unchanged, PNG reused`);
        await this.ctx.write(name, cached);
      } else {
        this.ctx.log(`${name}: drawing`);
        missing.push({ name, scale, key });
      }
    }
    if (missing.length === 0) return;
    const job = { name: missing[0]!.name, svg: image.svg, width: image.width, height: image.height, scales: missing.map((f) => f.scale) };
    // Settled at once so a failure waits, handled, until the build collects it.
    this.drawing.push(
      rasterise(this.ctx.printer, job).then(
        (result) => ({ files: missing, outcome: { result } }),
        (error: unknown) => ({ files: missing, outcome: { error } }),
      ),
    );
  }

  /** Waits for every PNG being drawn; returns the first failure, if any. */
  async settle(): Promise<{ error: unknown } | undefined> {
    this.drawn = await Promise.all(this.drawing.splice(0));
    return this.drawn.map((d) => d.outcome).find((o) => 'error' in o);
  }

  /** The PNGs that were to be drawn (kept from the last build when there is no browser). */
  get pending(): string[] {
    return this.drawn.flatMap((d) => d.files.map((f) => f.name));
  }

  /** Writes the drawn PNGs and caches them under their SVG's hash. */
  async finish(): Promise<void> {
    for (const { files, outcome } of this.drawn) {
      if (!('result' in outcome)) continue;
      for (const url of outcome.result.blocked) this.ctx.log(`${files[0]!.name}: blocked a request to ${url}`);
      for (const [i, file] of files.entries()) {
        await this.ctx.cache.put('png', file.key, outcome.result.pngs[i]!);
        await this.ctx.write(file.name, outcome.result.pngs[i]!);
      }
    }
  }
}

/**
 * Whether a language's output will hold the Open Graph image, so brief.html may point to it:
 * this build draws it, or (formats being additive) keeps the one the last build drew.
 */
export function holdsSocialImage(outDir: string, lang: string, formats: readonly Format[], clean: boolean): boolean {
  return formats.includes('charts') || (!clean && existsSync(join(outDir, lang, SOCIAL_IMAGE_FILE)));
}
