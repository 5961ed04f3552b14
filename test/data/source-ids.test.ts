import { describe, expect, it } from 'vitest';
import { sourceCell, sourceIds, sourcesOf } from '../../src/data/source-ids.js';

describe('source ids', () => {
  it('splits a cell into trimmed ids, dropping empty parts', () => {
    expect(sourceIds('eex-2023')).toEqual(['eex-2023']);
    expect(sourceIds(' eex-2023 ; ecb;')).toEqual(['eex-2023', 'ecb']);
    expect(sourceIds('')).toEqual([]);
  });

  it('lists what rows cite, each id once, in the order first cited', () => {
    expect(sourcesOf([{ source: 'b;a' }, { source: 'a; c' }, { source: 'b' }])).toEqual(['b', 'a', 'c']);
  });

  it('writes a cell that reads back as the same ids', () => {
    const cell = sourceCell(['b', 'a', 'b']);
    expect(cell).toBe('b;a');
    expect(sourceIds(cell)).toEqual(['b', 'a']);
  });
});
