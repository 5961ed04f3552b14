import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/build/cache.js';

describe('MemoryCache', () => {
  it('drops the least recently used entries past its size, and refuses one larger than all of it', () => {
    const cache = new MemoryCache(10);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')).toBeDefined(); // a is now more recent than b
    cache.set('c', Buffer.alloc(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(8);
    cache.set('a', Buffer.alloc(2)); // replacing counts the new size only
    expect(cache.size).toBe(6);
    cache.set('huge', Buffer.alloc(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(6);
  });
});
