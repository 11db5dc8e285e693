import { describe, expect, it } from 'vitest';

import { documentRows, projectRows } from '../../../bench/harness/document-rows.js';
import { activityFacts, activityOfDraw } from '../../../src/analytics/confidence/activity.js';
import { rankedMask } from '../../../src/analytics/confidence/draws.js';
import { resampleTies } from '../../../src/analytics/confidence/resample.js';
import { activityScores } from '../../../src/analytics/harm/score.js';
import { DEFAULT_MONEY } from '../../../src/analytics/money.js';
import { generateNetwork } from '../../../src/generator/network.js';
import { createRng } from '../../../src/shared/rng.js';

/**
 * The facts a confidence run resamples add up to the projection as built: with every fact kept,
 * the ties are the projection's ties and what people did (operational, financial, threat to
 * life) is what harm/score.ts reads from the evidence, on a generated network with payments in
 * several currencies, crossings with every role and vessels.
 */
describe('analytics/confidence: facts add up to the projection', () => {
  const { document } = generateNetwork({ people: 300, seed: 11 });
  const projection = projectRows(documentRows(document), { gatherFacts: true });
  const facts = projection.facts!;
  const n = projection.nodes.length;
  const ranked = rankedMask(projection);

  it('gives every part of what people did, with every fact kept, as the evidence does', () => {
    expect(new Set(facts.currency.filter(Boolean)).size).toBeGreaterThan(1);
    expect(facts.label.some((l) => l.startsWith('crossing '))).toBe(true);
    expect(facts.label.some((l) => l.startsWith('vessel ') || l.startsWith('engine '))).toBe(true);
    const all = activityOfDraw(activityFacts(facts, n), new Uint8Array(facts.keep.length).fill(1), ranked, DEFAULT_MONEY);
    const reported = activityScores(projection.evidence, ranked, DEFAULT_MONEY);
    for (const part of ['operational', 'financial', 'threatToLife', 'received', 'passedOn', 'retained'] as const) {
      for (let i = 0; i < n; i++) expect(all.raw[part][i], `${part} of ${projection.nodes[i]!.key}`).toBeCloseTo(reported.raw[part][i]!, 6);
    }
    let scored = 0;
    for (let i = 0; i < n; i++) if (reported.raw.financial[i]! > 0) scored++;
    expect(scored).toBeGreaterThan(10);
  });

  it('gives the projection’s ties, with every fact kept', () => {
    const m = projection.ties.source.length;
    const rng = { ...createRng(1), next: () => 0 }; // every fact kept (0 < keep), no tie dropped
    const kept = resampleTies(projection.ties, facts, { grading: true, dropout: 0 }, rng, new Uint8Array(Math.ceil(m / 8)));
    expect(Array.from(kept.source)).toEqual(Array.from(projection.ties.source));
    expect(Array.from(kept.target)).toEqual(Array.from(projection.ties.target));
    for (let t = 0; t < m; t++) expect(kept.strength[t]).toBeCloseTo(projection.ties.strength[t]!, 12);
  });

  it('drops a payment whole: its ties and the money of both sides go together', () => {
    const payment = facts.label.findIndex((l) => l.startsWith('payment '));
    const keptGroup = new Uint8Array(facts.keep.length).fill(1);
    keptGroup[payment] = 0;
    const without = activityOfDraw(activityFacts(facts, n), keptGroup, ranked, DEFAULT_MONEY);
    const all = activityOfDraw(activityFacts(facts, n), new Uint8Array(facts.keep.length).fill(1), ranked, DEFAULT_MONEY);
    const moved = Array.from({ length: n }, (_, i) => i).filter((i) => without.raw.received[i] !== all.raw.received[i] || without.raw.passedOn[i] !== all.raw.passedOn[i]);
    const parties = new Set(
      Array.from(facts.activityGroup.keys())
        .filter((f) => facts.activityGroup[f] === payment)
        .map((f) => facts.node[f]!),
    );
    expect(new Set(moved)).toEqual(parties);
    expect(facts.tieGroup.includes(payment)).toBe(true);
  });
});
