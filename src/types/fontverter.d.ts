declare module 'fontverter' {
  export function convert(font: Buffer, toFormat: 'truetype' | 'sfnt' | 'woff' | 'woff2', fromFormat?: string): Promise<Buffer>;
  export function detectFormat(font: Buffer): 'truetype' | 'sfnt' | 'woff' | 'woff2';
}
