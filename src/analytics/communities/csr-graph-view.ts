import type { Csr } from '../csr.js';

/**
 * A read-only graphology view of a CSR, so that graphology-communities-louvain (2.0.x, through
 * graphology-indices' UndirectedLouvainIndex) runs on the engine's typed arrays: building a real
 * graphology graph of a million ties (an object, a key and an attributes object per edge, a
 * keyed neighbour map per node) took longer than Louvain itself and left the garbage collector
 * a heap it then spent seconds marking.
 *
 * It implements exactly what the library reads from an undirected graph: the duck-typing check
 * of graphology-utils' isGraph and inferType (`addUndirectedEdgeWithKey`, `dropNode`, `multi`,
 * `type`), `order`, `size`, `selfLoopCount`, `forEachNode`, `undirectedDegreeWithoutSelfLoops`
 * and `forEachEdge`. Nodes are the indices 0..n − 1 in order; edges are each tie u–v (u ≤ v)
 * once, by u and then v, and an edge's key is its position in the CSR, which the weight getter
 * (`edgeWeight`) reads. A graphology graph with nodes inserted in index order and ties in that
 * order iterates identically, so Louvain's result is the same (test/analytics/communities/
 * louvain.test.ts checks it against the library on real graphs). Anything else throws, so a
 * library update that reads more fails loudly instead of computing on half a graph.
 */
export interface CsrGraphView {
  readonly type: 'undirected';
  readonly multi: false;
  readonly order: number;
  readonly size: number;
  readonly selfLoopCount: number;
  readonly directedSize: 0;
  readonly undirectedSize: number;
  forEachNode(callback: (node: number, attributes: Record<string, never>) => void): void;
  undirectedDegreeWithoutSelfLoops(node: number): number;
  forEachEdge(
    callback: (edge: number, attributes: Record<string, never>, source: number, target: number, sa: Record<string, never>, ta: Record<string, never>, undirected: true) => void,
  ): void;
  addUndirectedEdgeWithKey(): never;
  dropNode(): never;
}

const NO_ATTRIBUTES: Record<string, never> = Object.freeze({});

function readOnly(): never {
  throw new Error('analytics/csr-graph-view: the view is read-only');
}

/** The view, and the weight getter to pass as Louvain's `getEdgeWeight`. */
export function csrGraphView(csr: Pick<Csr, 'n' | 'offsets' | 'targets' | 'weights'>): { graph: CsrGraphView; edgeWeight: (edge: number) => number } {
  const { n, offsets, targets, weights } = csr;
  // Each node's ties to itself and to higher indices, ascending: the canonical edge order.
  const upper: number[] = [];
  let size = 0;
  let selfLoops = 0;
  const loops = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      if (targets[e]! < u) continue;
      size++;
      if (targets[e] === u) {
        selfLoops++;
        loops[u]!++;
      }
    }
  }
  const edges = new Int32Array(size);
  let at = 0;
  for (let u = 0; u < n; u++) {
    upper.length = 0;
    let sorted = true;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      if (targets[e]! < u) continue;
      if (upper.length > 0 && targets[upper[upper.length - 1]!]! > targets[e]!) sorted = false;
      upper.push(e);
    }
    if (!sorted) upper.sort((a, b) => targets[a]! - targets[b]!);
    for (const e of upper) edges[at++] = e;
  }
  const graph: CsrGraphView = {
    type: 'undirected',
    multi: false,
    order: n,
    size,
    selfLoopCount: selfLoops,
    directedSize: 0,
    undirectedSize: size,
    forEachNode(callback) {
      for (let v = 0; v < n; v++) callback(v, NO_ATTRIBUTES);
    },
    undirectedDegreeWithoutSelfLoops(node) {
      return offsets[node + 1]! - offsets[node]! - loops[node]!;
    },
    forEachEdge(callback) {
      let u = 0;
      for (let i = 0; i < size; i++) {
        const e = edges[i]!;
        while (offsets[u + 1]! <= e) u++;
        callback(e, NO_ATTRIBUTES, u, targets[e]!, NO_ATTRIBUTES, NO_ATTRIBUTES, true);
      }
    },
    addUndirectedEdgeWithKey: readOnly,
    dropNode: readOnly,
  };
  return { graph, edgeWeight: (e) => weights[e]! };
}
