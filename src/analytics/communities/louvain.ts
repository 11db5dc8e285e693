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
 * people inserted in another order can come out grouped differently. It therefore runs on a copy
 * whose nodes and edges are inserted in sorted key order: the result depends only on the graph's
 * content, `resolution` and `seed`. The seed only picks where each pass starts in that order (the
 * library's `randomWalk` rotates the traversal; it does not shuffle it), so seeds give a limited
 * variety of runs; different seeds may or may not give different partitions.
 */
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import louvainModule from 'graphology-communities-louvain';

import { createRng } from '../../shared/rng.js';
import { modularity, tieWeight } from './modularity.js';
import { splitDisconnected } from './split-disconnected.js';

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

export function detectCommunities(graph: AbstractGraph, options: Partial<CommunityOptions> = {}): Communities {
  const { resolution, seed } = { ...DEFAULTS, ...options };
  if (!Number.isFinite(resolution) || resolution < 0) {
    throw new RangeError('analytics/louvain: resolution must be a finite number ≥ 0');
  }
  if (graph.directedSize > 0 || graph.multi) {
    throw new RangeError('analytics/louvain: graph must be simple and undirected');
  }
  const rng = createRng(seed);
  const canonical = isCanonical(graph) ? graph : canonicalCopy(graph);

  const labels = louvain.detailed(canonical, {
    resolution,
    rng: () => rng.next(),
    getEdgeWeight: 'weight',
  }).communities;
  const byLabel = new Map<number, string[]>();
  canonical.forEachNode((node) => {
    const label = labels[node] as number;
    const members = byLabel.get(label);
    if (members) members.push(node);
    else byLabel.set(label, [node]);
  });

  const communities = splitDisconnected(canonical, [...byLabel.values()]).sort(
    (a, b) => b.length - a.length || ((a[0] as string) < (b[0] as string) ? -1 : 1),
  );
  return {
    communities,
    assignment: Object.fromEntries(communities.flatMap((members, index) => members.map((node) => [node, index]))),
    modularity: modularity(canonical, communities, { resolution }),
    splits: communities.length - byLabel.size,
  };
}

/**
 * Whether nodes and edges are already in sorted key order (the engine's projections are), so
 * the copy, a sort and a rebuild of every edge, can be skipped: one pass instead.
 */
function isCanonical(graph: AbstractGraph): boolean {
  let previous: string | undefined;
  for (const node of graph.nodeEntries()) {
    if (previous !== undefined && !(previous < node.node)) return false;
    previous = node.node;
  }
  let lastSource = '';
  let lastTarget = '';
  let ordered = true;
  graph.someEdge((_edge, attributes, source, target) => {
    tieWeight('louvain', attributes.weight, source, target);
    if (target < source || source < lastSource || (source === lastSource && target <= lastTarget)) ordered = false;
    lastSource = source;
    lastTarget = target;
    return !ordered;
  });
  return ordered;
}

/** The same nodes and weights, inserted in sorted order (and without other attributes). */
function canonicalCopy(graph: AbstractGraph): UndirectedGraph {
  const copy = new UndirectedGraph({ allowSelfLoops: true });
  for (const node of [...graph.nodes()].sort()) copy.addNode(node);
  const edges = graph.mapEdges((_edge, attributes, source, target) => {
    const weight = tieWeight('louvain', attributes.weight, source, target);
    return source < target ? ([source, target, weight] as const) : ([target, source, weight] as const);
  });
  edges.sort(([s1, t1], [s2, t2]) => (s1 < s2 ? -1 : s1 > s2 ? 1 : t1 < t2 ? -1 : t1 > t2 ? 1 : 0));
  for (const [source, target, weight] of edges) copy.addEdge(source, target, { weight });
  return copy;
}
