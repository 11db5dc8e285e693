import type { Csr } from '../csr.js';

/**
 * Eigenvector centrality (Bonacich 1972) as networkx's `eigenvector_centrality(G, max_iter,
 * tol, weight='weight')` computes it: power iteration on A + I (the identity keeps bipartite
 * graphs from oscillating), starting from all ones / n, L2-normalised each step, stopping when
 * the L1 change is below n · tolerance. Weights are affinities: being tied strongly to
 * well-tied people scores high. A self-loop is a diagonal entry of A.
 *
 * Non-convergence is reported, not thrown: the caller decides what an unconverged ranking is
 * worth. An empty graph gives an empty result (networkx raises).
 */

export interface EigenvectorOptions {
  /** Per-node L1 tolerance (networkx's tol). */
  tolerance: number;
  maxIterations: number;
}

export const DEFAULTS: Readonly<EigenvectorOptions> = { tolerance: 1e-6, maxIterations: 100 };

export interface EigenvectorResult {
  /** Unit L2 norm. */
  scores: Float64Array;
  iterations: number;
  converged: boolean;
}

export function eigenvectorCentrality(csr: Csr, options: Partial<EigenvectorOptions> = {}): EigenvectorResult {
  const { tolerance, maxIterations } = { ...DEFAULTS, ...options };
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw new RangeError('analytics/eigenvector: tolerance must be a finite number > 0');
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError('analytics/eigenvector: maxIterations must be an integer ≥ 1');

  const { n, offsets, targets, weights } = csr;
  let x = new Float64Array(n);
  if (n === 0) return { scores: x, iterations: 0, converged: true };

  x.fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let squares = 0;
    for (let v = 0; v < n; v++) {
      let sum = x[v]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) sum += x[targets[e]!]! * weights[e]!;
      next[v] = sum;
      squares += sum * sum;
    }
    const norm = Math.sqrt(squares) || 1;
    let change = 0;
    for (let v = 0; v < n; v++) {
      next[v]! /= norm;
      change += Math.abs(next[v]! - x[v]!);
    }
    [x, next] = [next, x];
    if (change < n * tolerance) return { scores: x, iterations: iteration, converged: true };
  }
  return { scores: x, iterations: maxIterations, converged: false };
}
