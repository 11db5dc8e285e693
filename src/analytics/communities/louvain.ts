/**
 * Community detection: Louvain modularity optimisation (Blondel, Guillaume, Lambiotte & Lefebvre
 * 2008, "Fast unfolding of communities in large networks") through graphology-communities-louvain,
 * followed by splitting any community left internally disconnected (Traag, Waltman & van Eck 2019;
 * see split-disconnected.ts). Every reported community is therefore connected.
 *
 * Weights are tie strengths (`weight` > 0 on every edge): modularity counts the strength of the
 * ties kept inside communities against what the members' total strengths would give at random.
 * The resolution γ (Reichardt & Bornholdt 2006) trades size for count: higher γ, smaller groups.
 *
 * Determinism. graphology's Louvain visits nodes in the graph's insertion order, builds adjacency
 * in edge insertion order and breaks ties between equal gains by community index, so the same
 * people inserted in another order can come out grouped differently. It therefore runs on a graph
 * whose nodes and edges are inserted in sorted key order: the result depends only on the graph's
 * content, `resolution` and `seed`.
 *
 * Speed. On a million ties, building a graphology graph keyed by people's keys, and walking it
 * again to split and score the partition, took longer than Louvain itself. The engine's path
 * (`detectCommunitiesCsr`) therefore hands the library a graph whose keys are node indices
 * ("0", "1", …: V8 stores objects keyed by them as arrays) inserted in the same canonical order,
 * so the library's result is the same, and does the rest on typed arrays. The seed only picks where each pass starts in that order (the
 * library's `randomWalk` rotates the traversal; it does not shuffle it), so seeds give a limited
 * variety of runs; different seeds may or may not give different partitions.
 */
import louvainModule from 'graphology-communities-louvain';
import type { AbstractGraph } from 'graphology-types';

import { createRng } from '../../shared/rng.js';
import { type Csr, csrFromEdges } from '../csr.js';
import { csrGraphView } from './csr-graph-view.js';
import { csrModularity, tieWeight } from './modularity.js';
import { splitLabels } from './split-disconnected.js';

// The package is CommonJS (`module.exports = fn`) but its typings declare `export default`;
// under NodeNext the default import is module.exports, i.e. the function itself.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export interface CommunityOptions {
  /** γ in Q = Σ_c [L_c/m − γ (d_c/2m)²]; 1 is classic modularity. */
  resolution: number;
  /** Seeds the traversal order (see above); same seed and graph, same partition. */
  seed: number;
}

export const DEFAULTS: Readonly<CommunityOptions> = { resolution: 1, seed: 1 };

export interface Communities {
  /** Members sorted; communities by size, largest first, then by smallest member. */
  communities: string[][];
  /** Node key → index into `communities`. */
  assignment: Record<string, number>;
  /** Of the reported (split) partition, weighted, with the resolution; 0 for a graph with no edges. */
  modularity: number;
  /** How many communities the split added to Louvain's own partition. */
  splits: number;
}

export interface CsrCommunities extends Omit<Communities, 'assignment'> {
  /** Node index → index into `communities`. */
  membership: Int32Array;
  /** `communities` as node indices, ascending. */
  members: Int32Array[];
}

/** Communities of a graphology graph (any insertion order, any keys). */
export function detectCommunities(graph: AbstractGraph, options: Partial<CommunityOptions> = {}): Communities {
  if (graph.directedSize > 0 || graph.multi) {
    throw new RangeError('analytics/louvain: graph must be simple and undirected');
  }
  const ids = graph.nodes().sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const source = new Int32Array(graph.size);
  const target = new Int32Array(graph.size);
  const weight = new Float64Array(graph.size);
  let e = 0;
  graph.forEachEdge((_edge, attributes, u, v) => {
    weight[e] = tieWeight('louvain', attributes.weight, u, v);
    source[e] = index.get(u)!;
    target[e++] = index.get(v)!;
  });
  const { membership: _membership, members: _members, ...found } = detectCommunitiesCsr(csrFromEdges(ids, source, target, weight), options);
  return {
    ...found,
    assignment: Object.fromEntries(found.communities.flatMap((members, c) => members.map((node) => [node, c]))),
  };
}

/**
 * Communities of a CSR whose nodes are in sorted key order (the engine's projections are; the
 * order is what makes the result independent of how the data was read). Ties may be listed in
 * any order.
 */
export function detectCommunitiesCsr(csr: Csr, options: Partial<CommunityOptions> = {}): CsrCommunities {
  const { resolution, seed } = { ...DEFAULTS, ...options };
  if (!Number.isFinite(resolution) || resolution < 0) {
    throw new RangeError('analytics/louvain: resolution must be a finite number ≥ 0');
  }
  const rng = createRng(seed);
  const { n, ids } = csr;
  for (let v = 1; v < n; v++) {
    if (!(ids[v - 1]! < ids[v]!)) throw new RangeError('analytics/louvain: the nodes must be in sorted key order, without repeats');
  }

  return partitionFromLabels(
    csr,
    louvainLabels(csr, resolution, () => rng.next()),
    resolution,
  );
}

/**
 * A Louvain partition (labels 0…k−1 per node, any order) as the engine reports communities:
 * disconnected communities split, then sorted by size and smallest member, with the modularity
 * of the result. The GDS engine's Louvain labels take the same way (analysis/gds/).
 */
export function partitionFromLabels(csr: Csr, labels: Int32Array, resolution: number): CsrCommunities {
  const { n, ids } = csr;
  let louvainCount = 0;
  for (let v = 0; v < n; v++) louvainCount = Math.max(louvainCount, labels[v]! + 1);
  const parts = splitLabels(csr, labels).sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const membership = new Int32Array(n);
  parts.forEach((members, c) => {
    for (const v of members) membership[v] = c;
  });
  return {
    communities: parts.map((members) => Array.from(members, (v) => ids[v]!)),
    membership,
    members: parts,
    modularity: csrModularity(csr, membership, resolution),
    splits: parts.length - louvainCount,
  };
}

/**
 * graphology's Louvain over the CSR, through a read-only view of it (csr-graph-view.ts): nodes in
 * index order, each tie u–v (u ≤ v) once, by u and then v, as the canonical copy of the same graph
 * would insert them. Returns each node's label, numbered from 0 in order of first appearance.
 */
function louvainLabels(csr: Csr, resolution: number, rng: () => number): Int32Array {
  const { n } = csr;
  const labels = new Int32Array(n);
  const { graph, edgeWeight } = csrGraphView(csr);
  if (graph.size === 0) {
    for (let v = 0; v < n; v++) labels[v] = v;
    return labels;
  }
  const found = louvain(graph as unknown as AbstractGraph, { resolution, rng, getEdgeWeight: (edge) => edgeWeight(edge as unknown as number) }) as unknown as ArrayLike<number>;
  const renumber = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const label = found[v]!;
    let c = renumber.get(label);
    if (c === undefined) renumber.set(label, (c = renumber.size));
    labels[v] = c;
  }
  return labels;
}
