import { DirectedGraph, MultiUndirectedGraph, UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';

import { type Csr, csrFromEdges, toCsr } from '../../src/analytics/csr.js';
import { weightedGraph } from '../support/random-graph.js';

/** Each node's ties as sorted "target:weight" strings, read back from the CSR. */
const adjacency = (csr: Csr) =>
  Object.fromEntries(
    csr.ids.map((id, v) => {
      const ties: string[] = [];
      for (let e = csr.offsets[v]!; e < csr.offsets[v + 1]!; e++) ties.push(`${csr.ids[csr.targets[e]!]}:${csr.weights[e]}`);
      return [id, ties.sort()];
    }),
  );

describe('toCsr', () => {
  it('lists each tie in both adjacency lists, a self-loop once, and keeps isolated nodes in graph order', () => {
    const graph = weightedGraph(
      [
        ['b', 'a', 2],
        ['a', 'c', 0.5],
        ['c', 'c', 3],
      ],
      ['a', 'b', 'c', 'lone'],
    );
    const csr = toCsr(graph);

    expect(csr.n).toBe(4);
    expect(csr.ids).toEqual(['a', 'b', 'c', 'lone']);
    expect([...csr.index]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['lone', 3],
    ]);
    expect([...csr.offsets]).toEqual([0, 2, 3, 5, 5]);
    expect(adjacency(csr)).toEqual({ a: ['b:2', 'c:0.5'], b: ['a:2'], c: ['a:0.5', 'c:3'], lone: [] });
  });

  it('reads the weight from the attribute it is given', () => {
    const graph = weightedGraph([['a', 'b', 1]]);
    graph.setEdgeAttribute('a', 'b', 'strength', 4);
    expect([...toCsr(graph, 'strength').weights]).toEqual([4, 4]);
  });

  it('handles an empty graph', () => {
    const csr = toCsr(weightedGraph([]));
    expect(csr.n).toBe(0);
    expect([...csr.offsets]).toEqual([0]);
    expect(csr.targets.length).toBe(0);
  });

  it.each([
    ['zero', 0, '0'],
    ['negative', -1, '-1'],
    ['NaN', Number.NaN, 'NaN'],
    ['infinite', Number.POSITIVE_INFINITY, 'Infinity'],
    ['string', '2', '"2"'],
  ])('rejects a %s weight, naming the edge', (_label, weight, shown) => {
    const graph = weightedGraph([['a', 'b', 1]]);
    graph.setEdgeAttribute('a', 'b', 'weight', weight);
    expect(() => toCsr(graph)).toThrow(RangeError);
    expect(() => toCsr(graph)).toThrow(`(a – b) has weight ${shown}; it must be a finite number > 0`);
  });

  it('rejects a missing weight instead of reading it as 1', () => {
    const graph = weightedGraph([], ['a', 'b']);
    graph.addEdge('a', 'b');
    expect(() => toCsr(graph)).toThrow('analytics/csr: edge');
  });

  it('rejects directed and multi graphs', () => {
    const directed = new DirectedGraph();
    directed.mergeEdge('a', 'b', { weight: 1 });
    expect(() => toCsr(directed)).toThrow('analytics/csr: the graph must be undirected, not directed');
    expect(() => toCsr(new MultiUndirectedGraph())).toThrow('analytics/csr: the graph must not be multi');
  });
});

describe('csrFromEdges', () => {
  it('builds what toCsr builds from the same nodes and edges in the same order', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const source = Int32Array.from([0, 0, 1, 2, 3]);
    const target = Int32Array.from([1, 2, 2, 2, 3]);
    const weight = Float64Array.from([1, 2.5, 3, 0.5, 4]);
    const graph = new UndirectedGraph({ allowSelfLoops: true });
    for (const id of ids) graph.addNode(id);
    for (let e = 0; e < source.length; e++) graph.addEdge(ids[source[e]!]!, ids[target[e]!]!, { weight: weight[e]! });
    expect(csrFromEdges(ids, source, target, weight)).toEqual(toCsr(graph));
  });

  it('refuses a weight that is not a positive number and an index outside the nodes', () => {
    expect(() => csrFromEdges(['a', 'b'], Int32Array.from([0]), Int32Array.from([1]), Float64Array.from([0]))).toThrow(/analytics\/csr: edge 0 \(a – b\) has weight 0/);
    expect(() => csrFromEdges(['a'], Int32Array.from([0]), Int32Array.from([1]), Float64Array.from([1]))).toThrow(/analytics\/csr: edge 0 names a node outside 0..0/);
  });
});
