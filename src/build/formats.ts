/** What a build can write for each language. */
export const FORMATS = ['html', 'sections', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];
