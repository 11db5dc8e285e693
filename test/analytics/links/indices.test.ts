import { describe, expect, it } from 'vitest';

import { linkGraph } from '../../../src/analytics/links/graph.js';
import { type IndexOptions, katzBeta, largestEigenvalue, pairScore, walkCounts } from '../../../src/analytics/links/indices.js';
import { scanCandidates } from '../../../src/analytics/links/suggest.js';
import { KARATE_EDGES } from '../../fixtures/karate.js';
import { handProjection } from './projection.js';

/**
 * The indices against networkx 3 on Zachary's karate club (unweighted, no self-loops). Worked
 * out once with `nx.adamic_adar_index(G, pairs)` and `nx.resource_allocation_index(G, pairs)`,
 * and Katz as Σ_{ℓ=1..4} 0.05^ℓ (A^ℓ)_uv with numpy's matrix_power; λmax from numpy's eigvalsh.
 */
const karate = () =>
  linkGraph(
    handProjection(
      Array.from({ length: 34 }, (_, v) => ['person', String(v).padStart(2, '0')] as const),
      KARATE_EDGES.map(([u, v]) => [u, v] as const),
    ),
  );

// [u, v, Adamic–Adar, resource allocation, Katz (β 0.05, ℓ ≤ 4), 3-step walks]
const NETWORKX: readonly (readonly [number, number, number, number, number, number])[] = [
  [0, 33, 2.7110197222973085, 0.9, 0.013193750000000002, 14],
  [2, 33, 4.719381261461351, 1.5666666666666667, 0.019250000000000003, 22],
  [4, 5, 1.9922605072935597, 0.6458333333333333, 0.008381250000000002, 5],
  [16, 33, 0, 0, 5.000000000000001e-5, 0],
  [23, 24, 1.631586747071319, 0.5833333333333333, 0.005687500000000002, 4],
  [8, 13, 1.1479243659902538, 0.2213235294117647, 0.0095125, 10],
  [0, 9, 0.43429448190325176, 0.1, 0.003975000000000001, 9],
  [24, 33, 1.279458146995729, 0.41666666666666663, 0.006068750000000001, 5],
];

const options = (index: IndexOptions['index']): IndexOptions => ({ index, beta: 0.05, maxLength: 4 });

describe('link-prediction indices', () => {
  const graph = karate();

  it('equal networkx’s Adamic–Adar and resource allocation, and numpy’s truncated Katz, pair by pair', () => {
    for (const [u, v, aa, ra, katz, paths3] of NETWORKX) {
      expect(pairScore(graph, u, v, options('adamicAdar'))).toBeCloseTo(aa, 12);
      expect(pairScore(graph, u, v, options('resourceAllocation'))).toBeCloseTo(ra, 12);
      expect(pairScore(graph, u, v, options('katz'))).toBeCloseTo(katz, 14);
      expect(walkCounts(graph, u, v, 4)[3]).toBe(paths3);
    }
  });

  it('give the same value whether scored from a source or pair by pair', () => {
    for (const index of ['adamicAdar', 'resourceAllocation', 'katz'] as const) {
      const { best } = scanCandidates(graph, options(index), 10_000);
      for (const { a, b, score } of best.slice(0, 50)) expect(score).toBeCloseTo(pairScore(graph, a, b, options(index)), 14);
    }
  });

  it('rank the untied pairs as networkx does, and reach as many of them', () => {
    // networkx: 265 of the 483 untied pairs share a contact; 475 are within 4 ties (Katz > 0).
    const aa = scanCandidates(graph, options('adamicAdar'), 5);
    expect(aa.candidates).toBe(265);
    expect(aa.best.map(({ a, b, score }) => [a, b, Number(score.toFixed(12))])).toEqual([
      [2, 33, 4.719381261461],
      [0, 33, 2.711019722297],
      [1, 33, 2.252921681631],
      // Equal to the last digits: ordered by key ('04' < '06').
      [4, 5, 1.992260507294],
      [6, 10, 1.992260507294],
    ]);
    const katz = scanCandidates(graph, options('katz'), 5);
    expect(katz.candidates).toBe(475);
    expect(katz.best.map(({ a, b }) => [a, b])).toEqual([
      [2, 33],
      [0, 33],
      [7, 13],
      [1, 8],
      [1, 33],
    ]);
  });

  it('takes Katz’s β as 0.5 / λmax, at most 0.05 (karate: λmax 6.7257, so the cap)', () => {
    expect(largestEigenvalue(graph)).toBeCloseTo(6.725697727631733, 6);
    expect(katzBeta(graph)).toBe(0.05);
    // A star of 401 (λmax = √400 = 20): 0.5 / 20.
    const star = linkGraph(
      handProjection(
        Array.from({ length: 401 }, (_, v) => ['person', `S${v}`] as const),
        Array.from({ length: 400 }, (_, v) => [0, v + 1] as const),
      ),
    );
    expect(katzBeta(star)).toBeCloseTo(0.025, 9);
  });
});
