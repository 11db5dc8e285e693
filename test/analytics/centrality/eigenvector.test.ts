import { describe, expect, it } from 'vitest';

import { DEFAULTS, eigenvectorCentrality } from '../../../src/analytics/centrality/eigenvector.js';
import { toCsr } from '../../../src/analytics/csr.js';
import { karateGraph } from '../../fixtures/karate.js';
import { type WeightedEdge, weightedGraph } from '../../support/random-graph.js';

// Expected values come from networkx 3.6.1, `eigenvector_centrality(G, max_iter=100, tol=1e-06,
// weight='weight')`, unless worked out by hand.

function expectClose(actual: Float64Array, expected: readonly number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i], `node ${i}`).toBeCloseTo(value, digits));
}

const run = (edges: readonly WeightedEdge[], nodes: readonly string[] = [], options = {}) => eigenvectorCentrality(toCsr(weightedGraph(edges, nodes)), options);

const norm = (x: Float64Array) => Math.hypot(...x);

describe('eigenvectorCentrality', () => {
  it('solves a star by hand: the centre has 1/√2 and each of k leaves 1/√(2k)', () => {
    const result = run(
      ['l1', 'l2', 'l3', 'l4'].map((leaf) => ['c', leaf, 1] as const),
      [],
      { tolerance: 1e-12 },
    );
    expectClose(result.scores, [Math.SQRT1_2, 1 / Math.sqrt(8), 1 / Math.sqrt(8), 1 / Math.sqrt(8), 1 / Math.sqrt(8)], 9);
  });

  it('matches networkx on a path, a star and a cycle', () => {
    expectClose(
      run([
        ['a', 'b', 1],
        ['b', 'c', 1],
        ['c', 'd', 1],
      ]).scores,
      [0.3717482343, 0.6015008315, 0.6015008315, 0.3717482343],
    );
    const star = run(['l1', 'l2', 'l3', 'l4'].map((leaf) => ['c', leaf, 1] as const));
    expectClose(star.scores, [0.707106929, 0.3535533167, 0.3535533167, 0.3535533167, 0.3535533167]);
    const cycle = run([0, 1, 2, 3, 4].map((i) => [`${i}`, `${(i + 1) % 5}`, 1] as const));
    expectClose(cycle.scores, [0.4472135955, 0.4472135955, 0.4472135955, 0.4472135955, 0.4472135955]);
  });

  it('weighs neighbours by tie strength', () => {
    const weighted = run([
      ['a', 'b', 1],
      ['a', 'c', 4],
      ['c', 'd', 4],
      ['d', 'b', 4],
      ['b', 'e', 2],
    ]);
    expectClose(weighted.scores, [0.3896512514, 0.4286154737, 0.5623964036, 0.5767289392, 0.1247184585]);
    const aggregated = run([
      ['ana', 'ben', 1.5],
      ['ben', 'cem', 1],
      ['ana', 'cem', 0.5],
      ['cem', 'dia', 3],
      ['ben', 'dia', 1],
    ]);
    expectClose(aggregated.scores, [0.2501318997, 0.4237837561, 0.6247056337, 0.6062872522]);
  });

  it('concentrates on the dominant component of a disconnected graph and sends isolated nodes to 0', () => {
    const result = run(
      [
        ['a', 'b', 1],
        ['b', 'c', 2],
        ['c', 'a', 1],
        ['x', 'y', 1],
        ['y', 'z', 1],
        ['z', 'x', 1],
        ['z', 'p', 1],
      ],
      ['a', 'b', 'c', 'i1', 'x', 'y', 'z', 'p', 'i2'],
    );
    expectClose(result.scores, [0.4597008433, 0.62796303, 0.62796303, 0, 1.240397394e-5, 1.240397394e-5, 1.451372228e-5, 6.688084726e-6, 0], 9);
    expect(result.converged).toBe(true);
  });

  it('counts a self-loop as a diagonal entry, as networkx does', () => {
    const result = run(
      [
        ['a', 'a', 3],
        ['a', 'b', 1],
        ['b', 'c', 1],
        ['c', 'c', 1],
        ['c', 'd', 2],
      ],
      ['a', 'b', 'c', 'd', 'e'],
    );
    expectClose(result.scores, [0.8796953029, 0.3431375906, 0.2835604412, 0.1672908971, 0]);
  });

  it("matches networkx on Zachary's karate club, iteration for iteration, with unit norm", () => {
    // networkx converges in 18 iterations here: with max_iter=17 it raises.
    const result = eigenvectorCentrality(toCsr(karateGraph()));
    expect(result).toMatchObject({ iterations: 18, converged: true });
    expect(norm(result.scores)).toBeCloseTo(1, 12);
    expectClose(
      result.scores,
      [
        0.3554834942, 0.2659538705, 0.31718939, 0.2111740783, 0.07596645882, 0.07948057789, 0.07948057789, 0.170955115, 0.2274050915, 0.1026751903, 0.07596645882, 0.05285416945,
        0.08425192087, 0.2264696984, 0.1014062785, 0.1014062785, 0.02363479426, 0.09239675667, 0.1014062785, 0.1479113401, 0.1014062785, 0.09239675667, 0.1014062785, 0.1501232869,
        0.05705373564, 0.0592082025, 0.07558192219, 0.1334793268, 0.1310792563, 0.1349652867, 0.1747602783, 0.1910362698, 0.3086510477, 0.373371213,
      ],
    );
  });

  it('reports running out of iterations instead of throwing', () => {
    const result = eigenvectorCentrality(toCsr(karateGraph()), { maxIterations: 3 });
    expect(result).toMatchObject({ iterations: 3, converged: false });
    expect(norm(result.scores)).toBeCloseTo(1, 12);
  });

  it('leaves a graph without ties at the uniform start vector, and an empty graph empty', () => {
    expectClose(run([], ['a', 'b', 'c', 'd']).scores, [0.5, 0.5, 0.5, 0.5]);
    expect(run([])).toEqual({ scores: new Float64Array(0), iterations: 0, converged: true });
    expect(DEFAULTS).toEqual({ tolerance: 1e-6, maxIterations: 100 });
  });

  it.each([
    [{ tolerance: 0 }, 'tolerance must be a finite number > 0'],
    [{ tolerance: Number.POSITIVE_INFINITY }, 'tolerance must be a finite number > 0'],
    [{ maxIterations: 0 }, 'maxIterations must be an integer ≥ 1'],
  ])('rejects %o', (options, message) => {
    expect(() => run([['a', 'b', 1]], [], options)).toThrow(new RangeError(`analytics/eigenvector: ${message}`));
  });
});
