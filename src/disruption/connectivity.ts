import { cutPieces } from '../analytics/brokerage/cut-pieces.js';
import { labelComponents } from '../analytics/communities/split-disconnected.js';
import type { Csr } from '../analytics/csr.js';

/**
 * What holds a network together once some of its nodes are gone: connected components over the
 * nodes left, Borgatti's fragmentation, and, for every node left, what removing it next would
 * do (the greedy key-player step). Ties carry no weight here: a tie of any strength connects.
 */

export type Adjacency = Pick<Csr, 'n' | 'offsets' | 'targets'>;

export interface Components {
  /** Node → component index, −1 for a removed node. */
  component: Int32Array;
  /** Component sizes, by component index (in order of each component's smallest node). */
  sizes: number[];
  /** Nodes left. */
  alive: number;
  largest: number;
}

export function components(graph: Adjacency, removed: Uint8Array): Components {
  const labels = new Int32Array(graph.n);
  for (let v = 0; v < graph.n; v++) labels[v] = removed[v] ? -1 : 0;
  const { component, sizes } = labelComponents(graph, labels);
  let alive = 0;
  let largest = 0;
  for (const size of sizes) {
    alive += size;
    if (size > largest) largest = size;
  }
  return { component, sizes, alive, largest };
}

/** Σ s(s − 1) over component sizes: ordered pairs of nodes that can still reach each other. */
export function reachablePairs(sizes: readonly number[]): number {
  let pairs = 0;
  for (const s of sizes) pairs += s * (s - 1);
  return pairs;
}

/**
 * Borgatti's (2006) fragmentation of the nodes left: F = 1 − Σ s(s − 1) / (n(n − 1)), the
 * share of ordered pairs that can no longer reach each other; 0 for one component, 1 when no
 * two nodes are connected (and for fewer than two nodes left).
 */
export function fragmentation(pairs: number, alive: number): number {
  return alive < 2 ? 1 : 1 - pairs / (alive * (alive - 1));
}

/**
 * For every node left, the reachable pairs (Σ s(s − 1)) after removing it as well, from one
 * depth-first search over the nodes left (cut-pieces.ts): removing v leaves one piece per child
 * subtree with no back edge above v, plus the rest of v's component, and a node that cuts
 * nothing just makes its component one smaller. Removed nodes get NaN. This evaluates
 * every candidate of a greedy fragmentation step exactly in linear time, instead of one
 * component count per candidate.
 */
export function pairsAfterRemoving(graph: Adjacency, removed: Uint8Array): { now: number; after: Float64Array } {
  const { n } = graph;
  const { cutSize, cutPairs, componentSize, isRoot } = cutPieces(graph, removed);
  let now = 0;
  for (let v = 0; v < n; v++) if (isRoot[v]) now += componentSize[v]! * (componentSize[v]! - 1);
  const after = new Float64Array(n).fill(Number.NaN);
  for (let v = 0; v < n; v++) {
    if (removed[v]) continue;
    const c = componentSize[v]!;
    // For a search's root every child subtree is cut off; for anyone else the rest of the component stays together.
    const rest = isRoot[v] ? 0 : c - 1 - cutSize[v]!;
    after[v] = now - c * (c - 1) + cutPairs[v]! + rest * (rest - 1);
  }
  return { now, after };
}

/**
 * Borgatti's distance-weighted fragmentation of the nodes left: DF = 1 − Σ_{i≠j} (1/d_ij) /
 * (n(n − 1)), d in hops (1/∞ = 0), so a network that stays connected through long detours counts
 * as partly broken. Exact from every node left, or, given `sources`, the mean over those that are
 * left (an estimate: Σ_j 1/d_sj / (n − 1) per source).
 */
export function distanceFragmentation(graph: Adjacency, removed: Uint8Array, sources?: ArrayLike<number>): number {
  const { n, offsets, targets } = graph;
  let alive = 0;
  for (let v = 0; v < n; v++) if (!removed[v]) alive++;
  if (alive < 2) return 1;
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let sum = 0;
  let used = 0;
  const from = (s: number): void => {
    dist[s] = 0;
    let size = 0;
    queue[size++] = s;
    for (let head = 0; head < size; head++) {
      const v = queue[head]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        if (removed[w] || dist[w] !== -1) continue;
        dist[w] = dist[v]! + 1;
        sum += 1 / dist[w]!;
        queue[size++] = w;
      }
    }
    for (let i = 0; i < size; i++) dist[queue[i]!] = -1;
    used++;
  };
  if (sources) {
    for (let i = 0; i < sources.length; i++) if (!removed[sources[i]!]) from(sources[i]!);
  } else {
    for (let s = 0; s < n; s++) if (!removed[s]) from(s);
  }
  return used === 0 ? 1 : 1 - sum / (used * (alive - 1));
}

/** The same graph without the removed nodes' ties (indices unchanged; removed nodes are isolated). */
export function withoutNodes(graph: Csr, removed: Uint8Array): Csr {
  const { n, offsets, targets, weights } = graph;
  const keptOffsets = new Int32Array(n + 1);
  const keptTargets = new Int32Array(targets.length);
  const keptWeights = new Float64Array(targets.length);
  let at = 0;
  for (let v = 0; v < n; v++) {
    keptOffsets[v] = at;
    if (removed[v]) continue;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      if (removed[targets[e]!]) continue;
      keptTargets[at] = targets[e]!;
      keptWeights[at++] = weights[e]!;
    }
  }
  keptOffsets[n] = at;
  return {
    n,
    ids: graph.ids,
    get index() {
      return graph.index;
    },
    offsets: keptOffsets,
    targets: keptTargets.slice(0, at),
    weights: keptWeights.slice(0, at),
  };
}
