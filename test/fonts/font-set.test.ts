import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FontSet, isIdeograph } from '../../src/fonts/font-set.js';
import { fontChunks, parseUnicodeRange } from '../../src/fonts/noto-sans-sc.js';

describe('FontSet.measure', () => {
  it('rests on a fact of the installed font: every ideograph it has is 1 em wide, in both weights', () => {
    for (const weight of [400, 700] as const) {
      let checked = 0;
      for (const chunk of fontChunks(weight)) {
        if (!chunk.ranges.some(([lo, hi]) => isIdeograph(lo) || isIdeograph(hi))) continue;
        const font = fontkit.create(readFileSync(chunk.file)) as fontkit.Font;
        for (const [lo, hi] of chunk.ranges) {
          for (let cp = lo; cp <= hi; cp++) {
            if (!isIdeograph(cp) || !font.hasGlyphForCodePoint(cp)) continue;
            expect(font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm, `U+${cp.toString(16)} at ${weight}`).toBe(1);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(6000);
    }
  }, 60_000);

  it('measures mixed text from the glyph advances', () => {
    const fonts = new FontSet();
    expect(fonts.measure('碳市场', 10)).toBe(30);
    const latin = fonts.measure('EU ETS', 10);
    expect(latin).toBeGreaterThan(20);
    expect(latin).toBeLessThan(48); // not the 0.8 em a character Vega guesses without a font
    expect(fonts.measure('欧盟 ETS', 10)).toBeCloseTo(20 + fonts.measure(' ETS', 10), 6);
  });
});

describe('FontSet.fontFaceCss with characters the font lacks', () => {
  // Fontsource's unicode-ranges claim Arabic letters, U+200D ZWJ and bidi controls that Noto Sans
  // SC has no glyph for; a face cut for them alone held no glyph and Chromium refused to load it.
  it('claims only characters it has glyphs for, and every face it writes has them', async () => {
    const fonts = new FontSet();
    const text = 'Brief \u0639\u0631\u0628\u064a \u200d \u202eRLO\u202c \u05e9\u05dc\u05d5\u05dd e\u0301 碳';
    const css = await fonts.fontFaceCss(text, [400]);
    const faces = [...css.matchAll(/base64,([^)]+)\).*?unicode-range:([^}]+)\}/g)].map((m) => ({ woff: m[1]!, range: m[2]! }));
    expect(faces.length).toBeGreaterThan(0);
    const ranges = faces.flatMap((f) => parseUnicodeRange(f.range));
    const claimed = (cp: number) => ranges.some(([lo, hi]) => lo <= cp && cp <= hi);
    for (const cp of [0x639, 0x200d, 0x202e, 0x5e9]) expect(claimed(cp), `U+${cp.toString(16)}`).toBe(false);
    for (const face of faces) {
      const font = fontkit.create(Buffer.from(face.woff, 'base64')) as fontkit.Font;
      expect(font.characterSet.length, face.range).toBeGreaterThan(0);
    }
    expect(claimed(0x301)).toBe(true); // the combining acute is in the font and stays
  });

  it('measures joiners and bidi controls as taking no room', () => {
    const fonts = new FontSet();
    expect(fonts.measure('a\u200db\u202e', 10)).toBeCloseTo(fonts.measure('ab', 10), 6);
  });
});
