/**
 * Ranks within the scope, sorted once per measure. The percentile is the normaliser of every
 * harm component and the figure every explanation quotes: among the ranked nodes that did any
 * of it (value > 0, `among` of them), the share at or below a value, ties counted half (the
 * mid-rank definition) and the value itself counted whole, so the top of 200 scores 1 and the
 * lowest 1/200. Zero stays zero, and the many who did none of it (migrants, mostly) do not lift
 * everyone who did a little into the top decile, which would leave nothing to tell a recruiter
 * with one crossing from an organiser with forty.
 */
export interface ScopeRank {
  percentile(value: number): number;
  /** How many ranked nodes have a value above 0: the population the percentile is taken over. */
  among: number;
}

export function scopeRank(values: ArrayLike<number>, ranked: ArrayLike<number>): ScopeRank {
  let total = 0;
  for (let i = 0; i < values.length; i++) if (ranked[i]) total++;
  const sorted = new Float64Array(total);
  for (let i = 0, k = 0; i < values.length; i++) if (ranked[i]) sorted[k++] = values[i]!;
  sorted.sort();
  /** Index of the first sorted value ≥ value (strict: > value). */
  const bound = (value: number, strict: boolean) => {
    let lo = 0;
    let hi = total;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < value || (strict && sorted[mid] === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const zeros = bound(0, true);
  const positives = total - zeros;
  return {
    percentile(value) {
      if (!(value > 0) || positives === 0) return 0;
      const start = bound(value, false) - zeros;
      const end = bound(value, true) - zeros;
      return (start + (end - start) / 2 + 0.5) / positives;
    },
    among: positives,
  };
}

/** Every node's percentile (0 for nodes outside the ranked set). */
export function percentiles(values: ArrayLike<number>, ranked: ArrayLike<number>, rank = scopeRank(values, ranked)): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) if (ranked[i]) out[i] = rank.percentile(values[i]!);
  return out;
}
