import type { Csr } from '../csr.js';

/**
 * Weighted PageRank (Brin & Page 1998) on the undirected graph, computed as networkx's
 * `pagerank(G, alpha, tol, max_iter, weight='weight')` does: a walker follows a tie with
 * probability proportional to its weight (an affinity: people who talk more pass more rank),
 * teleports uniformly with probability 1 − alpha, and the rank of a node with no ties at all
 * is spread uniformly. A self-loop stays an edge from the node to itself, as networkx keeps it.
 * Stops when the L1 change is below n · tolerance.
 *
 * The graph is symmetric, so each iteration pulls rank along each node's own list: one pass
 * over the typed arrays, with no allocation inside the loop.
 */

export interface PagerankOptions {
  /** Damping factor, in (0, 1). */
  alpha: number;
  /** Per-node L1 tolerance (networkx's tol). */
  tolerance: number;
  maxIterations: number;
}

export const DEFAULTS: Readonly<PagerankOptions> = { alpha: 0.85, tolerance: 1e-6, maxIterations: 100 };

export interface PagerankResult {
  /** Sums to 1. */
  scores: Float64Array;
  iterations: number;
  converged: boolean;
}

export function pagerank(csr: Csr, options: Partial<PagerankOptions> = {}): PagerankResult {
  const { alpha, tolerance, maxIterations } = { ...DEFAULTS, ...options };
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('analytics/pagerank: alpha must be in (0, 1)');
  if (!(tolerance > 0 && Number.isFinite(tolerance))) throw new RangeError('analytics/pagerank: tolerance must be a finite number > 0');
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError('analytics/pagerank: maxIterations must be an integer ≥ 1');

  const { n, offsets, targets, weights } = csr;
  let x = new Float64Array(n);
  if (n === 0) return { scores: x, iterations: 0, converged: true };

  const inverseStrength = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let sum = 0;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) sum += weights[e]!;
    inverseStrength[v] = sum > 0 ? 1 / sum : 0;
  }

  x.fill(1 / n);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let dangling = 0;
    for (let v = 0; v < n; v++) {
      if (inverseStrength[v] === 0) dangling += x[v]!;
      share[v] = x[v]! * inverseStrength[v]!;
    }
    const base = (alpha * dangling + 1 - alpha) / n;
    let change = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) sum += share[targets[e]!]! * weights[e]!;
      const value = alpha * sum + base;
      next[v] = value;
      change += Math.abs(value - x[v]!);
    }
    [x, next] = [next, x];
    if (change < n * tolerance) return { scores: x, iterations: iteration, converged: true };
  }
  return { scores: x, iterations: maxIterations, converged: false };
}
