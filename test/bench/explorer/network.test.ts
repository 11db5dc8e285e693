import { describe, expect, it } from 'vitest';

import { explorerNetwork } from '../../../bench/explorer/network.js';
import { toExplorerGraph } from '../../../explorer/src/data/explorer-graph.js';

describe('bench/explorer/network', () => {
  it('makes exactly the nodes and distinct ties asked for, mostly inside communities', () => {
    const { exported, ranking } = explorerNetwork({ nodes: 1_000, ties: 4_000, communitySize: 100, seed: 3 });
    const graph = toExplorerGraph(exported.graph);
    expect(graph.order).toBe(1_000);
    expect(graph.size).toBe(4_000);
    let inside = 0;
    graph.forEachEdge((_, __, ___, ____, a, b) => (inside += a.community === b.community ? 1 : 0));
    expect(inside / graph.size).toBeGreaterThan(0.85);
    expect(new Set(graph.mapNodes((_, a) => a.community)).size).toBe(10);
    expect(ranking.map((r) => r.rank)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('is the same network for the same seed', () => {
    expect(explorerNetwork({ nodes: 300, ties: 900, seed: 5 })).toEqual(explorerNetwork({ nodes: 300, ties: 900, seed: 5 }));
  });

  it('refuses more ties than it could place', () => {
    expect(() => explorerNetwork({ nodes: 10, ties: 40 })).toThrow('bench/explorer/network: too many ties for the nodes');
  });
});
