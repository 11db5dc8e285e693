import { describe, expect, it } from 'vitest';

import { csrFromEdges } from '../../src/analytics/csr.js';
import { components, distanceFragmentation, fragmentation, pairsAfterRemoving, reachablePairs, withoutNodes } from '../../src/disruption/connectivity.js';
import { createRng } from '../../src/shared/rng.js';

// Expected values by hand; networkx 3.6.1 agrees (fragmentation from connected_components,
// distance-weighted fragmentation from all_pairs_shortest_path_length: 1 − Σ 1/d / (n(n − 1))).

function graph(n: number, edges: readonly (readonly [number, number])[]) {
  return csrFromEdges(
    Array.from({ length: n }, (_, i) => `n${String(i).padStart(4, '0')}`),
    Int32Array.from(edges.map(([u]) => u)),
    Int32Array.from(edges.map(([, v]) => v)),
    new Float64Array(edges.length).fill(1),
  );
}
const mask = (n: number, removed: readonly number[] = []) => {
  const m = new Uint8Array(n);
  for (const v of removed) m[v] = 1;
  return m;
};
const path = (n: number) =>
  graph(
    n,
    Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as const),
  );
const star = (leaves: number) =>
  graph(
    leaves + 1,
    Array.from({ length: leaves }, (_, i) => [0, i + 1] as const),
  );
/** networkx barbell_graph(4, 1): cliques 0–3 and 5–8, joined through 4. */
const barbell = () => {
  const clique = (nodes: number[]) => nodes.flatMap((u, i) => nodes.slice(i + 1).map((v) => [u, v] as const));
  return graph(9, [...clique([0, 1, 2, 3]), ...clique([5, 6, 7, 8]), [3, 4], [4, 5]]);
};
/** A triangle, a pair and an isolated node. */
const parts = () =>
  graph(6, [
    [0, 1],
    [1, 2],
    [0, 2],
    [3, 4],
  ]);

function state(g: ReturnType<typeof graph>, removed: readonly number[] = []) {
  const found = components(g, mask(g.n, removed));
  return { largest: found.largest, count: found.sizes.length, fragmentation: fragmentation(reachablePairs(found.sizes), found.alive) };
}

describe('components and fragmentation', () => {
  it('works out a path, a star, a barbell and disconnected parts by hand', () => {
    expect(state(path(5))).toEqual({ largest: 5, count: 1, fragmentation: 0 });
    // Path 0–4 without 2: two pairs, 4 of 12 ordered pairs still connected.
    expect(state(path(5), [2])).toEqual({ largest: 2, count: 2, fragmentation: 1 - 4 / 12 });
    // Star without its centre: four isolated leaves.
    expect(state(star(4), [0])).toEqual({ largest: 1, count: 4, fragmentation: 1 });
    expect(state(star(4), [1])).toEqual({ largest: 4, count: 1, fragmentation: 0 });
    // Barbell without its middle: two cliques of 4, 24 of 56 ordered pairs connected.
    expect(state(barbell(), [4])).toEqual({ largest: 4, count: 2, fragmentation: 1 - 24 / 56 });
    // 3 + 2 + 1 nodes: 8 of 30 ordered pairs connected.
    expect(state(parts())).toEqual({ largest: 3, count: 3, fragmentation: 1 - 8 / 30 });
  });

  it('calls one node or none fully fragmented', () => {
    expect(fragmentation(0, 1)).toBe(1);
    expect(fragmentation(0, 0)).toBe(1);
    expect(state(graph(0, []))).toEqual({ largest: 0, count: 0, fragmentation: 1 });
  });
});

describe('distanceFragmentation', () => {
  it('matches Borgatti’s definition worked out by hand', () => {
    expect(distanceFragmentation(path(3), mask(3))).toBeCloseTo(1 / 6, 12);
    expect(distanceFragmentation(star(4), mask(5))).toBeCloseTo(0.3, 12);
    expect(distanceFragmentation(path(5), mask(5))).toBeCloseTo(0.3583333333333333, 12);
    expect(distanceFragmentation(path(5), mask(5, [2]))).toBeCloseTo(2 / 3, 12);
    expect(distanceFragmentation(barbell(), mask(9))).toBeCloseTo(0.39583333333333337, 12);
    expect(distanceFragmentation(barbell(), mask(9, [4]))).toBeCloseTo(0.5714285714285714, 12);
    expect(distanceFragmentation(parts(), mask(6))).toBeCloseTo(0.7333333333333334, 12);
  });

  it('estimates from the sources left, and is exact when they are all the nodes', () => {
    const g = barbell();
    expect(
      distanceFragmentation(
        g,
        mask(9),
        Int32Array.from({ length: 9 }, (_, i) => i),
      ),
    ).toBeCloseTo(0.39583333333333337, 12);
    // From node 4 alone: its two neighbours at 1 hop, the six other clique members at 2, over 8 others.
    expect(distanceFragmentation(g, mask(9), [4])).toBeCloseTo(1 - (2 + 6 / 2) / 8, 12);
    // Removed sources are skipped.
    expect(distanceFragmentation(g, mask(9, [4]), [4, 0])).toBeCloseTo(1 - 3 / 7, 12);
  });
});

describe('pairsAfterRemoving', () => {
  it('gives, for every node left, the connected pairs a component count would give after removing it', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 30; trial++) {
      const n = 8 + rng.int(0, 40);
      const edges: [number, number][] = [];
      for (let e = 0; e < n * (1 + rng.int(0, 2)); e++) edges.push([rng.int(0, n - 1), rng.int(0, n - 1)]);
      const unique = [...new Map(edges.map(([u, v]) => [`${Math.min(u, v)}-${Math.max(u, v)}`, [Math.min(u, v), Math.max(u, v)] as const])).values()];
      const g = graph(n, unique);
      const removed = mask(
        n,
        rng.sample(
          Array.from({ length: n }, (_, i) => i),
          rng.int(0, 3),
        ),
      );
      const { now, after } = pairsAfterRemoving(g, removed);
      expect(now).toBe(reachablePairs(components(g, removed).sizes));
      for (let v = 0; v < n; v++) {
        if (removed[v]) {
          expect(after[v]).toBeNaN();
          continue;
        }
        removed[v] = 1;
        expect(after[v], `trial ${trial}, node ${v}`).toBe(reachablePairs(components(g, removed).sizes));
        removed[v] = 0;
      }
    }
  });

  it('knows the barbell’s middle and the star’s centre cut the most', () => {
    expect(pairsAfterRemoving(barbell(), mask(9)).after[4]).toBe(24);
    const { after } = pairsAfterRemoving(star(4), mask(5));
    expect(Array.from(after)).toEqual([0, 12, 12, 12, 12]);
  });
});

describe('withoutNodes', () => {
  it('drops the removed nodes’ ties and keeps the indices', () => {
    const g = withoutNodes(path(4), mask(4, [1]));
    expect(g.n).toBe(4);
    expect(Array.from(g.offsets)).toEqual([0, 0, 0, 1, 2]);
    expect(Array.from(g.targets)).toEqual([3, 2]);
    expect(g.index.get('n0003')).toBe(3);
  });
});
