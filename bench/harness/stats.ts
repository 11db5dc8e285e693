/**
 * Order statistics for benchmark figures. A benchmark reports the spread, not only an average:
 * the median resists one slow outlier (a GC pause, a neighbour's build), min and max show it.
 */

export interface Summary {
  count: number;
  min: number;
  median: number;
  max: number;
}

/** min / median / max of the values, or undefined for none (an empty run has no median). */
export function summarise(values: readonly number[]): Summary | undefined {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return undefined;
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: sorted.length, min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/** Items per second; undefined when no time was measured (a rate of Infinity helps nobody). */
export function perSecond(count: number, ms: number): number | undefined {
  return ms > 0 && Number.isFinite(ms) ? count / (ms / 1000) : undefined;
}

/** ours / reference, e.g. 0.25 when ours runs at a quarter of the reference's rate. */
export function ratio(ours: number | undefined, reference: number | undefined): number | undefined {
  if (ours === undefined || reference === undefined || !(reference > 0)) return undefined;
  return ours / reference;
}
