import { describe, expect, it } from 'vitest';

import { degreeCentrality } from '../../../src/analytics/centrality/degree.js';
import { autoSamples, DEFAULTS, MAX_AUTO_SAMPLES, shortestPathCentrality } from '../../../src/analytics/centrality/shortest-paths.js';
import { toCsr } from '../../../src/analytics/csr.js';
import { createRng } from '../../../src/shared/rng.js';
import { karateGraph } from '../../fixtures/karate.js';
import { communityNetwork, type WeightedEdge, weightedGraph } from '../../support/random-graph.js';

// Expected values are worked out by hand, or come from networkx 3.6.1:
// `betweenness_centrality(G, weight='length', normalized=True)` and
// `harmonic_centrality(G, distance='length') / (n − 1)`, with length = 1 / weight held as an
// exact fraction (so networkx counts equal weighted paths as ties, as this module does).

function expectClose(actual: Float64Array, expected: readonly number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i], `node ${i}`).toBeCloseTo(value, digits));
}

const csrOf = (edges: readonly WeightedEdge[], nodes: readonly string[] = []) => toCsr(weightedGraph(edges, nodes));
const run = (edges: readonly WeightedEdge[], nodes: readonly string[] = [], options = {}) => shortestPathCentrality(csrOf(edges, nodes), options);

const PATH: WeightedEdge[] = [
  ['a', 'b', 1],
  ['b', 'c', 1],
  ['c', 'd', 1],
];

