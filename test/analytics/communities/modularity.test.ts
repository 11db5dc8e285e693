import { DirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';

import { DEFAULTS, modularity } from '../../../src/analytics/communities/modularity.js';
import { KARATE_EDGES, KARATE_FACTIONS } from '../../fixtures/karate.js';

// Reference values: networkx 3.6.1, community.modularity(G, partition, weight='weight', resolution=r).

function karate(): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const [u, v] of KARATE_EDGES) graph.mergeEdge(String(u), String(v), { weight: 1 });
  return graph;
}
const factions = [0, 1].map((side) => KARATE_FACTIONS.flatMap((f, node) => (f === side ? [String(node)] : [])));

/** Two weighted triangles joined by a weak tie, self-loops on a and e, and an isolated z. */
function looped(): UndirectedGraph {
  const graph = new UndirectedGraph({ allowSelfLoops: true });
  graph.addNode('z');
  const edges = [
    ['a', 'b', 2],
    ['b', 'c', 1],
    ['a', 'c', 3],
    ['c', 'd', 0.5],
    ['d', 'e', 4],
    ['e', 'f', 1],
    ['d', 'f', 2],
    ['a', 'a', 1.5],
    ['e', 'e', 2],
  ] as const;
  for (const [u, v, weight] of edges) graph.mergeEdge(u, v, { weight });
  return graph;
}
const triangles = [['a', 'b', 'c'], ['d', 'e', 'f'], ['z']];

describe('modularity', () => {
  it.each([
    [1, 0.3582347140039448],
    [0.5, 0.6086045364891519],
    [2, -0.14250493096646943],
  ])('matches networkx on the karate factions at resolution %d', (resolution, expected) => {
    expect(modularity(karate(), factions, { resolution })).toBeCloseTo(expected, 12);
  });

  it.each([
    [1, 0.46669550173010377],
    [1.5, 0.21474913494809683],
    [0.25, 0.8446150519031141],
  ])('matches networkx with weights, self-loops and an isolated node at resolution %d', (resolution, expected) => {
    expect(modularity(looped(), triangles, { resolution })).toBeCloseTo(expected, 12);
  });

  it('gives 0 for one community per component, and defaults to resolution 1', () => {
    expect(modularity(looped(), [['a', 'b', 'c', 'd', 'e', 'f'], ['z']])).toBeCloseTo(0, 12);
    expect(DEFAULTS).toEqual({ resolution: 1 });
    expect(modularity(looped(), triangles)).toBe(modularity(looped(), triangles, { resolution: 1 }));
  });

  it('is 0 without edges (networkx divides by zero there) and for an empty graph', () => {
    const graph = new UndirectedGraph();
    expect(modularity(graph, [])).toBe(0);
    graph.addNode('a');
    graph.addNode('b');
    expect(modularity(graph, [['a'], ['b']])).toBe(0);
  });

  it('refuses anything but a partition of the graph', () => {
    expect(() =>
      modularity(looped(), [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ]),
    ).toThrow(/^analytics\/modularity: every node must be in a community/);
    expect(() => modularity(looped(), [...triangles, ['ghost']])).toThrow(/^analytics\/modularity: ghost is not in the graph/);
    expect(() => modularity(looped(), [...triangles, ['a']])).toThrow(/^analytics\/modularity: a is in two communities/);
  });

  it('refuses bad weights, directed graphs and a negative resolution', () => {
    const graph = looped();
    graph.setEdgeAttribute('a', 'b', 'weight', -2);
    expect(() => modularity(graph, triangles)).toThrow(/^analytics\/modularity: edge a–b has weight -2/);
    const directed = new DirectedGraph();
    directed.mergeEdge('a', 'b', { weight: 1 });
    expect(() => modularity(directed, [['a', 'b']])).toThrow(/^analytics\/modularity: graph must be simple and undirected/);
    expect(() => modularity(looped(), triangles, { resolution: -0.5 })).toThrow(/^analytics\/modularity: resolution/);
  });
});
