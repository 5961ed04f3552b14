import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../src/suggest.js';

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('results', 'results')).toBe(0);
    expect(editDistance('reslts', 'results')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('yaer', 'year')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('市场', '市场名')).toBe(1); // by character, not UTF-16 unit
  });
});

describe('closest name', () => {
  it('finds a likely misspelling and nothing when no name is near', () => {
    expect(closest('reslts', ['global', 'results', 'phases'])).toBe('results');
    expect(closest('yaer', ['year', 'value'])).toBe('year');
    expect(closest('Year', ['value', 'year'])).toBe('year');
    expect(closest('x', ['year', 'value'])).toBeUndefined();
    expect(closest('revenue', [])).toBeUndefined();
    expect(closest('completelydifferent', ['year'])).toBeUndefined();
  });

  it('prefers the nearest name, and never the name itself', () => {
    expect(closest('vale', ['values', 'value'])).toBe('value');
    expect(closest('year', ['year'])).toBeUndefined();
  });

  it('finds an id renamed to one of its hyphenated ends, and not one that only shares a part', () => {
    expect(closest('china-compared', ['global', 'compared'])).toBe('compared');
    expect(closest('eu-phases', ['phases'])).toBe('phases');
    expect(closest('china-compared-notes', ['compared'])).toBeUndefined();
  });

  it('writes the hint a message appends', () => {
    expect(didYouMean('reslts', ['results'])).toBe(' (did you mean "results"?)');
    expect(didYouMean('x', ['results'])).toBe('');
  });
});
