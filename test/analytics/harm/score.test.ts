import fc from 'fast-check';
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
    // financial raw, in pence: 2 × retained + received. The first kept £4,000 of £5,000
    // (2 × 400,000 + 500,000); the second passed on more than it received, kept nothing
    // (0 + 100,000); the payer who received nothing scores nothing.
    expect(Array.from(harm.raw.retained)).toEqual([400_000, 0, 0, 0]);
    expect(Array.from(harm.raw.financial)).toEqual([1_300_000, 100_000, 0, 0]);
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

  it('combines betweenness, PageRank and brokerage as shares of the highest, so a clear lead is not cancelled by a slim one', () => {
    // Worked by hand. Shares of the highest (0.6, 0.36; brokerage all 0, so its 2 × share is 0):
    //   A (2 × 0.6/0.6  + 0.30/0.36) / 5 = (2 + 0.8333…) / 5       = 0.566666…
    //   B (2 × 0.05/0.6 + 0.36/0.36) / 5 = (0.1666… + 1) / 5       = 0.233333…
    //   C (2 × 0.04/0.6 + 0.34/0.36) / 5 = (0.1333… + 0.9444…) / 5 = 0.215555…
    // As percentiles (the score before issue 22) A and B tied at (2 × 1 + 1/3) / 5 = (2 × 2/3 + 1) / 5
    // = 7/15: A's betweenness, twelve times B's, counted for no more than B's PageRank lead of 0.06.
    const harm = harmScores([null, null, null], measures(3, { betweenness: [0.6, 0.05, 0.04], pagerank: [0.3, 0.36, 0.34] }), new Uint8Array([1, 1, 1]));
    expect(harm.raw.structural[0]).toBeCloseTo(0.566666666667, 10);
    expect(harm.raw.structural[1]).toBeCloseTo(0.233333333333, 10);
    expect(harm.raw.structural[2]).toBeCloseTo(0.215555555556, 10);
    expect(harm.highest).toEqual({ betweenness: 0.6, pagerank: 0.36, brokerage: 0 });
    // The component is the structural raw value's percentile among the three: 1, 2/3, 1/3.
    expect(Array.from(harm.components.structural)).toEqual([1, 2 / 3, 1 / 3]);
  });

  it('ranks brokerage as participation plus a cut point: a jump in communities bridged moves nothing', () => {
    // D's ties spread over communities (participation 0.5) and D is a cut point: brokerage 1.5, the
    // highest; E's participation 0.75 is half of it. Communities bridged is a count of Louvain
    // communities that jumps when a border moves or one tie into a small community goes missing:
    // whether D touches 1 or 4 other communities, the score is the same.
    const at = (bridged: number) =>
      harmScores(
        [null, null],
        measures(2, { betweenness: [0.2, 0.2], participation: [0.5, 0.75], isArticulation: [1, 0], communitiesBridged: [bridged, 1] }),
        new Uint8Array([1, 1]),
      );
    const one = at(1);
    expect(Array.from(one.raw.brokerage)).toEqual([1.5, 0.75]);
    // Equal betweenness and PageRank (shares 1): (2 × 1 + 1 + 2 × 1) / 5 = 1 and (2 × 1 + 1 + 2 × 0.5) / 5 = 0.8.
    expect(Array.from(one.raw.structural)).toEqual([1, 0.8]);
    expect(Array.from(at(4).score)).toEqual(Array.from(one.score));
  });

  it('never ranks someone who only forwards money above whoever receives it at the end of the chain', () => {
    // A chain payer → F1 → … → Fk → end, each forwarder passing on all it received (from the
    // chain and from others of its own), beside bystanders who received and kept money of their own.
    const chain = fc.record({
      amount: fc.integer({ min: 1, max: 10_000_000 }),
      extra: fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 5 }),
      bystanders: fc.array(fc.tuple(fc.integer({ min: 0, max: 30_000_000 }), fc.integer({ min: 0, max: 30_000_000 })), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(chain, ({ amount, extra, bystanders }) => {
        const nodes: NodeEvidence[] = [evidence({ passedOn: gbp(amount) })];
        let flowing = amount;
        for (const more of extra) {
          nodes.push(evidence({ received: gbp(flowing + more), passedOn: gbp(flowing + more) }));
          flowing += more;
        }
        const end = nodes.push(evidence({ received: gbp(flowing) })) - 1;
        for (const [received, passedOn] of bystanders) nodes.push(evidence({ received: gbp(received), passedOn: gbp(passedOn) }));
        const harm = harmScores(nodes, measures(nodes.length), new Uint8Array(nodes.length).fill(1));
        for (let f = 1; f < end; f++) expect(harm.components.financial[f]!).toBeLessThan(harm.components.financial[end]!);
      }),
    );
  });
});
