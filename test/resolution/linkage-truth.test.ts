import { beforeAll, describe, expect, it } from 'vitest';

import { type GeneratedNetwork, generateNetwork } from '../../src/generator/network.js';
import { scoreCandidates } from '../../src/resolution/evaluate.js';
import { resolutionRecordsOf } from '../../src/resolution/from-document.js';
import { DEFAULT_THRESHOLD, linkRecords } from '../../src/resolution/linkage.js';
import type { Candidate, ResolutionRecord } from '../../src/resolution/records.js';

/*
 * The model against the generator's planted truth (a fixed seed, not a timing): 10,000 people,
 * 2% of them loaded a second time under a variant name with fewer fields and split ties, and
 * look-alikes beside them (namesakes with other dates of birth, relatives given one phone).
 */

const PEOPLE = 10_000;
let network: GeneratedNetwork;
let records: ResolutionRecord[];
let compared: Candidate[];
let found: Candidate[];
let stats: ReturnType<typeof linkRecords>['stats'];

beforeAll(() => {
  network = generateNetwork({ people: PEOPLE, seed: 42, duplicates: 0.02 });
  records = resolutionRecordsOf(network.document);
  // Threshold 0 keeps every pair compared: what blocking let through.
  compared = linkRecords(records, { threshold: 0 }).candidates;
  ({ candidates: found, stats } = linkRecords(records, { threshold: DEFAULT_THRESHOLD }));
});

const key = (records: readonly [string, string]) => [...records].sort().join('~');

describe('record linkage on a generated network with planted duplicates (seed 42)', () => {
  it('plants 2% duplicates and look-alikes of both kinds', () => {
    expect(network.truth.duplicates).toHaveLength(200);
    expect(network.truth.lookAlikes!.filter((l) => l.kind === 'namesake').length).toBeGreaterThan(50);
    expect(network.truth.lookAlikes!.filter((l) => l.kind === 'family-phone').length).toBeGreaterThan(50);
  });

  it('blocking compares a small fraction of all pairs and misses no planted duplicate', () => {
    expect(stats.pairsCompared).toBe(compared.length);
    // 12,757 records: 54 million same-type pairs, of which about 56,000 (0.1%) are compared.
    expect(stats.allPairs).toBeGreaterThan(50_000_000);
    expect(stats.pairsCompared).toBeLessThan(stats.allPairs / 500);
    const blocked = new Set(compared.map((c) => key(c.records)));
    const missed = network.truth.duplicates!.filter((d) => !blocked.has(key(d.records)));
    expect(missed).toEqual([]);
  });

  it('finds the duplicates with precision and recall of at least 0.9 at the default threshold', () => {
    const score = scoreCandidates(found, network.truth.duplicates!, network.truth.lookAlikes);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
    // Every kind of variant is mostly found, not one kind carried by the others.
    for (const kind of ['transliteration', 'misspelling', 'initial', 'same-name'] as const) {
      const planted = network.truth.duplicates!.filter((d) => d.kind === kind).length;
      expect(score.missedByKind[kind] ?? 0, kind).toBeLessThan(planted * 0.25);
    }
  });

  it('keeps every planted look-alike below the threshold', () => {
    const above = new Set(found.map((c) => key(c.records)));
    const wrong = network.truth.lookAlikes!.filter((l) => above.has(key(l.records)));
    expect(wrong).toEqual([]);
    // Namesakes that were compared at all (a shared tie or rare name put them in one block) score low.
    const byKey = new Map(compared.map((c) => [key(c.records), c]));
    for (const l of network.truth.lookAlikes!.filter((x) => x.kind === 'namesake')) {
      const c = byKey.get(key(l.records));
      if (c) expect(c.evidence.find((e) => e.field === 'dateOfBirth')!.level).toBe('different date of birth');
    }
  });

  it('gives every candidate its evidence, weights summing to the match weight with the prior', () => {
    for (const c of found.slice(0, 50)) {
      expect(c.records[0] < c.records[1]).toBe(true);
      expect(c.evidence.map((e) => e.field)).toEqual(['identifier', 'name', 'dateOfBirth', 'nationality', 'neighbours']);
      const prior = c.matchWeight - c.evidence.reduce((sum, e) => sum + e.weight, 0);
      // log2 of λ/(1 − λ) with λ = 0.1 / (people records − 1).
      const persons = records.filter((r) => r.type === 'person').length;
      expect(prior).toBeCloseTo(Math.log2(0.1 / (persons - 1) / (1 - 0.1 / (persons - 1))), 9);
      expect(c.probability).toBeCloseTo(1 / (1 + 2 ** -c.matchWeight), 12);
    }
  });
});
