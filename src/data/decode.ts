import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Bytes enough to tell UTF-8 from GB18030 in every export we have seen (Chinese headers come first). */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Chinese Excel and WIND exports are GB18030; everything else we receive is UTF-8, with or without
 * a BOM. A sample that is valid UTF-8 is UTF-8 (GB18030 text with any Chinese in it practically never
 * is); otherwise GB18030, whose decoder then validates every byte as the file streams through.
 */
export function detectEncoding(sample: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (sample[0] === 0x84 && sample[1] === 0x31 && sample[2] === 0x95 && sample[3] === 0x33) {
    return { encoding: 'gb18030', bomLength: 4 };
  }
  return { encoding: isUtf8(trimIncompleteUtf8Tail(sample)) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

/** A sample cut at an arbitrary byte may end inside a multi-byte sequence; that is not an error. */
function trimIncompleteUtf8Tail(bytes: Uint8Array): Uint8Array {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, end - back) : bytes;
  }
  return bytes;
}

export class DecodeError extends Error {
  constructor(
    readonly encoding: TextEncoding,
    readonly byteOffset: number,
  ) {
    super(`invalid ${encoding} byte sequence near byte ${byteOffset}`);
    this.name = 'DecodeError';
  }
}

/**
 * Streams bytes to text, failing on the first invalid sequence instead of inserting U+FFFD: a
 * replacement character inside a number or a name would silently change the data.
 */
export function createDecoder(encoding: TextEncoding, skipBytes: number): Transform {
  if (encoding === 'utf-8') return createUtf8Validator(skipBytes);
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let toSkip = skipBytes;
  let offset = 0;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      let bytes: Uint8Array = chunk;
      if (toSkip > 0) {
        const skip = Math.min(toSkip, bytes.length);
        bytes = bytes.subarray(skip);
        toSkip -= skip;
        offset += skip;
      }
      try {
        const text = decoder.decode(bytes, { stream: true });
        offset += bytes.length;
        callback(null, text.length > 0 ? text : undefined);
      } catch {
        callback(new DecodeError(encoding, offset));
      }
    },
    flush(callback: TransformCallback) {
      try {
        const tail = decoder.decode();
        callback(null, tail.length > 0 ? tail : undefined);
      } catch {
        callback(new DecodeError(encoding, offset));
      }
    },
  });
}

/**
 * UTF-8 is checked, not decoded: the bytes go on to csv-parse, which decodes each field once.
 * Decoding here made csv-parse encode the text back to bytes, a third of a large file's read time.
 */
function createUtf8Validator(skipBytes: number): Transform {
  let toSkip = skipBytes;
  let offset = 0;
  let carry: Buffer | undefined; // an incomplete sequence at the end of the previous chunk
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, callback: TransformCallback) {
      let bytes = chunk;
      if (toSkip > 0) {
        const skip = Math.min(toSkip, bytes.length);
        bytes = bytes.subarray(skip);
        toSkip -= skip;
        offset += skip;
      }
      if (carry) {
        bytes = Buffer.concat([carry, bytes]);
        carry = undefined;
      }
      const complete = trimIncompleteUtf8Tail(bytes);
      if (!isUtf8(complete)) return callback(new DecodeError('utf-8', offset));
      if (complete.length < bytes.length) carry = bytes.subarray(complete.length);
      offset += complete.length;
      callback(null, complete.length > 0 ? complete : undefined);
    },
    flush(callback: TransformCallback) {
      callback(carry ? new DecodeError('utf-8', offset) : null);
    },
  });
}
