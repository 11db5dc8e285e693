/**
 * Weighted modularity of a partition, with a resolution parameter (Newman & Girvan 2004;
 * Reichardt & Bornholdt 2006 for the resolution γ):
 *
 *   Q = Σ_c [ L_c / m − γ (d_c / 2m)² ]
 *
 * where m is the total tie strength, L_c the strength of the ties inside community c and d_c
 * the summed weighted degree of its members. A self-loop of weight w counts w in m and L_c and
 * 2w in its node's degree, as in networkx's `community.modularity`, which the tests compare
 * against. Weights are tie strengths: a strong tie inside a community counts for more.
 *
 * The sum itself is graphology-metrics' sparse modularity, which takes γ and a node → community
 * getter. What this wrapper adds: the partition is checked (every node exactly once), a weight
 * that is not a positive number is an error instead of silently counting as 1, and a graph with
 * no ties has modularity 0 (networkx divides by zero there; graphology-metrics throws).
 */
import metricsModularity from 'graphology-metrics/graph/modularity.js';
import type { AbstractGraph } from 'graphology-types';

import type { Csr } from '../csr.js';

// The package is CommonJS (`module.exports = fn`) but its typings declare `export default`;
// under NodeNext the default import is module.exports, i.e. the function itself.
const sparseModularity = metricsModularity as unknown as typeof metricsModularity.default;

export interface ModularityOptions {
  /** γ: above 1 favours smaller communities, below 1 larger ones. */
  resolution: number;
}

export const DEFAULTS: Readonly<ModularityOptions> = { resolution: 1 };

/** A tie strength, or a RangeError naming `module` when it is not a positive finite number. */
export function tieWeight(module: string, weight: unknown, source: string, target: string): number {
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
    throw new RangeError(`analytics/${module}: edge ${source}–${target} has weight ${String(weight)}, expected a number > 0`);
  }
  return weight;
}

export function modularity(graph: AbstractGraph, communities: readonly (readonly string[])[], options: Partial<ModularityOptions> = {}): number {
  const { resolution } = { ...DEFAULTS, ...options };
  if (!Number.isFinite(resolution) || resolution < 0) {
    throw new RangeError('analytics/modularity: resolution must be a finite number ≥ 0');
  }
  if (graph.directedSize > 0 || graph.multi) {
    throw new RangeError('analytics/modularity: graph must be simple and undirected');
  }

  const communityOf = new Map<string, number>();
  communities.forEach((members, index) => {
    for (const node of members) {
      if (!graph.hasNode(node)) throw new RangeError(`analytics/modularity: ${node} is not in the graph`);
      if (communityOf.has(node)) throw new RangeError(`analytics/modularity: ${node} is in two communities`);
      communityOf.set(node, index);
    }
  });
  if (communityOf.size !== graph.order) {
    throw new RangeError('analytics/modularity: every node must be in a community');
  }
  if (graph.size === 0) return 0;

  return sparseModularity(graph, {
    resolution,
    getNodeCommunity: (node) => communityOf.get(node) as number,
    getEdgeWeight: (_edge, attributes, source, target) => tieWeight('modularity', attributes.weight, source, target),
  });
}

/**
 * The same Q over a CSR and a membership array (node index → community), for the engine's
 * million-tie graphs: two passes over typed arrays instead of graphology's edge callbacks. The CSR
 * holds each tie u–v in both lists and a self-loop once, so m is half of the listed strength plus
 * half of the self-loops, and a self-loop adds its weight twice to its node's degree.
 */
export function csrModularity(csr: Pick<Csr, 'n' | 'offsets' | 'targets' | 'weights'>, membership: Int32Array, resolution = DEFAULTS.resolution): number {
  const { n, offsets, targets, weights } = csr;
  let communities = 0;
  for (let v = 0; v < n; v++) communities = Math.max(communities, membership[v]! + 1);
  const inside = new Float64Array(communities);
  const degree = new Float64Array(communities);
  let twiceM = 0;
  for (let v = 0; v < n; v++) {
    const c = membership[v]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = weights[e]!;
      const u = targets[e]!;
      if (u === v) {
        degree[c]! += 2 * w;
        inside[c]! += 2 * w;
        twiceM += 2 * w;
      } else {
        degree[c]! += w;
        twiceM += w;
        if (membership[u] === c) inside[c]! += w;
      }
    }
  }
  if (twiceM === 0) return 0;
  let q = 0;
  for (let c = 0; c < communities; c++) q += inside[c]! / twiceM - resolution * (degree[c]! / twiceM) ** 2;
  return q;
}
