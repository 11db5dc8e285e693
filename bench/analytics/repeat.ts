/**
 * Repeats a measurement while it is cheap: at least `minRuns`, at most `maxRuns`, and no new run
 * once the runs so far plus one more of the longest seen would pass `budgetMs`. A 2-second
 * analysis is run five times for a min/median/max; a 3-minute one once or twice.
 */

export interface RepeatOptions {
  minRuns: number;
  maxRuns: number;
  budgetMs: number;
  /** Runs before each run, outside its time (e.g. a garbage collection, so a run does not pay for the last one's garbage). */
  beforeEach?: () => void | Promise<void>;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

export async function repeatWithin<T>(run: (index: number) => T | Promise<T>, options: RepeatOptions): Promise<{ value: T; ms: number }[]> {
  const { minRuns, maxRuns, budgetMs, beforeEach, now = () => performance.now() } = options;
  if (!(minRuns >= 1 && maxRuns >= minRuns)) throw new RangeError('bench/analytics/repeat: need 1 ≤ minRuns ≤ maxRuns');
  const runs: { value: T; ms: number }[] = [];
  let spent = 0;
  let longest = 0;
  while (runs.length < maxRuns && (runs.length < minRuns || spent + longest <= budgetMs)) {
    await beforeEach?.();
    const started = now();
    const value = await run(runs.length);
    const ms = now() - started;
    runs.push({ value, ms });
    spent += ms;
    longest = Math.max(longest, ms);
  }
  return runs;
}
