import { describe, expect, it } from 'vitest';

import { pairOrder } from '../../../src/analytics/projection/builder.js';
import { PeopleProjectionBuilder } from '../../../src/analytics/projection/people.js';
import { type ChunkedTies, emptyTies, TieAccumulator, TooManyTiesError } from '../../../src/analytics/projection/tie-accumulator.js';
import { TIE_KINDS } from '../../../src/analytics/weights.js';
import { createRng } from '../../../src/shared/rng.js';

/**
 * The accumulator keeps its ties in typed arrays with an index of its own (open addressing):
 * held against a plain Map of pairs over 30,000 relations among 2,000 nodes (so the arrays grow
 * and the index is rebuilt many times), and the ends' order against a comparison sort.
 */

const K = TIE_KINDS.length;

/** The accumulator's chunked ties as flat columns, in the order first seen. */
function flatTies(chunked: ChunkedTies) {
  const { count: m, bits } = chunked;
  const ties = emptyTies(m, K);
  for (let c = 0; c < chunked.source.length; c++) {
    const from = c << bits;
    const n = Math.min(m - from, chunked.source[c]!.length);
    if (n <= 0) break;
    ties.source.set(chunked.source[c]!.subarray(0, n), from);
    ties.target.set(chunked.target[c]!.subarray(0, n), from);
    ties.strength.set(chunked.strength[c]!.subarray(0, n), from);
    ties.money.set(chunked.money[c]!.subarray(0, n), from);
    ties.kindCount.set(chunked.kindCount[c]!.subarray(0, n * K), from * K);
    ties.kindStrength.set(chunked.kindStrength[c]!.subarray(0, n * K), from * K);
  }
  return ties;
}

describe('tie accumulator', () => {
  it.each([
    ['one chunk that doubles', undefined],
    ['chunks of 64 ties', 6],
  ])('sums the same ties as a Map of pairs, in first-seen order, through many growths (%s)', (_, chunkBits) => {
    const rng = createRng(7);
    const acc = new TieAccumulator(Number.POSITIVE_INFINITY, chunkBits);
    const expected = new Map<string, { index: number; lo: number; hi: number; strength: number; money: number; counts: number[] }>();
    const returned: number[] = [];
    const wanted: number[] = [];
    for (let r = 0; r < 30_000; r++) {
      const a = rng.int(0, 1_999);
      const b = rng.int(0, 1_999);
      const kind = TIE_KINDS[rng.int(0, K - 1)]!;
      const strength = 0.5 + rng.int(0, 10) / 4;
      const money = rng.int(0, 3);
      returned.push(acc.add(a, b, kind, strength, money));
      const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
      if (!expected.has(key)) expected.set(key, { index: expected.size, lo: Math.min(a, b), hi: Math.max(a, b), strength: 0, money: 0, counts: new Array<number>(K).fill(0) });
      const e = expected.get(key)!;
      e.strength += strength;
      e.money += money;
      e.counts[TIE_KINDS.indexOf(kind)]! += 1;
      wanted.push(e.index);
    }
    expect(returned).toEqual(wanted);
    const ties = flatTies(acc.finish());
    const list = [...expected.values()];
    expect(ties.source.length).toBe(list.length);
    expect(Array.from(ties.source)).toEqual(list.map((e) => e.lo));
    expect(Array.from(ties.target)).toEqual(list.map((e) => e.hi));
    expect(Array.from(ties.strength)).toEqual(list.map((e) => e.strength));
    expect(Array.from(ties.money)).toEqual(list.map((e) => e.money));
    expect(Array.from(ties.kindCount)).toEqual(list.flatMap((e) => e.counts));
    expect(Array.from(ties.kindStrength).reduce((sum, x) => sum + x, 0)).toBeCloseTo(
      list.reduce((sum, e) => sum + e.strength, 0),
      6,
    );
  });

  it('adds nothing for a tie without strength, and stops past maxTies', () => {
    const acc = new TieAccumulator(2);
    expect(acc.add(0, 1, 'contact', 0)).toBe(-1);
    expect(acc.add(0, 1, 'contact', 1)).toBe(0);
    expect(acc.add(1, 0, 'payment', 1)).toBe(0);
    expect(acc.add(2, 1, 'contact', 1)).toBe(1);
    expect(() => acc.add(2, 3, 'contact', 1)).toThrow(TooManyTiesError);
  });

  it('orders ties by their ends as a comparison sort does', () => {
    const rng = createRng(3);
    const n = 500;
    const pairs = new Map<number, [number, number]>();
    // A hub with many ties (a wide bucket) and many nodes with one or none.
    for (let t = 0; t < 400; t++) pairs.set(rng.int(1, n - 1), [0, 0]);
    for (let t = 0; t < 3_000; t++) {
      const a = rng.int(0, n - 1);
      const b = rng.int(0, n - 1);
      pairs.set(Math.min(a, b) * n + Math.max(a, b), [Math.min(a, b), Math.max(a, b)]);
    }
    for (const [key, pair] of pairs) if (pair[0] === 0 && pair[1] === 0) pairs.set(key, [0, key]);
    const list = [...pairs.values()];
    const lo = Int32Array.from(list, (p) => p[0]);
    const hi = Int32Array.from(list, (p) => p[1]);
    const expected = list.map((_, t) => t).sort((x, y) => lo[x]! - lo[y]! || hi[x]! - hi[y]!);
    expect(Array.from(pairOrder(lo, hi, n))).toEqual(expected);
  });
});

