import { describe, expect, it } from 'vitest';

import { documentRows, projectRows } from '../../../bench/harness/document-rows.js';
import { auc, calibrate, isotonic, likelihoodOf } from '../../../src/analytics/links/calibrate.js';
import { suggestLinks } from '../../../src/analytics/links/suggest-links.js';
import { generateNetwork } from '../../../src/generator/network.js';
import { handProjection } from './projection.js';

/**
 * Candidates, evidence and likelihood on small hand networks (worked out by hand), and the
 * likelihood's fit on a generated network.
 */

// 0 Ali, 1 Bo, 2 Cy (people), 3 an organisation, 4 Dee, 5 Eve (people).
//   Ali–Cy: 2 payments; Bo–Cy: a shared crossing; Ali–Org, Bo–Org, Dee–Org: employment; Dee–Eve: meeting; Ali–Ali: a self-tie.
const hand = () =>
  handProjection(
    [
      ['person', 'P-1', 'Ali'],
      ['person', 'P-2', 'Bo'],
      ['person', 'P-3', 'Cy'],
      ['organisation', 'O-1', 'Shipping Ltd'],
      ['person', 'P-4', 'Dee'],
      ['person', 'P-5', 'Eve'],
    ],
    [
      [0, 2, { payment: 2 }],
      [1, 2, { crossing: 1 }],
      [0, 3, { employment: 1 }],
      [1, 3, { employment: 1 }],
      [4, 3, { employment: 1 }],
      [4, 5, { meeting: 1 }],
      [0, 0, { contact: 1 }],
    ],
  );

describe('suggestLinks', () => {
  it('suggests only untied person–person pairs, never the organisation, never a pair already tied', () => {
    const result = suggestLinks(hand(), { index: 'resourceAllocation' });
    const pairs = result.suggestions.map((s) => [s.a.id, s.b.id, s.score]);
    // Resource allocation, by hand: Ali–Bo via Cy (deg 2) and the organisation (deg 3): 1/2 + 1/3; Ali–Dee, Bo–Dee via the organisation: 1/3.
    expect(pairs).toEqual([
      ['P-1', 'P-2', expect.closeTo(5 / 6, 12)],
      ['P-1', 'P-4', expect.closeTo(1 / 3, 12)],
      ['P-2', 'P-4', expect.closeTo(1 / 3, 12)],
    ]);
    // Cy–Org are tied to both… but the organisation is no candidate; Cy–Dee share nobody.
    expect(result.candidates).toBe(3);
  });

  it('names the shared contacts, most telling first, with the kinds of tie to each side, and says it in a sentence', () => {
    const [first] = suggestLinks(hand(), { index: 'adamicAdar' }).suggestions;
    expect(first!.evidence).toEqual({
      sharedContacts: [
        { key: 'person:P-3', id: 'P-3', type: 'person', name: 'Cy', degree: 2, withA: [{ kind: 'payment', count: 2 }], withB: [{ kind: 'crossing', count: 1 }] },
        {
          key: 'organisation:O-1',
          id: 'O-1',
          type: 'organisation',
          name: 'Shipping Ltd',
          degree: 3,
          withA: [{ kind: 'employment', count: 1 }],
          withB: [{ kind: 'employment', count: 1 }],
        },
      ],
      sharedContactsTotal: 2,
      paths3: 0,
    });
    expect(first!.explanation).toBe(
      'P-1 Ali and P-2 Bo have no tie in this scope, but both are tied to P-3 Cy (P-1: 2 payments; P-2: shared crossing) and O-1 Shipping Ltd (P-1: employment; P-2: employment).',
    );
  });

  it('keeps the pairs of the people asked about, warns about the rest, and pages', () => {
    const focused = suggestLinks(hand(), { index: 'adamicAdar', people: ['person:P-4', 'organisation:O-1', 'person:P-9'] });
    expect(focused.suggestions.map((s) => [s.a.id, s.b.id])).toEqual([
      ['P-1', 'P-4'],
      ['P-2', 'P-4'],
    ]);
    expect(focused.warnings.filter((w) => !w.startsWith('no likelihood'))).toEqual(['O-1 is not a person in this scope; left out', 'P-9 is not a person in this scope; left out']);
    const page = suggestLinks(hand(), { index: 'adamicAdar', limit: 2, offset: 1 });
    expect(page.suggestions.map((s) => [s.a.id, s.b.id])).toEqual([
      ['P-1', 'P-4'],
      ['P-2', 'P-4'],
    ]);
    expect(page.nextOffset).toBeNull();
    expect(suggestLinks(hand(), { index: 'adamicAdar', limit: 1 }).nextOffset).toBe(1);
  });
});

describe('the likelihood', () => {
  it('AUC is the Mann–Whitney statistic: pairs won, ties counting half', () => {
    // Positives 3, 1, 0; negatives 1, 0: 3 beats both (2), 1 beats 0 and ties 1 (1.5), 0 ties 0 (0.5): 4 of 6.
    expect(auc([3, 1, 0], [1, 0])).toBeCloseTo(4 / 6, 12);
  });

  it('isotonic steps: pooled where the share falls, smoothed as (ones + 1) / (n + 2), never falling', () => {
    // Scores 1, 2, 2, 3, 4, 5 with labels 0, 1, 0, 0, 1, 1: the block at 2 (1 of 2) and at 3 (0 of 1) pool into 1 of 3,
    // 4 and 5 (1 of 1 each: not rising) into 2 of 2. Smoothed: 1/3, 2/5, 3/4.
    expect(
      isotonic([
        [1, 0],
        [2, 1],
        [2, 0],
        [3, 0],
        [4, 1],
        [5, 1],
      ]),
    ).toEqual([
      { from: 1, rate: 1 / 3 },
      { from: 2, rate: 2 / 5 },
      { from: 4, rate: 3 / 4 },
    ]);
  });

  it('on a generated network: separates hidden ties from untied pairs, rises with the score, and is the same for the same seed', () => {
    const { document } = generateNetwork({ people: 600, seed: 3 });
    const projection = projectRows(documentRows(document));
    const options = { index: 'katz' as const, beta: 0.02, maxLength: 4 };
    const fitted = calibrate(projection, options, 9);
    expect(fitted.ok).toBe(true);
    if (!fitted.ok) return;
    const c = fitted.calibration;
    expect(c.auc).toBeGreaterThan(0.75);
    // Rising, and never certain: the highest step is what the highest-scoring sampled pairs showed.
    for (let i = 1; i < c.steps.length; i++) expect(c.steps[i]!.likelihood).toBeGreaterThanOrEqual(c.steps[i - 1]!.likelihood);
    expect(likelihoodOf(c, 0)).toBeLessThan(likelihoodOf(c, 1));
    expect(likelihoodOf(c, 1e9)).toBe(c.steps.at(-1)!.likelihood);
    expect(c.steps.at(-1)!.likelihood).toBeLessThan(1);
    // A pair with no path scores 0: its likelihood is below the prior a missing tie has among untied pairs.
    expect(likelihoodOf(c, 0)).toBeLessThan(c.prior);
    expect(calibrate(projection, options, 9)).toEqual(fitted);
    expect(calibrate(projection, options, 10)).not.toEqual(fitted);
  });
});
