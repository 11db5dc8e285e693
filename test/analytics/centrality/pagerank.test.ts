import { describe, expect, it } from 'vitest';

import { DEFAULTS, pagerank } from '../../../src/analytics/centrality/pagerank.js';
import { toCsr } from '../../../src/analytics/csr.js';
import { karateGraph } from '../../fixtures/karate.js';
import { type WeightedEdge, weightedGraph } from '../../support/random-graph.js';

// Expected values come from networkx 3.6.1, `pagerank(G, alpha=0.85, tol=1e-06, max_iter=100,
// weight='weight')`, unless worked out by hand.

function expectClose(actual: Float64Array, expected: readonly number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i], `node ${i}`).toBeCloseTo(value, digits));
}

const run = (edges: readonly WeightedEdge[], nodes: readonly string[] = [], options = {}) => pagerank(toCsr(weightedGraph(edges, nodes)), options);

describe('pagerank', () => {
  it('solves a path by hand: with alpha 0.5 the ends get 0.2 and the middle 0.3', () => {
    // a = 0.125 + 0.5·b/2 and b = 0.125 + 0.5·(a + c/2), with b = c by symmetry.
    const result = run(
      [
        ['a', 'b', 1],
        ['b', 'c', 1],
        ['c', 'd', 1],
      ],
      [],
      { alpha: 0.5, tolerance: 1e-13 },
    );
    expectClose(result.scores, [0.2, 0.3, 0.3, 0.2], 10);
    expect(result.converged).toBe(true);
  });

  it('matches networkx on a path, a star and a cycle', () => {
    expectClose(
      run([
        ['a', 'b', 1],
        ['b', 'c', 1],
        ['c', 'd', 1],
      ]).scores,
      [0.1754383977, 0.3245616023, 0.3245616023, 0.1754383977],
    );
    const star = run(['l1', 'l2', 'l3', 'l4'].map((leaf) => ['c', leaf, 1] as const));
    expectClose(star.scores, [0.4756766888, 0.1310808278, 0.1310808278, 0.1310808278, 0.1310808278]);
    const cycle = run([0, 1, 2, 3, 4].map((i) => [`${i}`, `${(i + 1) % 5}`, 1] as const));
    expectClose(cycle.scores, [0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it('follows ties in proportion to their weight', () => {
    const result = run([
      ['a', 'b', 1],
      ['a', 'c', 4],
      ['c', 'd', 4],
      ['d', 'b', 4],
      ['b', 'e', 2],
    ]);
    expectClose(result.scores, [0.1657944781, 0.2413263272, 0.2505645113, 0.2537066013, 0.08860808217]);
  });

  it('on ties aggregated from parallel relations, equals networkx on the multigraph of the relations', () => {
    const relations: WeightedEdge[] = [
      ['ana', 'ben', 1],
      ['ana', 'ben', 0.5],
      ['ben', 'cem', 1],
      ['ana', 'cem', 0.5],
      ['cem', 'dia', 2],
      ['cem', 'dia', 1],
      ['ben', 'dia', 1],
    ];
    const summed = new Map<string, number>();
    for (const [u, v, w] of relations) summed.set(`${u} ${v}`, (summed.get(`${u} ${v}`) ?? 0) + w);
    const ties = [...summed].map(([pair, w]): WeightedEdge => {
      const [u, v] = pair.split(' ') as [string, string];
      return [u, v, w];
    });
    expectClose(run(ties).scores, [0.1600286437, 0.2562622084, 0.3089191192, 0.2747900287]);
  });

  it('spreads the rank of isolated nodes uniformly on a disconnected graph', () => {
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
    expectClose(result.scores, [0.1067425725, 0.1521081658, 0.1521081658, 0.02054794521, 0.1347553257, 0.1347553257, 0.2009498457, 0.07748470847, 0.02054794521]);
    expect(result.scores.reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 12);
  });

  it('keeps a self-loop as a tie to oneself, as networkx does', () => {
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
    expectClose(result.scores, [0.2969299515, 0.1682202192, 0.3246038696, 0.1741013813, 0.03614457831]);
  });

  it("matches networkx on Zachary's karate club, iteration for iteration", () => {
    // networkx converges in 21 iterations here: with max_iter=20 it raises.
    const result = pagerank(toCsr(karateGraph()));
    expect(result).toMatchObject({ iterations: 21, converged: true });
    expectClose(
      result.scores,
      [
        0.09700181759, 0.05287839104, 0.05707842305, 0.03586064322, 0.02197940697, 0.02911334166, 0.02911334166, 0.02449075804, 0.02976533919, 0.01430895028, 0.02197940697,
        0.009564916864, 0.01464518649, 0.02953631498, 0.01453516152, 0.01453516152, 0.01678537811, 0.01455885977, 0.01453516152, 0.01960441671, 0.01453516152, 0.01455885977,
        0.01453516152, 0.03152091531, 0.021075455, 0.02100562817, 0.01504339536, 0.02563880353, 0.01957296051, 0.02628726284, 0.02458933653, 0.03715663592, 0.07169213007,
        0.1009179167,
      ],
    );
  });

  it('reports running out of iterations instead of throwing', () => {
    const result = pagerank(toCsr(karateGraph()), { maxIterations: 2 });
    expect(result).toMatchObject({ iterations: 2, converged: false });
    expect(result.scores.reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 12);
  });

  it('returns nothing for an empty graph', () => {
    expect(run([])).toEqual({ scores: new Float64Array(0), iterations: 0, converged: true });
  });

  it('does not change its defaults or its input', () => {
    const csr = toCsr(karateGraph());
    const before = structuredClone(csr);
    pagerank(csr, { alpha: 0.5 });
    expect(csr).toEqual(before);
    expect(DEFAULTS).toEqual({ alpha: 0.85, tolerance: 1e-6, maxIterations: 100 });
  });

  it.each([
    [{ alpha: 0 }, 'alpha must be in (0, 1)'],
    [{ alpha: 1 }, 'alpha must be in (0, 1)'],
    [{ alpha: Number.NaN }, 'alpha must be in (0, 1)'],
    [{ tolerance: 0 }, 'tolerance must be a finite number > 0'],
    [{ maxIterations: 0 }, 'maxIterations must be an integer ≥ 1'],
    [{ maxIterations: 2.5 }, 'maxIterations must be an integer ≥ 1'],
  ])('rejects %o', (options, message) => {
    expect(() => run([['a', 'b', 1]], [], options)).toThrow(new RangeError(`analytics/pagerank: ${message}`));
  });
});
