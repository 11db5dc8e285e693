import { tieKindCounts } from '../projection/tie-accumulator.js';
import type { Projection } from '../projection/types.js';
import type { DrawChunk } from './draws.js';
import { isPresent } from './resample.js';
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

/** A fact behind what a node did (a payment, its part in a crossing, a vessel it procured) its rank moves with. */
export interface FactDependency {
  /** What the fact is and its id, e.g. "payment PAY-12". */
  label: string;
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
  /** Node index → the facts of what it did its rank depends on most (resampling by grading only). */
  factsDependedOn: Map<number, FactDependency[]>;
  /** Nodes in the top k in at least 90% of draws, best median rank first. */
  stableCore: number[];
}

/** The ⌈q·D⌉-th of the sorted values. */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

export function summariseDraws(
  projection: Pick<Projection, 'nodes' | 'ties' | 'tieKinds' | 'facts'>,
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
  const groups = sorted[0] && sorted[0].keptFacts.length > 0 ? projection.facts!.keep.length : 0;
  const bytesPerGroupDraw = Math.ceil(groups / 8);
  const keptFacts = new Uint8Array(draws * bytesPerGroupDraw);
  for (const c of sorted) keptFacts.set(c.keptFacts, c.first * bytesPerGroupDraw);
  const rankOf = (node: number, draw: number) => ranks[draw * n + node]!;
  const factKept = (group: number, draw: number) => isPresent(keptFacts, group, draw * bytesPerGroupDraw);
  const keptIn = (tie: number, draw: number) => isPresent(present, tie, draw * bytesPerDraw);

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
  /** The node's median rank in the draws that kept something and in those that did not; undefined when either side is too thin or losing it does not hurt. */
  const compare = (i: number, kept: (draw: number) => boolean) => {
    const withIt: number[] = [];
    const without: number[] = [];
    for (let d = 0; d < draws; d++) (kept(d) ? withIt : without).push(rankOf(i, d));
    if (withIt.length < MIN_SIDE || without.length < MIN_SIDE) return undefined;
    const medianWith = nearestRank(
      withIt.sort((a, b) => a - b),
      0.5,
    );
    const medianWithout = nearestRank(
      without.sort((a, b) => a - b),
      0.5,
    );
    return medianWithout > medianWith ? { keptIn: withIt.length / draws, medianWith, medianWithout } : undefined;
  };
  type Shift = { medianWith: number; medianWithout: number };
  const byShift = (a: Shift, b: Shift) => b.medianWithout - b.medianWith - (a.medianWithout - a.medianWith);

  const dependsOn = new Map<number, Dependency[]>();
  for (const i of chosen) {
    const found: Dependency[] = [];
    for (const t of incident.get(i) ?? []) {
      const shift = compare(i, (d) => keptIn(t, d));
      if (shift) found.push({ other: source[t] === i ? target[t]! : source[t]!, tie: t, kinds: tieKindCounts(projection, t), ...shift });
    }
    found.sort((a, b) => byShift(a, b) || a.tie - b.tie);
    dependsOn.set(i, found.slice(0, DEPENDENCIES_SHOWN));
  }

  const factsDependedOn = new Map<number, FactDependency[]>();
  if (groups > 0) {
    const facts = projection.facts!;
    const groupsOf = new Map<number, Set<number>>();
    for (let f = 0; f < facts.node.length; f++) {
      const node = facts.node[f]!;
      if (chosen.has(node)) (groupsOf.get(node) ?? groupsOf.set(node, new Set()).get(node)!).add(facts.activityGroup[f]!);
    }
    for (const i of chosen) {
      const found: (FactDependency & { group: number })[] = [];
      for (const g of groupsOf.get(i) ?? []) {
        const shift = compare(i, (d) => factKept(g, d));
        if (shift) found.push({ label: facts.label[g]!, group: g, ...shift });
      }
      found.sort((a, b) => byShift(a, b) || a.group - b.group);
      factsDependedOn.set(
        i,
        found.slice(0, DEPENDENCIES_SHOWN).map(({ group: _group, ...fact }) => fact),
      );
    }
  }
  return { spec, median, low, high, inTop, dependsOn, factsDependedOn, stableCore };
}
