import type { Csr } from '../csr.js';
import { cutPieces } from './cut-pieces.js';

/**
 * Articulation points (cut vertices; Hopcroft & Tarjan 1973): the people whose removal splits
 * their component, as `networkx.articulation_points` finds them. Weights play no part: a tie
 * of any strength keeps people connected, and a self-loop (a back edge to itself) changes nothing.
 *
 * `separated[v]` is how many people end up outside the largest remaining piece of v's component
 * when v is removed ("removing them cuts N people off"); 0 for everyone else. Removing v leaves
 * one piece per child subtree that has no back edge above v (low[child] ≥ disc[v]), plus the
 * rest of the component.
 * The pieces come from one depth-first search (cut-pieces.ts).
 */

export interface ArticulationResult {
  /** 1 for an articulation point, else 0. */
  isArticulation: Uint8Array;
  separated: Int32Array;
}

export function articulationPoints(csr: Pick<Csr, 'n' | 'offsets' | 'targets'>): ArticulationResult {
  const { n } = csr;
  const { cutChildren, cutSize, largestCut, componentSize, isRoot } = cutPieces(csr);
  const isArticulation = new Uint8Array(n);
  const separated = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    if (cutChildren[v]! < (isRoot[v] ? 2 : 1)) continue;
    isArticulation[v] = 1;
    const others = componentSize[v]! - 1;
    separated[v] = others - Math.max(largestCut[v]!, others - cutSize[v]!);
  }
  return { isArticulation, separated };
}
