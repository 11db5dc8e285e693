import { describe, expect, it } from 'vitest';

import { articulationPoints } from '../../../src/analytics/brokerage/articulation-points.js';
import { type Csr, toCsr } from '../../../src/analytics/csr.js';
import { karateGraph } from '../../fixtures/karate.js';
import { communityNetwork, type WeightedEdge, weightedGraph } from '../../support/random-graph.js';

/** Node keys of the articulation points, with how many people each cuts off. */
function cuts(edges: readonly WeightedEdge[], nodes: readonly string[] = []): Record<string, number> {
  const csr = toCsr(weightedGraph(edges, nodes));
  const { isArticulation, separated } = articulationPoints(csr);
  const found: Record<string, number> = {};
  csr.ids.forEach((id, v) => {
    if (isArticulation[v]) found[id] = separated[v]!;
    else expect(separated[v], id).toBe(0);
  });
  return found;
}

/** By definition: the sizes of the pieces that v's neighbours fall into once v is removed. */
function piecesWithout(csr: Csr, removed: number): number[] {
  const { offsets, targets } = csr;
  const seen = new Uint8Array(csr.n);
  seen[removed] = 1;
  const pieces: number[] = [];
  for (let e = offsets[removed]!; e < offsets[removed + 1]!; e++) {
    const start = targets[e]!;
    if (seen[start]) continue;
    seen[start] = 1;
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      for (let f = offsets[v]!; f < offsets[v + 1]!; f++) {
        const w = targets[f]!;
        if (!seen[w]) {
          seen[w] = 1;
          queue.push(w);
        }
      }
    }
    pieces.push(queue.length);
  }
  return pieces;
}

const unit = (pairs: string): WeightedEdge[] => pairs.split(' ').map((pair) => [pair[0]!, pair[1]!, 1]);

describe('articulationPoints', () => {
  it('finds the cut vertices of a path, a star, a cycle and a bow tie', () => {
    expect(cuts(unit('ab bc cd'))).toEqual({ b: 1, c: 1 });
    expect(cuts(unit('ca cb cd ce'))).toEqual({ c: 3 });
    expect(cuts(unit('ab bc cd de ea'))).toEqual({});
    // Two triangles sharing c: removing it leaves two pairs.
    expect(cuts(unit('ab bc ca cd de ec'))).toEqual({ c: 2 });
  });

  it('is right whether or not the cut vertex is where the search starts', () => {
    // r holds three branches of 3, 2 and 1 people: removing r keeps the 3, cuts off 3.
    const branches = unit('ra ab bc rd de rf');
    expect(cuts(branches, ['r'])).toEqual({ r: 3, a: 2, b: 1, d: 1 });
    expect(cuts(branches, ['c', 'e', 'f'])).toEqual({ r: 3, a: 2, b: 1, d: 1 });
    // A tie between the branch ends joins them into one cycle through r.
    expect(cuts([...branches, ['c', 'e', 1]], ['c'])).toEqual({ r: 1 });
  });

  it('ignores weights, self-loops and isolated people, per component', () => {
    expect(
      cuts(
        [
          ['a', 'a', 3],
          ['a', 'b', 0.1],
          ['b', 'c', 9],
          ['c', 'c', 1],
          ['c', 'd', 2],
        ],
        ['a', 'b', 'c', 'd', 'e'],
      ),
    ).toEqual({
      b: 1,
      c: 1,
    });
    expect(cuts(unit('ab bc ca xy yz zx zp'), ['a', 'b', 'c', 'i', 'x', 'y', 'z', 'p', 'j'])).toEqual({ z: 1 });
    expect(cuts([], ['a', 'b'])).toEqual({});
  });

  it("matches networkx on Zachary's karate club: only the instructor, whose removal cuts off 6", () => {
    // Member 11 and the group {4, 5, 6, 10, 16} hang on member 0 alone.
    expect(cuts(karateGraph().mapEdges((_e, { weight }, u, v) => [u, v, weight] as const))).toEqual({ '0': 6 });
  });

  it.each([1, 2, 3])('agrees with removing each node in turn on a sparse generated network (seed %i)', (seed) => {
    const csr = toCsr(communityNetwork({ nodes: 300, communities: 5, minTies: 0, maxTies: 2, seed }).graph);
    const { isArticulation, separated } = articulationPoints(csr);
    let found = 0;
    for (let v = 0; v < csr.n; v++) {
      const pieces = piecesWithout(csr, v);
      const cut = pieces.length > 1;
      expect(isArticulation[v] === 1, csr.ids[v]).toBe(cut);
      expect(separated[v], csr.ids[v]).toBe(cut ? pieces.reduce((a, b) => a + b) - Math.max(...pieces) : 0);
      if (cut) found++;
    }
    expect(found).toBeGreaterThan(20);
  });

  it('walks a 200 000-person chain without recursion', () => {
    const n = 200_000;
    const offsets = new Int32Array(n + 1);
    const targets: number[] = [];
    for (let v = 0; v < n; v++) {
      if (v > 0) targets.push(v - 1);
      if (v < n - 1) targets.push(v + 1);
      offsets[v + 1] = targets.length;
    }
    const ids = Array.from({ length: n }, (_, v) => `p${v}`);
    const csr: Csr = {
      n,
      ids,
      index: new Map(ids.map((id, v) => [id, v])),
      offsets,
      targets: Int32Array.from(targets),
      weights: new Float64Array(targets.length).fill(1),
    };
    const { isArticulation, separated } = articulationPoints(csr);
    expect(isArticulation[0]).toBe(0);
    expect(isArticulation[n - 1]).toBe(0);
    expect(isArticulation.reduce((sum, x) => sum + x, 0)).toBe(n - 2);
    expect(separated[1]).toBe(1);
    expect(separated[n / 2]).toBe(n / 2 - 1);
  });
});
