import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FontSet, isIdeograph } from '../../src/fonts/font-set.js';
import { fontChunks } from '../../src/fonts/noto-sans-sc.js';

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
