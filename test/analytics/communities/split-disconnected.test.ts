import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';

import { modularity } from '../../../src/analytics/communities/modularity.js';
import { splitDisconnected } from '../../../src/analytics/communities/split-disconnected.js';
import { isConnected } from '../../support/random-graph.js';

function graphOf(edges: readonly (readonly [string, string, number])[], isolated: readonly string[] = []): UndirectedGraph {
  const graph = new UndirectedGraph({ allowSelfLoops: true });
  for (const node of isolated) graph.addNode(node);
  for (const [u, v, weight] of edges) graph.mergeEdge(u, v, { weight });
  return graph;
}

/**
 * Broker b ties cells A = a1..a3 and B = c1..c3 (weight 3 each) and group Y = y1..y4 (weight 5).
 * The partition {b, Y}, {A ∪ B} is what graphology's Louvain returns for it with one traversal
 * order (see louvain.test.ts): A ∪ B has no internal tie between its halves.
 */
const clique = (members: string[], weight: number) => members.flatMap((u, i) => members.slice(i + 1).map((v) => [u, v, weight] as const));
const [A, B, Y] = [
  ['a1', 'a2', 'a3'],
  ['c1', 'c2', 'c3'],
  ['y1', 'y2', 'y3', 'y4'],
];
const broker = graphOf([
  ...clique(A, 1),
  ...clique(B, 1),
  ...clique(Y, 1),
  ...[...A, ...B].map((member) => ['b', member, 3] as const),
  ...Y.map((member) => ['b', member, 5] as const),
]);
const raw = [
  ['b', ...Y],
  [...B, ...A],
];

describe('splitDisconnected', () => {
  it('splits a community left without its bridge into its connected parts', () => {
    expect(isConnected(broker, raw[1] as string[])).toBe(false);
    const split = splitDisconnected(broker, raw);
    expect(split).toEqual([['b', ...Y], A, B]);
    for (const members of split) expect(isConnected(broker, members)).toBe(true);
  });

  it('raises modularity: the parts share no tie, so only a penalty term goes (networkx values)', () => {
    expect(modularity(broker, raw)).toBeCloseTo(0.059999999999999956, 12);
    expect(modularity(broker, splitDisconnected(broker, raw))).toBeCloseTo(0.10499999999999995, 12);
  });

  it('keeps connected communities as they are, sorting members only', () => {
    expect(splitDisconnected(broker, [[...Y].reverse(), ['b', ...A].reverse(), ['c3', 'c1', 'c2']])).toEqual([Y, [...A, 'b'], B]);
  });

  it('treats a community of unconnected people, self-loops included, as singletons', () => {
    const graph = graphOf(
      [
        ['p', 'p', 2],
        ['p', 'q', 1],
        ['r', 'r', 1],
      ],
      ['s'],
    );
    expect(splitDisconnected(graph, [['s', 'r', 'p'], ['q']])).toEqual([['p'], ['r'], ['s'], ['q']]);
  });

  it('separates components and ignores nodes left out of the partition', () => {
    const graph = graphOf(
      [
        ['a', 'b', 1],
        ['c', 'd', 1],
        ['d', 'e', 1],
      ],
      ['loose'],
    );
    expect(splitDisconnected(graph, [['e', 'a', 'c', 'b', 'd'], []])).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    expect(splitDisconnected(new UndirectedGraph(), [])).toEqual([]);
  });

  it('leaves its input untouched', () => {
    const before = JSON.stringify(broker.export());
    const communities = raw.map((members) => [...members]);
    splitDisconnected(broker, communities);
    expect(JSON.stringify(broker.export())).toBe(before);
    expect(communities).toEqual(raw);
  });

  it('refuses unknown nodes and overlapping communities', () => {
    expect(() => splitDisconnected(broker, [['ghost']])).toThrow(/^analytics\/split-disconnected: ghost is not in the graph/);
    expect(() => splitDisconnected(broker, [['b'], ['b']])).toThrow(/^analytics\/split-disconnected: b is in two communities/);
  });
});
