import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { convert } from 'fontverter';
import { describe, expect, it } from 'vitest';
import { sfntToWoff } from '../../src/fonts/woff.js';

const require = createRequire(import.meta.url);

/** Each table's bytes by tag, from an SFNT's table directory. */
function tables(sfnt: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < sfnt.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    const offset = sfnt.readUInt32BE(at + 8);
    out[sfnt.subarray(at, at + 4).toString('latin1')] = sfnt.subarray(offset, offset + sfnt.readUInt32BE(at + 12)).toString('base64');
  }
  return out;
}

describe('sfntToWoff', () => {
  it('wraps a font so that a font reader sees the same glyphs, widths and tables', async () => {
    const woff2 = readFileSync(require.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-latin-400-normal.woff2'));
    const sfnt = await convert(woff2, 'truetype');
    const woff = sfntToWoff(sfnt);
    expect(woff.subarray(0, 4).toString('latin1')).toBe('wOFF');
    expect(woff.length).toBeLessThan(sfnt.length);
    const a = fontkit.create(sfnt) as fontkit.Font;
    const b = fontkit.create(woff) as fontkit.Font;
    expect(b.numGlyphs).toBe(a.numGlyphs);
    expect(Object.keys((b as unknown as { directory: { tables: object } }).directory.tables).sort()).toEqual(
      Object.keys((a as unknown as { directory: { tables: object } }).directory.tables).sort(),
    );
    for (const ch of 'EU ETS 2023: 85.3 €/t') {
      expect(b.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth).toBe(a.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth);
    }
    // Unpacking it again gives the original bytes of every table.
    expect(tables(await convert(woff, 'truetype'))).toEqual(tables(sfnt));
  });

  it('refuses what is not a font', () => {
    expect(() => sfntToWoff(Buffer.from('hello'))).toThrow(/not an SFNT font/);
  });
});
