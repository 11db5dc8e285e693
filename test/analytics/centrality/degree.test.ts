import { describe, expect, it } from 'vitest';

import { degreeCentrality } from '../../../src/analytics/centrality/degree.js';
import { toCsr } from '../../../src/analytics/csr.js';
import { karateGraph } from '../../fixtures/karate.js';
import { weightedGraph } from '../../support/random-graph.js';

describe('degreeCentrality', () => {
  it('counts distinct neighbours and sums tie strengths, leaving self-loops and isolated nodes at 0', () => {
    const csr = toCsr(
      weightedGraph(
        [
          ['a', 'a', 3],
          ['a', 'b', 1],
          ['b', 'c', 1.5],
          ['c', 'c', 1],
          ['c', 'd', 2],
        ],
        ['a', 'b', 'c', 'd', 'e'],
      ),
    );
    const { degree, strength } = degreeCentrality(csr);
    expect([...degree]).toEqual([1, 2, 2, 1, 0]);
    expect([...strength]).toEqual([1, 2.5, 3.5, 2, 0]);
  });

  it("gives the karate club's published degrees (Zachary 1977), with strength equal to degree at unit weight", () => {
    const { degree, strength } = degreeCentrality(toCsr(karateGraph()));
    const expected = [16, 9, 10, 6, 3, 4, 4, 4, 5, 2, 3, 1, 2, 5, 2, 2, 2, 2, 2, 3, 2, 2, 2, 5, 3, 3, 2, 4, 3, 4, 4, 6, 12, 17];
    expect([...degree]).toEqual(expected);
    expect([...strength]).toEqual(expected);
  });
});
