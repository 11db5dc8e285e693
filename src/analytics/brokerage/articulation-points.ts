import type { Csr } from '../csr.js';

/**
 * Articulation points (cut vertices; Hopcroft & Tarjan 1973): the people whose removal splits
 * their component, as `networkx.articulation_points` finds them. Weights play no part: a tie
 * of any strength keeps people connected, and a self-loop (a back edge to itself) changes nothing.
 *
 * `separated[v]` is how many people end up outside the largest remaining piece of v's component
 * when v is removed ("removing them cuts N people off"); 0 for everyone else. Removing v leaves
 * one piece per child subtree that has no back edge above v (low[child] ≥ disc[v]), plus the
 * rest of the component.
 *
 * The depth-first search keeps its own stack: graphs of 100k+ people would overflow the call
 * stack.
 */

export interface ArticulationResult {
  /** 1 for an articulation point, else 0. */
  isArticulation: Uint8Array;
  separated: Int32Array;
}

export function articulationPoints(csr: Csr): ArticulationResult {
  const { n, offsets, targets } = csr;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const nextEdge = new Int32Array(n);
  const stack = new Int32Array(n);
  const visitOrder = new Int32Array(n);
  // Per node: how many child subtrees its removal cuts off, their total size and the largest.
  const cutChildren = new Int32Array(n);
  const cutSize = new Int32Array(n);
  const largestCut = new Int32Array(n);
  const isArticulation = new Uint8Array(n);
  const separated = new Int32Array(n);

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
    if (disc[root] !== -1) continue;
    const first = time;
    visit(root);
    while (top > 0) {
      const v = stack[top - 1]!;
      if (nextEdge[v]! < offsets[v + 1]!) {
        const w = targets[nextEdge[v]!++]!;
        if (w === parent[v]) continue;
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
        if (size[v]! > largestCut[p]!) largestCut[p] = size[v]!;
      }
    }

    const others = size[root]! - 1;
    for (let i = first; i < time; i++) {
      const v = visitOrder[i]!;
      if (cutChildren[v]! < (v === root ? 2 : 1)) continue;
      isArticulation[v] = 1;
      const largest = Math.max(largestCut[v]!, others - cutSize[v]!);
      separated[v] = others - largest;
    }
  }
  return { isArticulation, separated };
}
