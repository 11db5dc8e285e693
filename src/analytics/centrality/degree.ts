import type { Csr } from '../csr.js';

/**
 * Degree and strength (weighted degree; Barrat et al. 2004, Opsahl et al. 2010): how many
 * people someone is tied to, and how much contact those ties carry in all. Weights are
 * affinities, so strength is the sum of tie strengths.
 *
 * Self-loops are left out of both: a tie with oneself connects no one (networkx would count a
 * self-loop twice in the degree).
 */

export interface DegreeResult {
  /** Distinct neighbours other than the node itself. */
  degree: Float64Array;
  /** Sum of the weights of ties to others. */
  strength: Float64Array;
}

export function degreeCentrality(csr: Csr): DegreeResult {
  const { n, offsets, targets, weights } = csr;
  const degree = new Float64Array(n);
  const strength = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let count = 0;
    let sum = 0;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      if (targets[e] === v) continue;
      count++;
      sum += weights[e]!;
    }
    degree[v] = count;
    strength[v] = sum;
  }
  return { degree, strength };
}
