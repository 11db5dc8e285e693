import { describe, expect, it } from 'vitest';

import { ResultCache } from '../../src/runs/result-cache.js';

describe('ResultCache', () => {
  it('reads once per key, and drops the least recently used beyond its size', async () => {
    const cache = new ResultCache(2);
    let reads = 0;
    const read = (value: string) => async () => ((reads += 1), value);
    expect(await cache.get('r1|7|a', read('A'))).toBe('A');
    expect(await cache.get('r1|7|a', read('other'))).toBe('A');
    await cache.get('r1|7|b', read('B'));
    await cache.get('r1|7|a', read('A')); // a is now the most recent
    await cache.get('r2|3|c', read('C')); // b goes
    expect(reads).toBe(3);
    expect(await cache.get('r1|7|b', read('B again'))).toBe('B again');
    expect(cache.size).toBe(2);
  });

  it('forgets a run, and keeps nothing when its size is 0', async () => {
    const cache = new ResultCache(10);
    await cache.get('r1|7|a', async () => 1);
    await cache.get('r10|7|a', async () => 2);
    cache.dropRun('r1');
    expect(cache.size).toBe(1);
    const none = new ResultCache(0);
    await none.get('k', async () => 1);
    expect(none.size).toBe(0);
  });

  it('shares one read between concurrent misses, and forgets a failed read', async () => {
    const cache = new ResultCache(10);
    let reads = 0;
    let release!: (value: string) => void;
    const slow = () => ((reads += 1), new Promise<string>((resolve) => (release = resolve)));
    const waiting = Array.from({ length: 5 }, () => cache.get('r1|7|a', slow));
    release('A');
    expect(await Promise.all(waiting)).toEqual(['A', 'A', 'A', 'A', 'A']);
    expect(reads).toBe(1);
    await expect(cache.get('r1|7|b', async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get('r1|7|b', async () => 'B')).toBe('B');
  });
});
