import { notOlder, type ReadStamp, stampText } from './read-stamp.js';

/**
 * Values valid for one read stamp (read-stamp.ts), least recently used dropped first once
 * `maxSize` (each entry's `sizeOf`) is reached. A newer stamp empties the cache; a request
 * holding an older one (its stamp read finished before another's) reads past it and keeps
 * nothing. Concurrent misses of one key share a single read (the promise is what is kept); a
 * failed read, or one whose value `keep` refuses, is forgotten.
 */
export class StampedCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; size: number }>();
  private stamp: ReadStamp | undefined;
  private size = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: T) => number = () => 1,
    private readonly keep: (value: T) => boolean = () => true,
  ) {}

  get(stamp: ReadStamp, key: string, read: () => Promise<T>): Promise<T> {
    if (!this.current(stamp)) return read();
    const cached = this.entries.get(key);
    if (cached) {
      // Map keeps insertion order: the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.value;
    }
    const value = read();
    this.store(key, value);
    return value;
  }

  /** The value kept for `key` under `stamp`, if any (without reading). */
  peek(stamp: ReadStamp, key: string): Promise<T> | undefined {
    if (!this.current(stamp)) return undefined;
    const cached = this.entries.get(key);
    if (!cached) return undefined;
    this.entries.delete(key);
    this.entries.set(key, cached);
    return cached.value;
  }

  /** Keeps a value computed elsewhere under `stamp` (ignored when the stamp is old). */
  put(stamp: ReadStamp, key: string, value: T): void {
    if (this.current(stamp)) this.store(key, Promise.resolve(value));
  }

  /** Whether the cache may serve and keep values for `stamp`; a newer one empties it first. */
  private current(stamp: ReadStamp): boolean {
    if (this.maxSize <= 0) return false;
    if (this.stamp && stampText(this.stamp) === stampText(stamp)) return true;
    if (this.stamp && !notOlder(stamp, this.stamp)) return false;
    this.entries.clear();
    this.size = 0;
    this.stamp = stamp;
    return true;
  }

  private store(key: string, value: Promise<T>): void {
    this.size -= this.entries.get(key)?.size ?? 0;
    const entry = { value, size: 0 };
    this.entries.set(key, entry);
    value.then(
      (resolved) => {
        if (this.entries.get(key) !== entry) return;
        if (!this.keep(resolved)) return void this.entries.delete(key);
        entry.size = this.sizeOf(resolved);
        this.size += entry.size;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.size <= this.maxSize) return;
      this.entries.delete(key);
      this.size -= entry.size;
    }
  }

  get entryCount(): number {
    return this.entries.size;
  }
}
