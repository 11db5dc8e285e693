import { describe, expect, it } from 'vitest';

import { comparePair, DEFAULT_THRESHOLD, findCandidates, linkRecords } from '../../src/resolution/linkage.js';
import type { ResolutionRecord } from '../../src/resolution/records.js';

const person = (id: string, fields: Partial<ResolutionRecord> = {}): ResolutionRecord => ({
  type: 'person',
  id,
  name: null,
  aliases: [],
  dateOfBirth: null,
  nationality: null,
  identifiers: [],
  neighbours: [],
  ...fields,
});

const level = (candidate: { evidence: { field: string; level: string }[] }, field: string) => candidate.evidence.find((e) => e.field === field)?.level;
const probability = (odds: number) => odds / (1 + odds);

/*
 * The worked examples below are computed by hand from the model's m and u (docs/resolution.md),
 * written out as numbers here rather than read from the code. In a scope of two records the
 * population is its floor of 21, so the prior is λ = 2 × 0.05 / 20 = 0.005, odds 0.005 / 0.995.
 * A name held by both records has term-frequency u = (2 − 1 + 1000 × 0.001) / (2 − 1 + 1000).
 * A phone both hold: u = 0.07 / 20 = 0.0035 against m = 0.7, a Bayes factor of 200.
 */
const PRIOR_ODDS = 0.005 / 0.995;
const NAME_BOTH = 0.3 / (2 / 1001);
const PHONE = 0.7 / 0.0035;
const NATIONALITY_SAME = 0.95 / 0.15;

