import type { LinkGraph } from './graph.js';

/**
 * The link-prediction indices, over the link graph's plain adjacency (Liben-Nowell & Kleinberg
 * 2007, "The link-prediction problem for social networks"):
 *
 *   Adamic–Adar (Adamic & Adar 2003):        Σ over shared neighbours w of 1 / ln(deg w)
 *   resource allocation (Zhou et al. 2009):  Σ over shared neighbours w of 1 / deg w
 *   Katz (Katz 1953), truncated:             Σ for ℓ = 1 … ℓmax of β^ℓ · (walks of length ℓ from u to v)
 *
 * The first two are networkx's `adamic_adar_index` and `resource_allocation_index` on the same
 * graph (distinct neighbours, no weights), so they can be compared exactly. A shared contact who
 * knows few people says more than a hub: both divide by the contact's degree.
 *
 * Katz counts the longer ways round too (a contact of a contact of a contact), which is what
 * helps on sparse covert networks where two members often share no direct contact. The series is
 * cut at ℓmax = 4 (KATZ_MAX_LENGTH) and β is below 1/λmax (λmax: the adjacency's largest
 * eigenvalue), 0.5/λmax at most 0.05: each walk length then weighs at most half what the one
 * before did in total, so what the cut leaves out is at most (βλmax)^4 ≈ 6% of the untruncated
 * index and the ranking is the converging series' in all but near-ties.
 */

export const LINK_INDICES = ['katz', 'adamicAdar', 'resourceAllocation'] as const;
export type LinkIndex = (typeof LINK_INDICES)[number];

/** How far each index reaches: two hops for the shared-neighbour ones, ℓmax for Katz. */
export const KATZ_MAX_LENGTH = 4;
export const KATZ_BETA_CAP = 0.05;

export interface IndexOptions {
  index: LinkIndex;
  /** Katz only: the attenuation β (left out: katzBeta(graph)). */
  beta: number;
  maxLength: number;
}

/** The adjacency's largest eigenvalue, by power iteration (the graph is undirected: it converges to λmax). */
export function largestEigenvalue(graph: LinkGraph, iterations = 100): number {
  const { n, offsets, targets } = graph.csr;
  if (n === 0 || targets.length === 0) return 0;
  let x = new Float64Array(n).fill(1 / Math.sqrt(n));
  let lambda = 0;
  for (let k = 0; k < iterations; k++) {
    // A + I shifts the spectrum so that a bipartite graph's −λmax cannot make it oscillate.
    const y = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      let sum = x[v]!;
      for (let i = offsets[v]!; i < offsets[v + 1]!; i++) sum += x[targets[i]!]!;
      y[v] = sum;
    }
    let norm = 0;
    for (let v = 0; v < n; v++) norm += y[v]! * y[v]!;
    norm = Math.sqrt(norm);
    const next = norm - 1;
    for (let v = 0; v < n; v++) y[v]! /= norm;
    x = y;
    if (Math.abs(next - lambda) < 1e-9 * Math.max(1, next)) return next;
    lambda = next;
  }
  return lambda;
}

export function katzBeta(graph: LinkGraph): number {
  const lambda = largestEigenvalue(graph);
  return lambda > 0 ? Math.min(KATZ_BETA_CAP, 0.5 / lambda) : KATZ_BETA_CAP;
}

/** What a shared neighbour w adds: 1 / ln(deg w) or 1 / deg w (deg ≥ 2: w knows both ends). */
export function sharedWeight(index: 'adamicAdar' | 'resourceAllocation', degree: number): number {
  return index === 'adamicAdar' ? 1 / Math.log(degree) : 1 / degree;
}

/**
 * Scores from one source to every node its index reaches, in reused arrays: `score[v]` for the
 * `count` nodes in `reached` (v ≠ source; tied ones included, the caller leaves them out).
 */
export class SourceScorer {
  readonly score: Float64Array;
  readonly reached: Int32Array;
  count = 0;
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly walks: [Float64Array, Float64Array];
  private readonly lists: [Int32Array, Int32Array];
  private readonly listSeen: Int32Array;

  constructor(
    private readonly graph: LinkGraph,
    private readonly options: IndexOptions,
  ) {
    const { n } = graph.csr;
    this.score = new Float64Array(n);
    this.reached = new Int32Array(n);
    this.seen = new Int32Array(n);
    this.walks = [new Float64Array(n), new Float64Array(n)];
    this.lists = [new Int32Array(n), new Int32Array(n)];
    this.listSeen = new Int32Array(n);
  }

