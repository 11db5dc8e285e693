import { describe, expect, it } from 'vitest';

import { participation } from '../../../src/analytics/brokerage/participation.js';
import { toCsr } from '../../../src/analytics/csr.js';
import { KARATE_FACTIONS, karateGraph } from '../../fixtures/karate.js';
import { weightedGraph } from '../../support/random-graph.js';

function expectClose(actual: Float64Array, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i], `node ${i}`).toBeCloseTo(value, 9));
}

describe('participation', () => {
  it('works out a star whose leaves sit in three communities by hand', () => {
    // c (community 0) has one tie into 0, two into 1 and one into 2: 1 − (1/4)² − (2/4)² − (1/4)².
    const csr = toCsr(weightedGraph(['l1', 'l2', 'l3', 'l4'].map((leaf) => ['c', leaf, 1] as const)));
    const result = participation(csr, Int32Array.from([0, 0, 1, 1, 2]));
    expectClose(result.participation, [1 - 6 / 16, 0, 0, 0, 0]);
    expect([...result.communitiesBridged]).toEqual([2, 0, 1, 1, 1]);
  });

  it('weighs ties by strength, and ignores self-loops and people with no ties', () => {
    // a: 3 into its own community, 1 into the other: 1 − (3/4)² − (1/4)²; its self-loop bridges nothing.
    const csr = toCsr(
      weightedGraph(
        [
          ['a', 'a', 5],
          ['a', 'b', 3],
          ['a', 'c', 1],
        ],
        ['a', 'b', 'c', 'lone'],
      ),
    );
    const result = participation(csr, Int32Array.from([0, 0, 1, 1]));
    expectClose(result.participation, [1 - 10 / 16, 0, 0, 0]);
    expect([...result.communitiesBridged]).toEqual([1, 0, 1, 0]);
  });

  it("scores the karate club's members against the two factions of the split", () => {
    // Member 0 has 15 ties in Mr. Hi's faction and 1 in the Officer's: 1 − (15² + 1²)/16²;
    // member 33 has 3 and 14: 1 − (3² + 14²)/17².
    const result = participation(toCsr(karateGraph()), Int32Array.from(KARATE_FACTIONS));
    expectClose(result.participation, [
      1 - 226 / 256,
      0.1975308642,
      0.48,
      0,
      0,
      0,
      0,
      0,
      0.48,
      0.5,
      0,
      0,
      0,
      0.32,
      0,
      0,
      0,
      0,
      0,
      0.4444444444,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0.375,
      0.4444444444,
      0,
      0.5,
      0.2777777778,
      0.2777777778,
      1 - 205 / 289,
    ]);
    expect([...result.communitiesBridged]).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1]);
  });

  it('rejects a community array of the wrong length or with a negative index', () => {
    const csr = toCsr(weightedGraph([['a', 'b', 1]]));
    expect(() => participation(csr, Int32Array.from([0]))).toThrow(new RangeError('analytics/participation: community has 1 entries for 2 nodes'));
    expect(() => participation(csr, Int32Array.from([0, -1]))).toThrow(new RangeError('analytics/participation: community indices must be ≥ 0'));
  });
});