describe('Fellegi–Sunter weights, worked by hand', () => {
  it('a common name and nationality alone stay below the threshold', () => {
    const c = comparePair(person('P-1', { name: 'Hemin Rashid', nationality: 'IQ' }), person('P-2', { name: 'Hemin Rashid', nationality: 'IQ' }));
    const odds = PRIOR_ODDS * NAME_BOTH * NATIONALITY_SAME;
    expect(level(c, 'name')).toBe('same name');
    expect(c.matchWeight).toBeCloseTo(Math.log2(odds), 9);
    expect(c.probability).toBeCloseTo(probability(odds), 9);
    expect(c.probability).toBeCloseTo(0.827, 3);
    expect(c.probability).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('a shared phone and a transliterated name make a candidate', () => {
    const c = comparePair(
      person('P-1', { name: 'Mohammed Rashid', identifiers: ['phone:+9647501234567'] }),
      person('P-2', { name: 'Muhammad Rasheed', identifiers: ['phone:+9647501234567'] }),
    );
    const odds = PRIOR_ODDS * PHONE * NAME_BOTH;
    expect(level(c, 'name')).toBe('same name transliterated');
    expect(level(c, 'identifier')).toBe('shared identifier (phone)');
    expect(c.evidence.find((e) => e.field === 'identifier')!.weight).toBeCloseTo(Math.log2(200), 9);
    expect(c.matchWeight).toBeCloseTo(Math.log2(odds), 9);
    expect(c.probability).toBeCloseTo(0.99342, 5);
  });

  it('a family phone between relatives with different names stays far below', () => {
    const c = comparePair(
      person('P-1', { name: 'Aram Rashid', nationality: 'IQ', identifiers: ['phone:+9647501234567'] }),
      person('P-2', { name: 'Hemin Rashid', nationality: 'IQ', identifiers: ['phone:+9647501234567'] }),
    );
    // Different names: m = 0.005, u = 0.99.
    const odds = PRIOR_ODDS * PHONE * (0.005 / 0.99) * NATIONALITY_SAME;
    expect(level(c, 'name')).toBe('different names');
    expect(c.probability).toBeCloseTo(probability(odds), 9);
    expect(c.probability).toBeLessThan(0.05);
  });

  it('a different date of birth counts heavily against a namesake', () => {
    const c = comparePair(
      person('P-1', { name: 'Hemin Rashid', nationality: 'IQ', dateOfBirth: '1990-03-04' }),
      person('P-2', { name: 'Hemin Rashid', nationality: 'IQ', dateOfBirth: '1985-11-20' }),
    );
    // Different date of birth: m = 0.01, u = 0.998.
    const odds = PRIOR_ODDS * NAME_BOTH * (0.01 / 0.998) * NATIONALITY_SAME;
    expect(level(c, 'dateOfBirth')).toBe('different date of birth');
    expect(c.evidence.find((e) => e.field === 'dateOfBirth')!.weight).toBeCloseTo(Math.log2(0.01 / 0.998), 9);
    expect(c.probability).toBeCloseTo(probability(odds), 9);
  });

  it('names its comparison levels: initials, aliases, typing slips in dates, ties', () => {
    expect(level(comparePair(person('P-1', { name: 'Hemin R.' }), person('P-2', { name: 'Hemin Rashid' })), 'name')).toBe('name agrees but for an initial');
    expect(level(comparePair(person('P-1', { name: 'Kaka Hemin' }), person('P-2', { name: 'Hemin Rashid', aliases: ['Kaka'] })), 'name')).toBe('alias agrees');
    // The same nickname alone is no agreement: many share one.
    expect(level(comparePair(person('P-1', { name: 'Aram Omar', aliases: ['Haji'] }), person('P-2', { name: 'Reza Karimi', aliases: ['Haji'] })), 'name')).toBe('different names');
    expect(level(comparePair(person('P-1', { name: 'Yousif Elamin' }), person('P-2', { name: 'Yousif Elamn' })), 'name')).toBe('names close');
    expect(level(comparePair(person('P-1', { dateOfBirth: '1990-03-04' }), person('P-2', { dateOfBirth: '1990-04-03' })), 'dateOfBirth')).toBe('date of birth one slip apart');
    expect(level(comparePair(person('P-1', { dateOfBirth: '1990-03-04' }), person('P-2', { dateOfBirth: '1990-03-05' })), 'dateOfBirth')).toBe('date of birth one slip apart');
    expect(level(comparePair(person('P-1', { dateOfBirth: '1990-03-04' }), person('P-2')), 'dateOfBirth')).toBe('missing');
    const tied = comparePair(
      person('P-1', { neighbours: ['account:ACC-1', 'person:P-9', 'person:P-2'] }),
      person('P-2', { neighbours: ['account:ACC-1', 'person:P-9', 'person:P-1'] }),
    );
    expect(level(tied, 'neighbours')).toBe('several shared specific ties');
    // Their tie to each other is not a tie in common.
    expect(level(comparePair(person('P-1', { neighbours: ['person:P-2'] }), person('P-2', { neighbours: ['person:P-1'] })), 'neighbours')).toBe('missing');
    // A crossing is a common tie, however small: co-travellers share it.
    expect(level(comparePair(person('P-1', { neighbours: ['crossing:X-1'] }), person('P-2', { neighbours: ['crossing:X-1'] })), 'neighbours')).toBe('shared common ties only');
  });

  it('takes another family name for another name, not a misspelling', () => {
    // Word by word the mean is 0.85 (Wahid/Wahid 1, Hakimi/Amiri 0.70), but one word has no near match.
    expect(level(comparePair(person('P-1', { name: 'Wahid Hakimi' }), person('P-2', { name: 'Wahid Amiri' })), 'name')).toBe('different names');
    expect(level(comparePair(person('P-1', { name: 'Semere Haile' }), person('P-2', { name: 'Smeere Haile' })), 'name')).toBe('names alike');
  });

  it('never lets ties weigh more than log2(0.15 / 0.001), however large the scope', () => {
    const a = person('P-1', { neighbours: ['account:ACC-1', 'person:P-9'] });
    const b = person('P-2', { neighbours: ['account:ACC-1', 'person:P-9'] });
    const others = Array.from({ length: 100_000 }, (_, i) => person(`Q-${i}`));
    const ties = comparePair(a, b, [a, b, ...others]).evidence.find((e) => e.field === 'neighbours')!;
    expect(ties.level).toBe('several shared specific ties');
    // 50 / (n − 1) would be 0.0005 here: the floor of 0.001 holds.
    expect(ties.weight).toBeCloseTo(Math.log2(0.15 / 0.001), 9);
    // At 10,000 records the scaled u (50 / 9,999) is above the floor.
    expect(comparePair(a, b, [a, b, ...others.slice(0, 9_998)]).evidence.find((e) => e.field === 'neighbours')!.weight).toBeCloseTo(Math.log2(0.15 / (50 / 9_999)), 9);
  });

  it('is symmetric and puts the lesser id first', () => {
    const a = person('P-2', { name: 'Hemin Rashid', identifiers: ['phone:+9647501234567'] });
    const b = person('P-1', { name: 'Hemin Rasheed', identifiers: ['phone:+9647501234567'] });
    expect(comparePair(a, b)).toEqual(comparePair(b, a));
    expect(comparePair(a, b).records).toEqual(['P-1', 'P-2']);
  });
});

describe('blocking', () => {
  it('compares only records sharing a blocking key, and only records of one type', () => {
    const records = [
      person('P-1', { name: 'Hemin Rashid', identifiers: ['phone:+9647501234567'] }),
      person('P-2', { name: 'Hemin Rasheed', identifiers: ['phone:+9647501234567'] }),
      person('P-3', { name: 'Hemin Rashid' }),
      { ...person('V-1', { name: 'Hemin Rashid', identifiers: ['phone:+9647501234567'] }), type: 'vessel' as const },
    ];
    const { candidates, stats } = linkRecords(records, { threshold: 0 });
    // P-1/P-2 share the phone; all three share the rare name key `hamin rashid`; the vessel is another type.
    expect(candidates.every((c) => c.type === 'person')).toBe(true);
    expect(candidates.map((c) => c.records.join('~')).sort()).toEqual(['P-1~P-2', 'P-1~P-3', 'P-2~P-3']);
    expect(stats.pairsCompared).toBe(3);
    expect(stats.allPairs).toBe(3);
  });

  it('leaves out a key held by too many records (a call centre number) and counts it', () => {
    const records = Array.from({ length: 60 }, (_, i) => person(`P-${i}`, { identifiers: ['phone:+441234567890'] }));
    const { candidates, stats } = linkRecords(records, { threshold: 0 });
    expect(candidates).toEqual([]);
    expect(stats.oversizedBlocks.identifier).toBe(1);
    expect(stats.pairsCompared).toBe(0);
  });

  it('findCandidates keeps the threshold and sorts the most likely first', () => {
    const records = [
      person('P-1', { name: 'Mohammed Rashid', identifiers: ['phone:+9647501234567'], dateOfBirth: '1990-03-04' }),
      person('P-2', { name: 'Muhammad Rasheed', identifiers: ['phone:+9647501234567'], dateOfBirth: '1990-03-04' }),
      person('P-3', { name: 'Aram Omar', identifiers: ['phone:+9647507654321'] }),
      person('P-4', { name: 'Aram Omer', identifiers: ['phone:+9647507654321'] }),
      person('P-5', { name: 'Dler Aziz', identifiers: ['phone:+9647500000000'] }),
      person('P-6', { name: 'Karwan Salih', identifiers: ['phone:+9647500000000'] }),
    ];
    const found = findCandidates(records);
    expect(found.map((c) => c.records)).toEqual([
      ['P-1', 'P-2'],
      ['P-3', 'P-4'],
    ]);
    expect(found[0]!.probability).toBeGreaterThan(found[1]!.probability);
    expect(findCandidates(records, { threshold: 0.999999 }).map((c) => c.records)).toEqual([['P-1', 'P-2']]);
  });
});
