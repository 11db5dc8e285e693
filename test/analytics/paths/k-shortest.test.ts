import { MultiUndirectedGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import { describe, expect, it } from 'vitest';

import { kShortestPaths } from '../../../src/analytics/paths/k-shortest.js';
import { type WeightedEdge, weightedGraph } from '../../support/random-graph.js';
import cases from './k-shortest.expected.json' with { type: 'json' };

// Expected paths come from networkx 3.6.1's shortest_simple_paths on seeded random graphs
// (k-shortest-expected.py writes them, graphs included): paths over maxHops left out, all as
// long as the kth taken, sorted by (length, hops, node keys) since networkx orders equally long
// paths arbitrarily, then the first k.

const length = (attributes: Attributes) => attributes.weight as number;

describe('kShortestPaths against networkx', () => {
  for (const { name, weighted, nodes, edges, queries } of cases) {
    it(`${name}: ${queries.length} queries`, () => {
      const graph = weightedGraph(edges as unknown as WeightedEdge[], nodes);
      for (const { source, target, k, maxHops, paths } of queries) {
        const what = `${source}→${target} k=${k} maxHops=${maxHops}`;
        const found = kShortestPaths(graph, source, target, { k, maxHops, length: weighted ? length : undefined });
        expect(found.tiesComplete, what).toBe(true);
        expect(
          found.paths.map((p) => p.nodes),
          what,
        ).toEqual(paths.map((p) => p.nodes));
        found.paths.forEach((p, i) => {
          expect(p.length, what).toBeCloseTo(paths[i]!.length, 9);
          expect(p.hops).toBe(p.nodes.length - 1);
        });
      }
    });
  }

  it('covers paths found, none found, ties at the kth place and cut by maxHops', () => {
    const all = cases.flatMap((c) => c.queries);
    expect(all.filter((q) => q.paths.length === 0).length).toBeGreaterThan(0);
    expect(all.filter((q) => q.paths.length === q.k && q.k === 10).length).toBeGreaterThan(10);
    // The cheapest path of some weighted pair is over 3 ties long, so maxHops=3 changes the answer.
    const weighted = cases.filter((c) => c.weighted).flatMap((c) => c.queries);
    const cut = weighted.filter((q) => q.maxHops === 3 && q.paths.length > 0);
    const first = (source: string, target: string) => weighted.find((q) => q.source === source && q.target === target && q.k === 1)!.paths[0]!;
    expect(cut.some((q) => q.paths[0]!.length > first(q.source, q.target).length)).toBe(true);
  });
});

describe('kShortestPaths by hand', () => {
  // a–b–d and a–c–d are 2 hops; a–d direct is 1; a–b–c–d is 3.
  const square: WeightedEdge[] = [
    ['a', 'b', 1],
    ['b', 'd', 1],
    ['a', 'c', 1],
    ['c', 'd', 1],
    ['a', 'd', 10],
    ['b', 'c', 1],
  ];

  it('orders by hops, then by keys where hops tie', () => {
    const { paths } = kShortestPaths(weightedGraph(square), 'a', 'd', { k: 4 });
    expect(paths.map((p) => p.nodes.join(''))).toEqual(['ad', 'abd', 'acd', 'abcd']);
    expect(paths.map((p) => p.length)).toEqual([1, 2, 2, 3]);
  });

  it('orders by length when weighted: the long direct tie comes last', () => {
    const { paths } = kShortestPaths(weightedGraph(square), 'a', 'd', { k: 10, length });
    expect(paths.map((p) => [p.nodes.join(''), p.length])).toEqual([
      ['abd', 2],
      ['acd', 2],
      ['abcd', 3],
      ['acbd', 3],
      ['ad', 10],
    ]);
  });

  it('keeps within maxHops, and answers none when no path is that short', () => {
    const line = weightedGraph([
      ['a', 'b', 1],
      ['b', 'c', 1],
      ['c', 'd', 1],
    ]);
    expect(kShortestPaths(line, 'a', 'd', { maxHops: 2 }).paths).toEqual([]);
    expect(kShortestPaths(line, 'a', 'd', { maxHops: 3 }).paths).toEqual([{ nodes: ['a', 'b', 'c', 'd'], length: 3, hops: 3 }]);
  });

  it('takes the shortest of parallel ties and ignores self-loops', () => {
    const multi = new MultiUndirectedGraph({ allowSelfLoops: true });
    multi.mergeEdge('a', 'b', { weight: 4 });
    multi.addEdge('a', 'b', { weight: 2 });
    multi.addEdge('b', 'b', { weight: 1 });
    expect(kShortestPaths(multi, 'a', 'b', { k: 3, length }).paths).toEqual([{ nodes: ['a', 'b'], length: 2, hops: 1 }]);
  });

  it('reports when equally long paths beyond the kth were not all searched', () => {
    // Ten disjoint 2-hop routes a–mi–z: with k=1 and tieSearch=3 the search stops early.
    const fan = weightedGraph(Array.from({ length: 10 }, (_, i) => [['a', `m${i}`, 1] as const, [`m${i}`, 'z', 1] as const]).flat());
    const capped = kShortestPaths(fan, 'a', 'z', { k: 1, tieSearch: 3 });
    expect(capped.tiesComplete).toBe(false);
    const full = kShortestPaths(fan, 'a', 'z', { k: 1 });
    expect(full).toEqual({ paths: [{ nodes: ['a', 'm0', 'z'], length: 2, hops: 2 }], tiesComplete: true });
  });

  it('leaves the graph as it was and names its module in errors', () => {
    const graph = weightedGraph(square);
    const before = graph.export();
    kShortestPaths(graph, 'a', 'd', { k: 5, length });
    expect(graph.export()).toEqual(before);
    expect(() => kShortestPaths(graph, 'a', 'x')).toThrow('analytics/paths: no node x');
    expect(() => kShortestPaths(graph, 'a', 'a')).toThrow('analytics/paths: source and target are the same node');
    expect(() => kShortestPaths(graph, 'a', 'd', { k: 0 })).toThrow('analytics/paths: k must be');
    expect(() => kShortestPaths(graph, 'a', 'd', { length: () => 0 })).toThrow('lengths must be positive');
  });
});
