import { describe, expect, it } from 'vitest';

import { createReadStamps, type ReadStamp } from '../../src/cache/read-stamp.js';
import { StampedCache } from '../../src/cache/stamped-cache.js';

/** The read stamp's batching and the cache kept under it, with reads the test controls. */

function controlledReads() {
  const started: { resolve: (stamp: ReadStamp) => void; reject: (error: Error) => void }[] = [];
  const read = () => new Promise<ReadStamp>((resolve, reject) => started.push({ resolve, reject }));
  return { started, read };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const stamp = (data: number, reads = 0): ReadStamp => ({ data, reads });

describe('read stamps', () => {
  it('gives every caller a read that started after it asked, one read for all who asked meanwhile', async () => {
    const { started, read } = controlledReads();
    const stamps = createReadStamps(read);
    const first = stamps.current();
    expect(started).toHaveLength(1);
    // Asked while the first read is in flight: that read may predate their request, so they wait for the next.
    const second = stamps.current();
    const third = stamps.current();
    expect(started).toHaveLength(1);
    started[0]!.resolve(stamp(1));
    expect(await first).toEqual(stamp(1));
    await tick();
    expect(started).toHaveLength(2);
    started[1]!.resolve(stamp(2));
    expect(await second).toEqual(stamp(2));
    expect(await third).toEqual(stamp(2));
    // Nothing in flight: a caller starts its own read.
    const fourth = stamps.current();
    expect(started).toHaveLength(3);
    started[2]!.resolve(stamp(3));
    expect(await fourth).toEqual(stamp(3));
  });

  it('fails the callers of a failed read, and the next callers read again', async () => {
    const { started, read } = controlledReads();
    const stamps = createReadStamps(read);
    const first = stamps.current();
    const waiting = stamps.current();
    started[0]!.reject(new Error('database away'));
    await expect(first).rejects.toThrow('database away');
    await tick();
    started[1]!.resolve(stamp(4));
    expect(await waiting).toEqual(stamp(4));
  });
});

describe('StampedCache', () => {
  it('keeps values while the stamp holds, forgets them all when it moves, and never moves back', async () => {
    const cache = new StampedCache<string>(10);
    let reads = 0;
    const read = (value: string) => () => (reads++, Promise.resolve(value));
    expect(await cache.get(stamp(1), 'k', read('one'))).toBe('one');
    expect(await cache.get(stamp(1), 'k', read('two'))).toBe('one');
    expect(reads).toBe(1);
    // A newer stamp (either version moved): read again.
    expect(await cache.get(stamp(1, 1), 'k', read('three'))).toBe('three');
    expect(await cache.get(stamp(2, 1), 'k', read('four'))).toBe('four');
    // A request with an older stamp reads past the cache and keeps nothing.
    expect(await cache.get(stamp(1, 1), 'k', read('old'))).toBe('old');
    expect(await cache.get(stamp(2, 1), 'k', read('five'))).toBe('four');
    expect(cache.peek(stamp(1, 1), 'k')).toBeUndefined();
    expect(reads).toBe(4);
  });

  it('shares one read between concurrent misses, forgets failures and refused values', async () => {
    const cache = new StampedCache<string | undefined>(
      10,
      () => 1,
      (v) => v !== undefined,
    );
    let reads = 0;
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`v${++reads}`), 5));
    const all = await Promise.all([1, 2, 3].map(() => cache.get(stamp(1), 'k', slow)));
    expect(all).toEqual(['v1', 'v1', 'v1']);
    await expect(cache.get(stamp(1), 'bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get(stamp(1), 'bad', () => Promise.resolve('ok'))).toBe('ok');
    expect(await cache.get(stamp(1), 'none', () => Promise.resolve(undefined))).toBeUndefined();
    await tick();
    expect(cache.peek(stamp(1), 'none')).toBeUndefined();
  });

  it('drops the least recently used once the sizes pass the bound', async () => {
    const cache = new StampedCache<string>(10, (v) => v.length);
    cache.put(stamp(1), 'a', 'aaaa');
    cache.put(stamp(1), 'b', 'bbbb');
    await tick();
    expect(await cache.peek(stamp(1), 'a')).toBe('aaaa'); // a is now the most recently used
    cache.put(stamp(1), 'c', 'cccc');
    await tick();
    expect(cache.peek(stamp(1), 'b')).toBeUndefined();
    expect(await cache.peek(stamp(1), 'a')).toBe('aaaa');
    expect(await cache.peek(stamp(1), 'c')).toBe('cccc');
    // Replacing a value counts its size once.
    cache.put(stamp(1), 'c', 'cc');
    await tick();
    expect(cache.entryCount).toBe(2);
    // A size of 0 keeps nothing.
    const none = new StampedCache<string>(0);
    none.put(stamp(1), 'a', 'a');
    expect(none.peek(stamp(1), 'a')).toBeUndefined();
  });
});
