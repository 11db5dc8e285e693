import type { Projection } from '../projection/types.js';
import type { DrawChunk } from './draws.js';
import type { ConfidenceSpec } from './spec.js';

/**
 * What the draws say about each ranked node (docs/analytics.md "Rank confidence"): its median
 * rank, the interval 90% of draws fall in, how often it is in the top k, and the ties its rank
 * moves with most: a tie kept in some draws and not in others is a natural experiment, and the
 * difference between the node's median rank without it and with it is what the tie is worth to
 * its position. Quantiles are nearest-rank: the q-quantile of D sorted ranks is the
 * ⌈q·D⌉-th.
 */

/** The nodes (best median rank first) whose dependencies are worked out. */
export const DEPENDENCIES_FOR = 100;
/** Ties listed per node. */
export const DEPENDENCIES_SHOWN = 3;
/** Draws needed on each side (tie kept, tie not kept) before a difference is reported. */
export const MIN_SIDE = 3;

export interface Dependency {
  /** The node at the tie's other end. */
  other: number;
  tie: number;
  /** What the tie is made of: relations per kind. */
  kinds: Record<string, number>;
  /** Share of draws the tie was kept in. */
  keptIn: number;
  medianWith: number;
  medianWithout: number;
}

export interface RankConfidence {
  spec: ConfidenceSpec & { sourcesPerDraw: number };
  /** Per node (0 where not ranked). */
  median: Int32Array;
  low: Int32Array;
  high: Int32Array;
  /** Share of draws in the top k, per node. */
  inTop: Float64Array;
  /** Node index → the ties its rank depends on most (the best DEPENDENCIES_FOR nodes by median rank). */
  dependsOn: Map<number, Dependency[]>;
  /** Nodes in the top k in at least 90% of draws, best median rank first. */
  stableCore: number[];
}

/** The ⌈q·D⌉-th of the sorted values. */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

export function summariseDraws(
  projection: Pick<Projection, 'nodes' | 'ties' | 'tieKinds'>,
  ranked: Uint8Array,
  chunks: readonly DrawChunk[],
  spec: RankConfidence['spec'],
): RankConfidence {
  const n = projection.nodes.length;
  const sorted = [...chunks].sort((a, b) => a.first - b.first);
  const draws = sorted.reduce((sum, c) => sum + c.count, 0);
  const bytesPerDraw = Math.ceil(projection.ties.source.length / 8);
  const ranks = new Int32Array(draws * n);
  const present = new Uint8Array(draws * bytesPerDraw);
  for (const c of sorted) {
    ranks.set(c.ranks, c.first * n);
    present.set(c.present, c.first * bytesPerDraw);
  }
  const rankOf = (node: number, draw: number) => ranks[draw * n + node]!;
  const keptIn = (tie: number, draw: number) => (present[draw * bytesPerDraw + (tie >> 3)]! & (1 << (tie & 7))) !== 0;

  const median = new Int32Array(n);
  const low = new Int32Array(n);
  const high = new Int32Array(n);
  const inTop = new Float64Array(n);
  const values = new Int32Array(draws);
  for (let i = 0; i < n; i++) {
    if (!ranked[i]) continue;
    let top = 0;
    for (let d = 0; d < draws; d++) {
      values[d] = rankOf(i, d);
      if (values[d]! <= spec.top) top++;
    }
    values.sort();
    median[i] = nearestRank(values, 0.5);
    low[i] = nearestRank(values, 0.05);
    high[i] = nearestRank(values, 0.95);
    inTop[i] = top / draws;
  }

  const byMedian = Array.from({ length: n }, (_, i) => i)
    .filter((i) => ranked[i] === 1)
    .sort((a, b) => median[a]! - median[b]! || inTop[b]! - inTop[a]! || a - b);
  const stableCore = byMedian.filter((i) => inTop[i]! >= 0.9);

  const { source, target } = projection.ties;
  const incident = new Map<number, number[]>();
  const chosen = new Set(byMedian.slice(0, DEPENDENCIES_FOR));
  for (let t = 0; t < source.length; t++) {
    if (source[t] === target[t]) continue;
    for (const end of [source[t]!, target[t]!]) if (chosen.has(end)) (incident.get(end) ?? incident.set(end, []).get(end)!).push(t);
  }
  const dependsOn = new Map<number, Dependency[]>();
  const withTie: number[] = [];
  const withoutTie: number[] = [];
  for (const i of chosen) {
    const found: Dependency[] = [];
    for (const t of incident.get(i) ?? []) {
      withTie.length = withoutTie.length = 0;
      for (let d = 0; d < draws; d++) (keptIn(t, d) ? withTie : withoutTie).push(rankOf(i, d));
      if (withTie.length < MIN_SIDE || withoutTie.length < MIN_SIDE) continue;
      const medianWith = nearestRank(
        withTie.sort((a, b) => a - b),
        0.5,
      );
      const medianWithout = nearestRank(
        withoutTie.sort((a, b) => a - b),
        0.5,
      );
      if (medianWithout <= medianWith) continue;
      found.push({ other: source[t] === i ? target[t]! : source[t]!, tie: t, kinds: kindsOf(projection, t), keptIn: withTie.length / draws, medianWith, medianWithout });
    }
    found.sort((a, b) => b.medianWithout - b.medianWith - (a.medianWithout - a.medianWith) || a.tie - b.tie);
    dependsOn.set(i, found.slice(0, DEPENDENCIES_SHOWN));
  }
  return { spec, median, low, high, inTop, dependsOn, stableCore };
}

function kindsOf({ ties, tieKinds }: Pick<Projection, 'ties' | 'tieKinds'>, t: number): Record<string, number> {
  const K = tieKinds.length;
  const kinds: Record<string, number> = {};
  for (let k = 0; k < K; k++) if (ties.kindCount[t * K + k]! > 0) kinds[tieKinds[k]!] = ties.kindCount[t * K + k]!;
  return kinds;
}
