/**
 * Latency percentiles for the event-loop check. Nearest-rank percentiles (the value below which
 * p % of the samples fall, never an interpolation between two): a p99 is a latency some request
 * really had.
 */

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests slower than 100 ms: how often a probe would have noticed. */
  over100ms: number;
}

/** Nearest-rank percentile of ascending `sorted` values; undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`bench/harness/latency: p must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return undefined;
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

export function summariseLatencies(values: readonly number[]): LatencySummary | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50)!,
    p99: percentile(sorted, 99)!,
    max: sorted[sorted.length - 1]!,
    over100ms: sorted.filter((v) => v > 100).length,
  };
}