describe('shortestPathCentrality, exact', () => {
  it('works out a path, a star and a cycle by hand', () => {
    // Path a–b–c–d: b lies on a–c and a–d, 2 of 3 pairs; a reaches b, c, d at 1, 2, 3.
    const path = run(PATH);
    expectClose(path.betweenness, [0, 2 / 3, 2 / 3, 0]);
    expectClose(path.closeness, [(1 + 1 / 2 + 1 / 3) / 3, (1 + 1 + 1 / 2) / 3, (1 + 1 + 1 / 2) / 3, (1 + 1 / 2 + 1 / 3) / 3]);
    expect(path).toMatchObject({ estimated: false, sources: 4 });

    const star = run(['l1', 'l2', 'l3', 'l4'].map((leaf) => ['c', leaf, 1] as const));
    expectClose(star.betweenness, [1, 0, 0, 0, 0]);
    expectClose(star.closeness, [1, 0.625, 0.625, 0.625, 0.625]);

    // A 5-cycle: each node is the middle of exactly one of the 6 pairs it is not in.
    const cycle = run([0, 1, 2, 3, 4].map((i) => [`${i}`, `${(i + 1) % 5}`, 1] as const));
    expectClose(
      cycle.betweenness,
      [1, 1, 1, 1, 1].map(() => 1 / 6),
    );
    expectClose(
      cycle.closeness,
      [1, 1, 1, 1, 1].map(() => (1 + 1 + 1 / 2 + 1 / 2) / 4),
    );
  });

  it('routes along strong ties when the shortest weighted path is not the fewest hops', () => {
    // a–b is a weak direct tie (length 1); a–c–d–b is three strong ties (0.25 each). Paths:
    // a–b via c, d; a–d via c; a–e via c, d, b; b–c via d; c–e via d, b; d–e via b.
    const result = run([
      ['a', 'b', 1],
      ['a', 'c', 4],
      ['c', 'd', 4],
      ['d', 'b', 4],
      ['b', 'e', 2],
    ]);
    expectClose(result.betweenness, [0, 3 / 6, 3 / 6, 4 / 6, 0]);
    expectClose(result.closeness, [(4 + 2 + 4 / 3 + 0.8) / 4, 2.333333333, 2.75, 2.833333333, 1.283333333]);
  });

  it('uses the summed strength of ties aggregated from parallel relations', () => {
    // ana–ben 1 + 0.5, cem–dia 2 + 1: ana reaches dia fastest through ben.
    const result = run([
      ['ana', 'ben', 1.5],
      ['ben', 'cem', 1],
      ['ana', 'cem', 0.5],
      ['cem', 'dia', 3],
      ['ben', 'dia', 1],
    ]);
    expectClose(result.betweenness, [0, 2 / 3, 0, 0]);
    expectClose(result.closeness, [0.9, 1.166666667, 1.533333333, 1.533333333]);
  });

  it('counts weighted paths of equal length as ties although their float sums differ', () => {
    // 1/10 + 1/5 = 0.30000000000000004 and 1/(10/3) = 0.3: two shortest a–c paths, one via b.
    // networkx (exact float comparison) gives b 0 here.
    const result = run([
      ['a', 'b', 10],
      ['b', 'c', 5],
      ['a', 'c', 10 / 3],
    ]);
    expectClose(result.betweenness, [0, 0.5, 0]);
  });

  it('handles several components, isolated nodes and self-loops', () => {
    const disconnected = run(
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
    // Only z is between anyone (x–p and y–p), out of 28 pairs; unreachable people add nothing.
    expectClose(disconnected.betweenness, [0, 0, 0, 0, 0, 0, 2 / 28, 0, 0]);
    expectClose(disconnected.closeness, [0.25, 0.375, 0.375, 0, 0.3125, 0.3125, 0.375, 0.25, 0]);

    const loops = run(
      [
        ['a', 'a', 3],
        ['a', 'b', 1],
        ['b', 'c', 1],
        ['c', 'c', 1],
        ['c', 'd', 2],
      ],
      ['a', 'b', 'c', 'd', 'e'],
    );
    expectClose(loops.betweenness, [0, 1 / 3, 1 / 3, 0, 0]);
    expectClose(loops.closeness, [0.475, 0.6666666667, 0.875, 0.7666666667, 0]);
  });

  it('gives zeros when there are too few nodes to be between', () => {
    expect(run([['a', 'b', 1]])).toEqual({
      betweenness: new Float64Array(2),
      closeness: new Float64Array([1, 1]),
      estimated: false,
      sources: 2,
    });
    expect(run([], ['a'])).toEqual({ betweenness: new Float64Array(1), closeness: new Float64Array(1), estimated: false, sources: 1 });
    expect(run([])).toMatchObject({ betweenness: new Float64Array(0), sources: 0 });
  });

  it("matches networkx on Zachary's karate club", () => {
    const result = shortestPathCentrality(toCsr(karateGraph()));
    expectClose(
      result.betweenness,
      [
        0.4376352814, 0.05393668831, 0.1436568062, 0.01190927128, 0.0006313131313, 0.02998737374, 0.02998737374, 0, 0.0559268278, 0.0008477633478, 0.0006313131313, 0, 0,
        0.04586339586, 0, 0, 0, 0, 0, 0.0324750481, 0, 0, 0, 0.01761363636, 0.00220959596, 0.003840488215, 0, 0.02233345358, 0.001794733045, 0.002922077922, 0.01441197691,
        0.1382756133, 0.145247114, 0.3040749759,
      ],
    );
    expectClose(
      result.closeness,
      [
        0.702020202, 0.5808080808, 0.6363636364, 0.5353535354, 0.4444444444, 0.4595959596, 0.4595959596, 0.4974747475, 0.5606060606, 0.4722222222, 0.4444444444, 0.4090909091,
        0.4242424242, 0.5606060606, 0.4303030303, 0.4303030303, 0.3363636364, 0.4292929293, 0.4303030303, 0.5303030303, 0.4303030303, 0.4292929293, 0.4303030303, 0.4858585859,
        0.4217171717, 0.4217171717, 0.4227272727, 0.5126262626, 0.4974747475, 0.4656565657, 0.5126262626, 0.5858585859, 0.6338383838, 0.7045454545,
      ],
    );
  });
});

describe('shortestPathCentrality, sampled', () => {
  it('scales betweenness by n / samples and averages closeness over the sampled sources', () => {
    // An rng whose sample is the first k nodes: sources a and b of the path a–b–c–d.
    // From a, b is between a–c and a–d and c between a–d; from b, c is between b–d:
    // raw b 2, c 2, times n/k = 2, over (n − 1)(n − 2) = 6. Closeness of d: mean(1/3, 1/2).
    const rng = { ...createRng(1), sample: <T>(items: readonly T[], k: number) => items.slice(0, k) };
    const result = run(PATH, [], { exactThreshold: 0, samples: 2, rng });
    expect(result).toMatchObject({ estimated: true, sources: 2 });
    expectClose(result.betweenness, [0, 2 / 3, 2 / 3, 0]);
    expectClose(result.closeness, [1, 1, (1 / 2 + 1) / 2, (1 / 3 + 1 / 2) / 2]);
  });

  it('is exact when the samples would cover every node', () => {
    const result = run(PATH, [], { exactThreshold: 0, samples: 4 });
    expect(result).toMatchObject({ estimated: false, sources: 4 });
    expectClose(result.betweenness, [0, 2 / 3, 2 / 3, 0]);
  });

  it('repeats itself for a seed, takes an injected rng, and varies with the seed', () => {
    const csr = toCsr(karateGraph());
    const options = { exactThreshold: 10, samples: 8 };
    const first = shortestPathCentrality(csr, { ...options, seed: 42 });
    expect(first).toMatchObject({ estimated: true, sources: 8 });
    expect(shortestPathCentrality(csr, { ...options, seed: 42 })).toEqual(first);
    expect(shortestPathCentrality(csr, { ...options, rng: createRng(42) })).toEqual(first);
    expect(shortestPathCentrality(csr, { ...options, seed: 43 }).betweenness).not.toEqual(first.betweenness);
  });

  it.each([
    [{ samples: 0 }, 'samples must be an integer > 0'],
    [{ samples: -5 }, 'samples must be an integer > 0'],
    [{ samples: 2.5 }, 'samples must be an integer > 0'],
    [{ exactThreshold: -1 }, 'exactThreshold must be ≥ 0'],
    [{ exactThreshold: Number.NaN }, 'exactThreshold must be ≥ 0'],
    [{ seed: -1 }, 'seed must be an integer from 0 to 4294967295'],
    [{ seed: 0.5 }, 'seed must be an integer from 0 to 4294967295'],
  ])('rejects %o', (options, message) => {
    expect(() => run(PATH, [], options)).toThrow(new RangeError(`analytics/shortest-paths: ${message}`));
  });

  it('keeps its defaults: 1 000 sources while they fit the budget, fewer on big graphs, never under 32', () => {
    expect(DEFAULTS).toEqual({ exactThreshold: 3000, samples: 'auto', seed: 1 });
    const arcs = (length: number) => ({ n: 1, targets: { length } as Int32Array });
    expect(autoSamples(arcs(50_000))).toBe(1000);
    expect(autoSamples(arcs(200_000))).toBe(250);
    expect(autoSamples(arcs(2_000_000))).toBe(32);
    expect(autoSamples(arcs(0))).toBe(1000);
  });
});

describe('shortestPathCentrality on a generated 5 000-person network', () => {
  const { graph } = communityNetwork({ nodes: 5000, seed: 1 });
  const csr = toCsr(graph);
  const ranked = (scores: Float64Array) => [...scores.keys()].sort((a, b) => scores[b]! - scores[a]! || a - b);

  it('has community structure and heavy-tailed degrees', () => {
    const { degree } = degreeCentrality(csr);
    const sorted = [...degree].sort((a, b) => a - b);
    expect(graph.size).toBeGreaterThan(20_000);
    expect(graph.size).toBeLessThan(30_000);
    expect(sorted.at(-1)).toBeGreaterThan(10 * sorted[2500]!);
  });

  it('finds at least 18 of the exact top 20 with the default samples, and repeats itself for a seed', () => {
    const exact = shortestPathCentrality(csr, { exactThreshold: 5000 });
    const estimate = shortestPathCentrality(csr, { exactThreshold: 4999 });
    expect(exact).toMatchObject({ estimated: false, sources: 5000 });
    expect(autoSamples(csr)).toBe(MAX_AUTO_SAMPLES);
    expect(estimate).toMatchObject({ estimated: true, sources: MAX_AUTO_SAMPLES });

    const exactTop = ranked(exact.betweenness).slice(0, 20);
    const estimatedTop = ranked(estimate.betweenness).slice(0, 20);
    expect(estimatedTop.filter((v) => exactTop.includes(v)).length).toBeGreaterThanOrEqual(18);
    // The misses can only be near-ties at the bottom: the exact top 10 are all there.
    expect(exactTop.slice(0, 10).every((v) => estimatedTop.includes(v))).toBe(true);

    let relativeError = 0;
    for (let v = 0; v < csr.n; v++) relativeError += Math.abs(estimate.closeness[v]! / exact.closeness[v]! - 1);
    expect(relativeError / csr.n).toBeLessThan(0.03);

    expect(shortestPathCentrality(csr, { exactThreshold: 4999 })).toEqual(estimate);
  });
});
