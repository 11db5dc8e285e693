import { describe, expect, it } from 'vitest';

import { edgeListLines, engineSources } from '../../../bench/harness/edge-list.js';
import { analyse } from '../../../src/analytics/engine.js';
import type { Projection } from '../../../src/analytics/projection/types.js';
import { rankedNodes } from '../../../src/analytics/ranking.js';
import { TIE_KINDS } from '../../../src/analytics/weights.js';

describe('edgeListLines', () => {
  const ties = { source: Int32Array.from([0, 1]), target: Int32Array.from([1, 2]), strength: Float64Array.from([0.5, 3]) };

  it('writes "n m", then "u v weight 1/weight" per tie, in round-trip number form', () => {
    expect(edgeListLines(4, ties)).toBe('4 2\n0 1 0.5 2\n1 2 3 0.3333333333333333\n');
  });

  it('writes the header only with the first chunk', () => {
    expect(edgeListLines(4, ties, 1, 2)).toBe('1 2 3 0.3333333333333333\n');
  });
});

/** An unweighted path 0 – 1 – … – n−1 as a projection (tie weights 1). */
function path(n: number): Projection {
  const nodes = Array.from({ length: n }, (_, v) => ({ key: `person:${String(v).padStart(3, '0')}`, type: 'person' as const, id: String(v), name: null, unresolved: false }));
  const m = n - 1;
  const K = TIE_KINDS.length;
  return {
    kind: 'people',
    nodes,
    ties: {
      source: Int32Array.from({ length: m }, (_, t) => t),
      target: Int32Array.from({ length: m }, (_, t) => t + 1),
      strength: new Float64Array(m).fill(1),
      kindCount: new Float64Array(m * K),
      money: new Float64Array(m),
    },
    evidence: nodes.map(() => null),
    dropped: [],
    relationsRead: m,
    tieKinds: TIE_KINDS,
  };
}

describe('engineSources', () => {
  it('is undefined when the engine runs from every node', () => {
    expect(engineSources(path(10), { exactBetweennessUpTo: 10, betweennessSamples: 3 })).toBeUndefined();
    expect(engineSources(path(10), { exactBetweennessUpTo: 5, betweennessSamples: 10 })).toBeUndefined();
  });

  it('gives the sources analyse() samples: its closeness is the mean of 1/d from exactly these', async () => {
    const n = 40;
    const options = { exactBetweennessUpTo: 10, betweennessSamples: 6, seed: 9 };
    const sources = engineSources(path(n), options)!;
    expect(new Set(sources).size).toBe(6);
    const result = await analyse(path(n), options);
    expect(result.betweenness).toEqual({ estimated: true, sources: 6, threads: 1 });
    for (const node of rankedNodes(result.ranking)) {
      const v = Number(node.id);
      const others = sources.filter((s) => s !== v);
      const expected = others.reduce((sum, s) => sum + 1 / Math.abs(s - v), 0) / others.length;
      expect(node.measures.closeness).toBeCloseTo(expected, 12);
    }
  });
});
