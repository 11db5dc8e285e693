import { UndirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';

import { createRng } from '../../src/shared/rng.js';

export type WeightedEdge = readonly [source: string, target: string, weight: number];

/** An undirected graph with `nodes` added first, in that order (isolated ones included), then the edges. */
export function weightedGraph(edges: readonly WeightedEdge[], nodes: readonly string[] = []): UndirectedGraph {
  const graph = new UndirectedGraph({ allowSelfLoops: true });
  for (const node of nodes) graph.addNode(node);
  for (const [source, target, weight] of edges) {
    graph.mergeNode(source);
    graph.mergeNode(target);
    graph.addEdge(source, target, { weight });
  }
  return graph;
}

export interface CommunityNetworkOptions {
  nodes: number;
  communities: number;
  /** Ties each new person makes to earlier ones: drawn uniformly from [minTies, maxTies]. */
  minTies: number;
  maxTies: number;
  /** Share of ties made outside the person's community. */
  mixing: number;
  /** Tie strengths, drawn uniformly. */
  weights: readonly number[];
  seed: number;
}

export const DEFAULTS: Readonly<CommunityNetworkOptions> = {
  nodes: 5000,
  communities: 25,
  minTies: 2,
  maxTies: 8,
  mixing: 0.05,
  weights: [1, 2, 3, 5],
  seed: 1,
};

/**
 * A seeded planted-partition network with preferential attachment: people join one at a time,
 * each in a community drawn with Zipf weights 1, 1/2, 1/3 … (a few large groups, many small
 * ones), and tie to earlier people chosen in proportion to their degree + 1 (Barabási–Albert),
 * inside their own community except for a `mixing` share. Gives community structure,
 * heavy-tailed degrees and, with minTies 0, isolated people and several components.
 */
export function communityNetwork(options: Partial<CommunityNetworkOptions> = {}): {
  graph: UndirectedGraph;
  community: Int32Array;
} {
  const { nodes, communities, minTies, maxTies, mixing, weights, seed } = { ...DEFAULTS, ...options };
  const rng = createRng(seed);
  const key = (v: number) => `person:P-${String(v).padStart(5, '0')}`;
  const sizes = Array.from({ length: communities }, (_, c) => [c, 1 / (c + 1)] as const);
  const community = Int32Array.from({ length: nodes }, () => rng.weighted(sizes));
  // Each person appears once per tie plus once, so a pick from a pool is proportional to degree + 1.
  const everyone: number[] = [];
  const pools: number[][] = Array.from({ length: communities }, () => []);
  const edges: WeightedEdge[] = [];
  const tied = new Set<string>();

  for (let v = 0; v < nodes; v++) {
    const own = pools[community[v]!]!;
    const ties = Math.min(rng.int(minTies, maxTies), v);
    for (let t = 0, attempts = 0; t < ties && attempts < 10 * ties; attempts++) {
      const pool = own.length > 0 && !rng.chance(mixing) ? own : everyone;
      const u = rng.pick(pool);
      const pair = `${u} ${v}`;
      if (u === v || tied.has(pair)) continue;
      tied.add(pair);
      edges.push([key(u), key(v), rng.pick(weights)]);
      everyone.push(u, v);
      pools[community[u]!]!.push(u);
      own.push(v);
      t++;
    }
    everyone.push(v);
    own.push(v);
  }
  return {
    graph: weightedGraph(
      edges,
      Array.from({ length: nodes }, (_, v) => key(v)),
    ),
    community,
  };
}

/** Whether `members` are connected within the subgraph they induce (a breadth-first search). */
export function isConnected(graph: AbstractGraph, members: readonly string[]): boolean {
  const inside = new Set(members);
  const seen = new Set([members[0]]);
  const queue = [members[0] as string];
  while (queue.length > 0) {
    for (const neighbor of graph.neighbors(queue.shift() as string)) {
      if (inside.has(neighbor) && !seen.has(neighbor)) {
        seen.add(neighbor);
        queue.push(neighbor);
      }
    }
  }
  return seen.size === inside.size;
}
