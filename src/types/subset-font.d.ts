// subset-font ships no types; this is the part of its API ets-brief uses.
declare module 'subset-font' {
  interface Options {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    preserveNameIds?: number[];
  }
  export default function subsetFont(original: Buffer, text: string, options?: Options): Promise<Buffer>;
}
