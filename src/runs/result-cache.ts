/**
 * Recently read pages of finished runs, kept in memory: a finished run's results do not change,
 * so a page read again (the same ranking page by a dozen analysts on Monday morning) needs no
 * query. Keys carry the version of the run's scope's data, which every load and erasure touching
 * its investigations moves: an erased person's results are never served from here after the
 * erasure. Least recently used entries go first once `maxEntries` is reached.
 */
export class ResultCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries: number) {}

  /**
   * The cached value, or `read()`'s. Concurrent misses of one key share a single read (the
   * promise is what is kept), so a page asked for by a hundred callers at once is read once; a
   * failed read is forgotten, so the next caller tries again.
   */
  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key) as Promise<T> | undefined;
    if (cached) {
      // Refresh its place: Map keeps insertion order, the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const value = read();
    if (this.maxEntries > 0) {
      this.entries.set(key, value);
      value.catch(() => {
        if (this.entries.get(key) === value) this.entries.delete(key);
      });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  /** Forgets a run (purged). */
  dropRun(runId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${runId}|`)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
