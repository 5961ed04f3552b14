import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../src/data/decode.js';
import { detectDelimiter } from '../../src/data/sniff.js';

const gb18030 = (text: string) => {
  // Node has no GB18030 encoder; these are the bytes of 日期,收盘价 in GB18030 (= GBK here).
  expect(text).toBe('日期,收盘价');
  return new Uint8Array([0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xca, 0xd5, 0xc5, 0xcc, 0xbc, 0xdb]);
};

describe('detectEncoding', () => {
  it('recognises BOMs', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
  });

  it('tells UTF-8 Chinese from GB18030 Chinese', () => {
    expect(detectEncoding(new TextEncoder().encode('日期,收盘价')).encoding).toBe('utf-8');
    const bytes = gb18030('日期,收盘价');
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(new TextDecoder('gb18030').decode(bytes)).toBe('日期,收盘价');
  });

  it('does not mistake a sample cut inside a UTF-8 character for GB18030', () => {
    const bytes = new TextEncoder().encode('date,收盘价');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits lines consistently, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('name;value\n"Lyon, France";3\n"Paris, France";4')).toBe(';');
  });
});
