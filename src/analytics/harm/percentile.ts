/**
 * Percentile ranks within the scope, the normaliser of every harm component: among the ranked
 * nodes that did any of it (value > 0), the share at or below a value, ties counted half (the
 * mid-rank definition) and the value itself counted whole, so the top of 200 scores 1 and the
 * lowest 1/200. Zero stays zero, and the many who did none of it (migrants, mostly) do not lift
 * everyone who did a little into the top decile, which would leave nothing to tell a recruiter
 * with one crossing from an organiser with forty.
 */
export function percentiles(values: ArrayLike<number>, ranked: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (ranked[i] && values[i]! > 0) order.push(i);
  const total = order.length;
  if (total === 0) return out;
  order.sort((a, b) => values[a]! - values[b]!);
  for (let start = 0; start < total; ) {
    let end = start;
    const value = values[order[start]!]!;
    while (end < total && values[order[end]!]! === value) end++;
    const share = (start + (end - start) / 2 + 0.5) / total;
    for (let k = start; k < end; k++) out[order[k]!] = share;
    start = end;
  }
  return out;
}

/**
 * "Top x%" as an analyst reads it: the share of ranked nodes at or above a value, rounded up to
 * a whole percent (at least 1), so the single highest of 200 is "top 1%". Sorted once, then a
 * binary search per question.
 */
export function topPercentOf(values: ArrayLike<number>, ranked: ArrayLike<number>): (value: number) => number {
  const sorted: number[] = [];
  for (let i = 0; i < values.length; i++) if (ranked[i]) sorted.push(values[i]!);
  sorted.sort((a, b) => a - b);
  const total = sorted.length;
  return (value) => {
    if (total === 0) return 100;
    let lo = 0;
    let hi = total;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(1, Math.ceil((100 * (total - lo)) / total));
  };
}
