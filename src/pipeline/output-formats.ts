/**
 * The output formats: what a build can write for each language. `charts`: each chart as a standalone SVG and PNG (1×,
 * 2×) for slides and posts, and the brief's Open Graph image; its PNGs need the browser, as PDFs do.
 */
export const FORMATS = ['html', 'sections', 'pdf', 'charts'] as const;
export type Format = (typeof FORMATS)[number];
