import type { Lang } from './format.js';

/** The Open Graph image's file, beside brief.html in each language folder. */
export const SOCIAL_IMAGE_FILE = 'og-image.png';

/** Its size: what Open Graph and X/Twitter's large summary cards show without cropping. */
export const SOCIAL_CARD = { width: 1200, height: 630 } as const;

/** What layout.hbs writes into Open Graph and X/Twitter card <meta> tags (Handlebars escapes every value). */
export interface SocialMeta {
  /** og:locale, language_TERRITORY (zh_CN, en_GB). */
  readonly locale: string;
  /** og:url: the brief's address, when the configuration says where it is published. */
  readonly url: string | null;
  readonly image: { readonly url: string; readonly width: number; readonly height: number; readonly alt: string } | null;
  /** A large image card when there is an image to show, else the plain summary card. */
  readonly card: 'summary_large_image' | 'summary';
}

export interface SocialOptions {
  /** Whether the output holds the Open Graph image (the charts format writes it). */
  readonly image: boolean;
  /** Where the output folder is published (config `baseUrl`); without it, URLs are relative. */
  readonly baseUrl?: string | undefined;
}

/**
 * The card tags of one language's brief. Open Graph wants an absolute og:image URL: with
 * `baseUrl` it is `<baseUrl>/<lang>/og-image.png`; without, the URL is relative to brief.html,
 * which some sites resolve and others ignore (README, "Charts for slides and social cards").
 */
export function socialMeta(lang: Lang, title: string, t: (key: string) => string, options: SocialOptions): SocialMeta {
  const base = options.baseUrl === undefined ? undefined : new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const at = (file: string) => (base ? new URL(`${lang}/${file}`, base).href : file);
  return {
    locale: t('export.ogLocale'),
    url: base ? at('brief.html') : null,
    image: options.image ? { url: at(SOCIAL_IMAGE_FILE), ...SOCIAL_CARD, alt: title } : null,
    card: options.image ? 'summary_large_image' : 'summary',
  };
}
