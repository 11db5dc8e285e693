/**
 * Recently read pages of finished runs, kept in memory: a finished run's results do not change,
 * so a page read again (the same ranking page by a dozen analysts on Monday morning) needs no
 * query. Keys carry the version of the run's scope's data, which every load and erasure touching
 * its investigations moves: an erased person's results are never served from here after the
 * erasure. Least recently used entries go first once `maxEntries` is reached.
 */
export class ResultCache {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly maxEntries: number) {}

  async get<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as T;
      // Refresh its place: Map keeps insertion order, the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = await read();
    if (this.maxEntries > 0) {
      this.entries.set(key, value);
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
