import type { Csr } from '../csr.js';

/**
 * What removing each node cuts off, from one depth-first search (Hopcroft & Tarjan 1973): a child
 * subtree of v in the search tree with no back edge above v (low[child] ≥ disc[v]) becomes a
 * piece of its own when v is removed; the rest of v's component stays together (for the root
 * of a search, every child subtree is a piece). Weights play no part, and a self-loop changes
 * nothing. Nodes marked in `removed` are treated as absent.
 *
 * Used for articulation points (brokerage) and for the greedy key-player step (disruption).
 * The search keeps its own stack: graphs of 100k+ people would overflow the call stack.
 */

export interface CutPieces {
  /** Per node: the child subtrees its removal cuts off, their total size, Σ size(size − 1) and the largest. */
  cutChildren: Int32Array;
  cutSize: Float64Array;
  cutPairs: Float64Array;
  largestCut: Int32Array;
  /** Per node: the size of its component (0 for a removed node). */
  componentSize: Float64Array;
  /** 1 for the node each search started from (the lowest index of its component). */
  isRoot: Uint8Array;
}

export function cutPieces(graph: Pick<Csr, 'n' | 'offsets' | 'targets'>, removed?: Uint8Array): CutPieces {
  const { n, offsets, targets } = graph;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  const stack = new Int32Array(n);
  const visitOrder = new Int32Array(n);
  const cutChildren = new Int32Array(n);
  const cutSize = new Float64Array(n);
  const cutPairs = new Float64Array(n);
  const largestCut = new Int32Array(n);
  const componentSize = new Float64Array(n);
  const isRoot = new Uint8Array(n);

  let time = 0;
  let top = 0;
  const visit = (v: number): void => {
    disc[v] = low[v] = time;
    visitOrder[time++] = v;
    size[v] = 1;
    nextEdge[v] = offsets[v]!;
    stack[top++] = v;
  };

  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1 || removed?.[root]) continue;
    const first = time;
    isRoot[root] = 1;
    visit(root);
    while (top > 0) {
      const v = stack[top - 1]!;
      if (nextEdge[v]! < offsets[v + 1]!) {
        const w = targets[nextEdge[v]!++]!;
        if (w === parent[v] || removed?.[w]) continue;
        if (disc[w] === -1) {
          parent[w] = v;
          visit(w);
        } else if (disc[w]! < low[v]!) {
          low[v] = disc[w]!;
        }
        continue;
      }
      top--;
      const p = parent[v]!;
      if (p === -1) continue;
      if (low[v]! < low[p]!) low[p] = low[v]!;
      size[p]! += size[v]!;
      if (low[v]! >= disc[p]!) {
        cutChildren[p]!++;
        cutSize[p]! += size[v]!;
        cutPairs[p]! += size[v]! * (size[v]! - 1);
        if (size[v]! > largestCut[p]!) largestCut[p] = size[v]!;
      }
    }
    for (let i = first; i < time; i++) componentSize[visitOrder[i]!] = size[root]!;
  }
  return { cutChildren, cutSize, cutPairs, largestCut, componentSize, isRoot };
}
