import { inflateSync } from 'node:zlib';

/** A decoded PNG: 8-bit samples, `channels` per pixel, rows top to bottom. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunks(png: Uint8Array): { type: string; data: Buffer }[] {
  const buf = Buffer.from(png);
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (no signature)');
  const out: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    out.push({ type: buf.toString('latin1', at + 4, at + 8), data: buf.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

/** The IHDR chunk: what a PNG says its size and pixel format are. */
export function pngHeader(png: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number; interlace: number } {
  const first = chunks(png)[0];
  if (first?.type !== 'IHDR') throw new Error('not a PNG (IHDR is not the first chunk)');
  const d = first.data;
  return { width: d.readUInt32BE(0), height: d.readUInt32BE(4), bitDepth: d[8]!, colorType: d[9]!, interlace: d[12]! };
}

/** Decodes an 8-bit, non-interlaced PNG (what Chromium's screenshots are), undoing each row's filter. */
export function decodePng(png: Uint8Array): Pixels {
  const { width, height, bitDepth, colorType, interlace } = pngHeader(png);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (bitDepth !== 8 || interlace !== 0 || !channels) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`);
  const raw = inflateSync(
    Buffer.concat(
      chunks(png)
        .filter((c) => c.type === 'IDAT')
        .map((c) => c.data),
    ),
  );
  const stride = width * channels;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels]! : 0;
      const b = y > 0 ? data[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels]! : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      data[y * stride + x] = (row[x]! + predicted) & 0xff;
    }
  }
  return { width, height, channels, data };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The rows [top, bottom) of a picture as one byte string, to compare two renderings of a band. */
export function band(pixels: Pixels, top: number, bottom: number): Buffer {
  const stride = pixels.width * pixels.channels;
  return Buffer.from(pixels.data.subarray(top * stride, bottom * stride));
}

/** Pixels in rows [top, bottom) darker than near-white: how much was drawn there. */
export function ink(pixels: Pixels, top = 0, bottom = pixels.height): number {
  let count = 0;
  for (let i = top * pixels.width; i < bottom * pixels.width; i++) {
    const at = i * pixels.channels;
    const lightest = pixels.channels >= 3 ? Math.min(pixels.data[at]!, pixels.data[at + 1]!, pixels.data[at + 2]!) : pixels.data[at]!;
    if (lightest < 200) count++;
  }
  return count;
}