  private add(v: number, amount: number): void {
    if (this.seen[v] !== this.stamp) {
      this.seen[v] = this.stamp;
      this.score[v] = 0;
      this.reached[this.count++] = v;
    }
    this.score[v]! += amount;
  }

  from(u: number): void {
    this.stamp++;
    this.count = 0;
    if (this.options.index === 'katz') this.katz(u);
    else this.shared(u, this.options.index);
  }

  private shared(u: number, index: 'adamicAdar' | 'resourceAllocation'): void {
    const { offsets, targets } = this.graph.csr;
    for (let i = offsets[u]!; i < offsets[u + 1]!; i++) {
      const w = targets[i]!;
      const degree = this.graph.degree[w]!;
      if (degree < 2) continue;
      const amount = sharedWeight(index, degree);
      for (let j = offsets[w]!; j < offsets[w + 1]!; j++) if (targets[j] !== u) this.add(targets[j]!, amount);
    }
  }

  /** Walk counts from u, one length at a time (x_ℓ = A x_ℓ−1), each weighed β^ℓ into the score. */
  private katz(u: number): void {
    const { offsets, targets } = this.graph.csr;
    const { beta, maxLength } = this.options;
    let [current, next] = this.walks;
    let [currentList, nextList] = this.lists;
    current[u] = 1;
    currentList[0] = u;
    let currentCount = 1;
    let weight = 1;
    let listStamp = this.stamp * (maxLength + 1);
    for (let length = 1; length <= maxLength; length++) {
      weight *= beta;
      listStamp++;
      let nextCount = 0;
      for (let k = 0; k < currentCount; k++) {
        const w = currentList[k]!;
        const walks = current[w]!;
        for (let i = offsets[w]!; i < offsets[w + 1]!; i++) {
          const v = targets[i]!;
          if (this.listSeen[v] !== listStamp) {
            this.listSeen[v] = listStamp;
            next[v] = 0;
            nextList[nextCount++] = v;
          }
          next[v]! += walks;
        }
      }
      for (let k = 0; k < nextCount; k++) {
        const v = nextList[k]!;
        if (v !== u) this.add(v, weight * next[v]!);
      }
      [current, next] = [next, current];
      [currentList, nextList] = [nextList, currentList];
      currentCount = nextCount;
    }
  }
}

/** Walks of each length 1 … maxLength between u and v ([0] unused), met in the middle: two short searches, not one long one. */
export function walkCounts(graph: LinkGraph, u: number, v: number, maxLength: number): number[] {
  const half = Math.ceil(maxLength / 2);
  const from = walksFrom(graph, u, half);
  const to = walksFrom(graph, v, half);
  const counts = [0];
  for (let length = 1; length <= maxLength; length++) {
    const i = Math.ceil(length / 2);
    const [a, b] = [from[i]!, to[length - i]!];
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let sum = 0;
    for (const [w, walks] of small) sum += walks * (large.get(w) ?? 0);
    counts.push(sum);
  }
  return counts;
}

function walksFrom(graph: LinkGraph, u: number, steps: number): Map<number, number>[] {
  const { offsets, targets } = graph.csr;
  const out = [new Map([[u, 1]])];
  for (let s = 1; s <= steps; s++) {
    const next = new Map<number, number>();
    for (const [w, walks] of out[s - 1]!) for (let i = offsets[w]!; i < offsets[w + 1]!; i++) next.set(targets[i]!, (next.get(targets[i]!) ?? 0) + walks);
    out.push(next);
  }
  return out;
}

/** The shared neighbours of u and v (not u or v themselves), in u's adjacency order. */
export function sharedNeighbours(graph: LinkGraph, u: number, v: number): number[] {
  const { offsets, targets } = graph.csr;
  const ofV = new Set<number>();
  for (let i = offsets[v]!; i < offsets[v + 1]!; i++) ofV.add(targets[i]!);
  const shared: number[] = [];
  for (let i = offsets[u]!; i < offsets[u + 1]!; i++) {
    const w = targets[i]!;
    if (w !== u && w !== v && ofV.has(w)) shared.push(w);
  }
  return shared;
}

/** One pair's index (tied or not): what the per-source scan gives for it, computed alone. */
export function pairScore(graph: LinkGraph, u: number, v: number, options: IndexOptions): number {
  if (options.index === 'katz') {
    const counts = walkCounts(graph, u, v, options.maxLength);
    let score = 0;
    for (let length = options.maxLength; length >= 1; length--) score = (score + counts[length]!) * options.beta;
    return score;
  }
  let score = 0;
  for (const w of sharedNeighbours(graph, u, v)) score += sharedWeight(options.index, graph.degree[w]!);
  return score;
}
