import type { AbstractGraph } from 'graphology-types';

import type { PathWeights } from './weights.js';

/**
 * Compressed sparse row (CSR) adjacency of an undirected weighted graph: the one input of the
 * centrality and brokerage kernels. Typed arrays rather than graphology's Maps keep the inner
 * loops of PageRank and Dijkstra free of hashing and allocation.
 *
 * Weights are affinities (tie strength: more contact = closer), checked here once so that no
 * kernel has to: graphology would silently read a missing or non-numeric weight as 1.
 *
 * Each tie u–v (u ≠ v) appears in both adjacency lists; a self-loop appears once, in its own
 * node's list, as networkx's `to_directed()` (and so its PageRank and eigenvector centrality)
 * has it.
 */

export interface Csr {
  n: number;
  /** Node keys, in graph.nodes() order; position = node index. */
  ids: string[];
  index: Map<string, number>;
  /** Node v's ties are targets/weights[offsets[v] .. offsets[v + 1]). Length n + 1. */
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

export function toCsr(graph: AbstractGraph, weightAttribute = 'weight'): Csr {
  if (graph.type !== 'undirected') throw new RangeError(`analytics/csr: the graph must be undirected, not ${graph.type}`);
  if (graph.multi) throw new RangeError('analytics/csr: the graph must not be multi (aggregate parallel relations first)');

  const ids = graph.nodes();
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));

  // One pass over graphology (string keys, Map lookups) into flat edge arrays; the rest is a counting sort.
  const m = graph.size;
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const edgeWeight = new Float64Array(m);
  let i = 0;
  graph.forEachEdge((edge, attributes, source, target) => {
    const weight: unknown = attributes[weightAttribute];
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
      throw new RangeError(
        `analytics/csr: edge ${edge} (${source} – ${target}) has ${weightAttribute} ${typeof weight === 'number' ? weight : JSON.stringify(weight)}; it must be a finite number > 0`,
      );
    }
    edgeSource[i] = index.get(source)!;
    edgeTarget[i] = index.get(target)!;
    edgeWeight[i++] = weight;
  });
  return { n, ids, index, ...adjacency(n, edgeSource, edgeTarget, edgeWeight) };
}

/**
 * The same CSR straight from edge arrays over node indices (a projection's ties), in edge order,
 * as toCsr would build it from a graph holding those nodes and edges in that order: no string
 * keys on the way, which is most of toCsr's time on a million ties.
 */
export function csrFromEdges(ids: string[], source: Int32Array, target: Int32Array, weight: Float64Array): Csr {
  const n = ids.length;
  for (let e = 0; e < source.length; e++) {
    const w = weight[e]!;
    if (!Number.isFinite(w) || w <= 0) throw new RangeError(`analytics/csr: edge ${e} (${ids[source[e]!]} – ${ids[target[e]!]}) has weight ${w}; it must be a finite number > 0`);
    if (!(source[e]! >= 0 && source[e]! < n && target[e]! >= 0 && target[e]! < n)) throw new RangeError(`analytics/csr: edge ${e} names a node outside 0..${n - 1}`);
  }
  // Built when first asked for: a million-key map costs more than the whole adjacency.
  let index: Map<string, number> | undefined;
  return {
    n,
    ids,
    get index() {
      return (index ??= new Map(ids.map((id, i) => [id, i])));
    },
    ...adjacency(n, source, target, weight),
  };
}

function adjacency(n: number, edgeSource: Int32Array, edgeTarget: Int32Array, edgeWeight: Float64Array) {
  const m = edgeSource.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[edgeSource[e]! + 1]!++;
    if (edgeSource[e] !== edgeTarget[e]) offsets[edgeTarget[e]! + 1]!++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;

  const targets = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const next = offsets.slice(0, n);
  for (let e = 0; e < m; e++) {
    const u = edgeSource[e]!;
    const v = edgeTarget[e]!;
    let at = next[u]!++;
    targets[at] = v;
    weights[at] = edgeWeight[e]!;
    if (u !== v) {
      at = next[v]!++;
      targets[at] = u;
      weights[at] = edgeWeight[e]!;
    }
  }
  return { offsets, targets, weights };
}

/** The graph shortest paths run on: the ties as they are (strength: 1 / strength long), or each 1 long (hops). */
export function pathGraph(csr: Csr, weights: PathWeights): Csr {
  return weights === 'hops' ? { ...csr, weights: new Float64Array(csr.weights.length).fill(1) } : csr;
}