describe('a projection put in order', () => {
  /** 2,000 people and 25,000 reported links of four kinds among them: the tie copy in three steps. */
  function built() {
    const rng = createRng(11);
    const b = new PeopleProjectionBuilder();
    for (let i = 0; i < 2_000; i++) b.node({ label: 'Person', id: `P-${i}`, name: `P ${i}`, unresolved: false });
    const types = ['COMMUNICATION', 'MEETING', 'FAMILY', 'ASSOCIATE'] as const;
    for (let r = 0; r < 25_000; r++) b.link({ from: `P-${rng.int(0, 1_999)}`, to: `P-${rng.int(0, 1_999)}`, type: types[rng.int(0, 3)]!, count: rng.int(1, 5), se: 2, ia: 'B' });
    return b;
  }

  it('is the same when the event loop is let go between steps, and timers run meanwhile', async () => {
    const whole = built().finish();
    let turns = 0;
    const counting = setInterval(() => (turns += 1), 0);
    const stepped = await built()
      .finishYielding()
      .finally(() => clearInterval(counting));
    expect(whole.ties.source.length).toBeGreaterThan(20_000);
    expect(stepped).toEqual(whole);
    // Each kind's counts and strengths moved with their tie: they sum to the kind's links.
    expect(whole.ties.kindCount.reduce((sum, c) => sum + c, 0)).toBe(25_000 - whole.dropped.reduce((sum, d) => sum + d.count, 0));
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});

describe('a projection over more than one chunk of ties', () => {
  it('has each pair once, in the order of its ends, with its relations per kind (80,000 links, two chunks)', () => {
    const rng = createRng(5);
    const b = new PeopleProjectionBuilder();
    const n = 20_000;
    for (let i = 0; i < n; i++) b.node({ label: 'Person', id: `P-${i}`, name: `P ${i}`, unresolved: false });
    const types = ['COMMUNICATION', 'MEETING'] as const;
    const expected = new Map<string, number[]>();
    for (let r = 0; r < 80_000; r++) {
      const x = rng.int(0, n - 1);
      const y = rng.int(0, n - 1);
      const type = types[rng.int(0, 1)]!;
      b.link({ from: `P-${x}`, to: `P-${y}`, type, count: 1, se: 2, ia: 'B' });
      // A person reported linked to themselves is no tie (the projection warns of it).
      if (x === y) continue;
      const [p, q] = [`person:P-${x}`, `person:P-${y}`].sort();
      const counts = expected.get(`${p} ${q}`) ?? [0, 0];
      counts[types.indexOf(type)]! += 1;
      expected.set(`${p} ${q}`, counts);
    }
    const { nodes, ties, tieKinds } = b.finish();
    expect(ties.source.length).toBeGreaterThan(2 ** 16);
    const pairs = Array.from(ties.source, (s, t) => `${nodes[s]!.key} ${nodes[ties.target[t]!]!.key}`);
    // Nodes in key order, ties by their ends' places: the pairs come out sorted.
    expect(pairs).toEqual([...expected.keys()].sort());
    const K = tieKinds.length;
    const [communication, meeting] = [tieKinds.indexOf('communication'), tieKinds.indexOf('meeting')];
    expect(pairs.map((_, t) => [ties.kindCount[t * K + communication], ties.kindCount[t * K + meeting]])).toEqual(pairs.map((pair) => expected.get(pair)));
    for (let t = 0; t < pairs.length; t++) expect(ties.strength[t]).toBeCloseTo(ties.kindStrength[t * K + communication]! + ties.kindStrength[t * K + meeting]!, 9);
  });
});
