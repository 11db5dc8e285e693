import { describe, expect, it } from 'vitest';

import {
  confidenceCell,
  confidenceOf,
  dependsOnText,
  describeDraws,
  factText,
  type NodeConfidence,
  percent,
  rankInterval,
  rerunRequestOf,
  tieKindsText,
  topShare,
  withConfidence,
} from '../../explorer/src/data/confidence.js';
import { describeRun } from '../../explorer/src/data/scope.js';

const CONFIDENCE: NodeConfidence = {
  medianRank: 3,
  rankInterval: { low: 2, high: 5 },
  inTopK: 0.97,
  k: 10,
  stableCore: true,
  dependsOn: [{ key: 'person:P-014', id: 'P-014', name: 'Karim Haddad', tieKinds: { payment: 2, meeting: 1 }, keptIn: 0.64, medianRankWith: 2, medianRankWithout: 7 }],
  dependsOnFacts: [{ fact: 'payment PAY-0412', keptIn: 0.25, medianRankWith: 2, medianRankWithout: 9 }],
  explanation: ['Ranked 3rd …'],
};

describe('explorer/confidence', () => {
  it('asks for 100 draws when ticked, and takes confidence out when not, keeping the other parameters', () => {
    expect(withConfidence({ scope: { minAssessment: 'D' } }, true)).toEqual({ scope: { minAssessment: 'D' }, parameters: { confidence: { draws: 100 } } });
    expect(withConfidence({ scope: {}, parameters: { seed: 3, confidence: { draws: 50 } } }, false)).toEqual({ scope: {}, parameters: { seed: 3 } });
    const body = { scope: {}, parameters: { seed: 3 } };
    withConfidence(body, true);
    expect(body.parameters).toEqual({ seed: 3 });
  });

  it('reads a run’s confidence summary, null without one', () => {
    expect(confidenceOf(null)).toBeNull();
    expect(confidenceOf({ summary: null } as never)).toBeNull();
    expect(confidenceOf({ summary: { graph: { nodes: 1, ties: 0 } } } as never)).toBeNull();
  });

  it('words an interval, a share and a cell as the ranking table shows them', () => {
    expect(rankInterval(CONFIDENCE)).toBe('2–5');
    expect(rankInterval({ rankInterval: { low: 4, high: 4 } })).toBe('4');
    expect(topShare(CONFIDENCE)).toBe('97% in top 10');
    expect(confidenceCell(CONFIDENCE)).toMatchObject({ text: '2–5 · 97% in top 10', low: 2, high: 5, inTopK: 0.97, stableCore: true });
    expect(confidenceCell(CONFIDENCE).title).toBe(
      'Ranked from 2 to 5 in 90% of the resampled networks (median 3), in the top 10 in 97%; stable core: in the top 10 in at least 90%',
    );
    expect(confidenceCell(undefined)).toMatchObject({ text: '–', low: null, high: null, inTopK: null, stableCore: false });
  });

  it('never rounds a share up to every draw or down to none unless it is', () => {
    expect([percent(1), percent(0.996), percent(0.5), percent(0.004), percent(0)]).toEqual(['100%', '99%', '50%', '<1%', '0%']);
  });

  it('words a “depends on” tie: its kinds, how often kept, the median rank with and without', () => {
    expect(dependsOnText(CONFIDENCE.dependsOn[0]!)).toBe('2 payments, 1 meeting · kept in 64% of draws · median rank 2 with it, 7 without');
    expect(tieKindsText({ family: 2, crossing: 0, vessel: 1 })).toBe('2 families, 1 vessel');
    expect(tieKindsText({})).toBe('no relation counted');
  });

  it('says how the draws were made', () => {
    const summary = {
      draws: 100,
      dropout: 0,
      grading: true,
      seed: 1,
      top: 10,
      sourcesPerDraw: 20,
      stableCore: [{ key: 'person:P-1', id: 'P-1', name: null, medianRank: 1, inTopK: 1 }],
    };
    expect(describeDraws(summary)).toBe(
      'Rank confidence from 100 resampled networks (each fact kept as likely as its grading says; seed 1). Stable core: 1 entity in the top 10 in at least 90% of them.',
    );
    expect(describeDraws({ ...summary, grading: false, dropout: 0.1, stableCore: [] })).toBe(
      'Rank confidence from 100 resampled networks (10% of ties dropped at random; seed 1). Stable core: 0 entities in the top 10 in at least 90% of them.',
    );
  });

  it('marks a run made with rank confidence in the run picker', () => {
    const run = { createdAt: '2026-12-04T17:42:00Z', status: 'done', scope: { investigations: ['OP-TIDE'] }, summary: null };
    expect(describeRun(run as never)).toBe('2026-12-04 17:42 · OP-TIDE · grading ≥ D · done');
    const summary = { graph: { nodes: 12, ties: 3 }, confidence: { draws: 100 } };
    expect(describeRun({ ...run, summary } as never)).toBe('2026-12-04 17:42 · OP-TIDE · grading ≥ D · done · 12 nodes · rank confidence');
  });

  it('runs a run again with its own rank confidence, and a fact it rests on in words', () => {
    const run = {
      scope: { investigations: ['OP-1'], minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' },
      parameters: { seed: 4, resolution: 1, confidence: { draws: 40, dropout: 0.1, grading: true, seed: 4, top: 5 } },
    } as unknown as Parameters<typeof rerunRequestOf>[0];
    expect(rerunRequestOf(run).parameters).toEqual({ seed: 4, resolution: 1, confidence: { draws: 40, dropout: 0.1, grading: true, seed: 4, top: 5 } });
    const without = { ...run, parameters: { seed: 4, resolution: 1 } } as unknown as Parameters<typeof rerunRequestOf>[0];
    expect(rerunRequestOf(without).parameters).toEqual({ seed: 4, resolution: 1 });
    expect(factText(CONFIDENCE.dependsOnFacts[0]!)).toBe('kept in 25% of draws · median rank 2 with it, 9 without');
  });
});
