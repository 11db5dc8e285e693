import { describe, expect, it } from 'vitest';

import { harmScores } from '../../../src/analytics/harm/score.js';
import { emptyEvidence } from '../../../src/analytics/projection/evidence.js';
import type { NodeEvidence } from '../../../src/analytics/projection/types.js';

function evidence(over: Partial<NodeEvidence>): NodeEvidence {
  return { ...emptyEvidence(), ...over };
}

const measures = (n: number, over: Partial<Record<string, number[]>> = {}) => ({
  degree: over.degree ?? new Array(n).fill(1),
  betweenness: over.betweenness ?? new Array(n).fill(0),
  pagerank: over.pagerank ?? new Array(n).fill(1 / n),
  participation: over.participation ?? new Array(n).fill(0),
  communitiesBridged: over.communitiesBridged ?? new Array(n).fill(0),
  isArticulation: over.isArticulation ?? new Array(n).fill(0),
});

describe('harm score', () => {
  const all = new Uint8Array([1, 1, 1, 1]);
  const gbp = (amount: number) => ({ byCurrency: { GBP: { amount, payments: 1 } }, largest: [] as [string, string, number][] });
  const nodes = [
    evidence({ organised: ['X1', 'X2'], received: gbp(500_000), passedOn: gbp(100_000), threat: 10 }),
    evidence({ recruited: ['X1'], received: gbp(100_000), passedOn: gbp(300_000) }),
    evidence({ passedOn: gbp(200_000) }),
    null,
  ];

  it('adds the contributions up to the score, each weight × percentile × 100', () => {
    const harm = harmScores(nodes, measures(4, { betweenness: [0.5, 0.1, 0, 0] }), all);
    for (let i = 0; i < 4; i++) {
      const sum = harm.contributions.structural[i]! + harm.contributions.operational[i]! + harm.contributions.financial[i]! + harm.contributions.threatToLife[i]!;
      expect(sum).toBe(harm.score[i]);
    }
    // operational raw: 3 × 2 organised = 6 vs 0.5 × 1 recruited: among the two who did any, 1 and 0.5.
    expect(harm.components.operational[0]).toBe(1);
    expect(harm.components.operational[1]).toBe(0.5);
    // financial raw: received + passed on up to what was received: £6,000, £2,000; the payer who
    // received nothing passed nothing on.
    expect(Array.from(harm.raw.financial)).toEqual([6000, 2000, 0, 0]);
    expect(harm.contributions.threatToLife[0]).toBeCloseTo(100 * 0.1 * 1, 12);
    expect(harm.score[3]).toBe(harm.contributions.structural[3]);
  });

  it('normalises the weights, and refuses weights that are all zero', () => {
    const harm = harmScores(nodes, measures(4), all, { weights: { structural: 0, operational: 2, financial: 2, threatToLife: 0 } });
    expect(harm.weights).toEqual({ structural: 0, operational: 0.5, financial: 0.5, threatToLife: 0 });
    expect(harm.score[0]).toBe(100);
    expect(() => harmScores(nodes, measures(4), all, { weights: { structural: 0, operational: 0, financial: 0, threatToLife: 0 } })).toThrow(
      /analytics\/harm: the harm weights must not all be 0/,
    );
  });

  it('scores nobody outside the ranked set, and gives a node without ties no structural part', () => {
    const harm = harmScores(nodes, measures(4, { degree: [1, 1, 1, 0], pagerank: [0.1, 0.2, 0.3, 0.4] }), new Uint8Array([1, 1, 0, 1]));
    expect(harm.score[2]).toBe(0);
    expect(harm.components.structural[3]).toBe(0);
  });
});
