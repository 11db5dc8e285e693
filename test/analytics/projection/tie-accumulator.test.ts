import { describe, expect, it } from 'vitest';

import { PeopleProjectionBuilder } from '../../../src/analytics/projection/people.js';
import { type MergedTies, pairOrder, TieAccumulator, TooManyTiesError } from '../../../src/analytics/projection/tie-accumulator.js';
import { TIE_KINDS } from '../../../src/analytics/weights.js';
import { createRng } from '../../../src/shared/rng.js';

/**
 * The accumulator keeps each relation as it came and merges them into ties by sorting them by
 * their ends: held against a plain Map of pairs over 30,000 relations among 2,000 nodes (the
 * columns grow through many chunks), the limit against distinct pairs counted independently,
 * and the ends' order against a comparison sort.
 */

const K = TIE_KINDS.length;

/** The accumulator's ties, its relations' ends renumbered by `position` (identity when left out). */
function merge(acc: TieAccumulator, n: number, position = Int32Array.from({ length: n }, (_, i) => i)): MergedTies {
  const steps = acc.merged(position, n);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

describe('tie accumulator', () => {
  it.each([
    ['one chunk that doubles', undefined],
    ['chunks of 64 relations', 6],
  ])('sums the same ties as a Map of pairs, in the order of their ends, each relation naming its tie (%s)', (_, chunkBits) => {
    const rng = createRng(7);
    const n = 2_000;
    const acc = new TieAccumulator(Number.POSITIVE_INFINITY, chunkBits);
    const expected = new Map<string, { lo: number; hi: number; strength: number; money: number; counts: number[] }>();
    const returned: number[] = [];
    const pairOf: string[] = [];
    // Renumbered ends: node i is at place n − 1 − i, so the order of ties is not the order added.
    const position = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    for (let r = 0; r < 30_000; r++) {
      const a = rng.int(0, n - 1);
      const b = rng.int(0, n - 1);
      const kind = TIE_KINDS[rng.int(0, K - 1)]!;
      const strength = 0.5 + rng.int(0, 10) / 4;
      const money = rng.int(0, 3);
      returned.push(acc.add(a, b, kind, strength, money));
      const [lo, hi] = [position[a]!, position[b]!].sort((x, y) => x - y) as [number, number];
      const key = `${lo}-${hi}`;
      if (!expected.has(key)) expected.set(key, { lo, hi, strength: 0, money: 0, counts: new Array<number>(K).fill(0) });
      const e = expected.get(key)!;
      e.strength += strength;
      e.money += money;
      e.counts[TIE_KINDS.indexOf(kind)]! += 1;
      pairOf.push(key);
    }
    expect(returned).toEqual(returned.map((_, r) => r));
    const { ties, tieOf } = merge(acc, n, position);
    const list = [...expected.values()].sort((x, y) => x.lo - y.lo || x.hi - y.hi);
    expect(ties.source.length).toBe(list.length);
    expect(Array.from(ties.source)).toEqual(list.map((e) => e.lo));
    expect(Array.from(ties.target)).toEqual(list.map((e) => e.hi));
    // Strengths are multiples of a quarter: their sums are exact in any order.
    expect(Array.from(ties.strength)).toEqual(list.map((e) => e.strength));
    expect(Array.from(ties.money)).toEqual(list.map((e) => e.money));
    expect(Array.from(ties.kindCount)).toEqual(list.flatMap((e) => e.counts));
    const placeOf = new Map(list.map((e, t) => [`${e.lo}-${e.hi}`, t]));
    expect(Array.from(tieOf)).toEqual(pairOf.map((key) => placeOf.get(key)));
  });

  it('sums to the same bits whatever order the relations of a pair come in', () => {
    // (0.1 + 0.2) + 0.3 is 0.6000000000000001 and (0.3 + 0.2) + 0.1 is 0.6.
    const relations = [
      [0, 1, 'contact', 0.1, 0.1],
      [1, 0, 'contact', 0.2, 0.2],
      [0, 1, 'payment', 0.3, 0.3],
      [0, 1, 'contact', 0.3, 0.1],
      [2, 1, 'meeting', 0.7, 0],
    ] as const;
    const merged = (order: number[]) => {
      const acc = new TieAccumulator();
      for (const i of order) acc.add(relations[i]![0], relations[i]![1], relations[i]![2], relations[i]![3], relations[i]![4]);
      return merge(acc, 3).ties;
    };
    const forward = merged([0, 1, 2, 3, 4]);
    expect(forward.strength[0]).toBeCloseTo(0.9, 12);
    for (const order of [
      [3, 2, 1, 0, 4],
      [4, 2, 0, 3, 1],
      [1, 3, 0, 4, 2],
    ]) {
      const other = merged(order);
      for (const column of ['source', 'target', 'strength', 'money', 'kindCount'] as const) expect(Array.from(other[column])).toEqual(Array.from(forward[column]));
    }
  });

  it('adds nothing for a tie without strength, and stops past maxTies', () => {
    const acc = new TieAccumulator(2);
    expect(acc.add(0, 1, 'contact', 0)).toBe(-1);
    expect(acc.add(0, 1, 'contact', 1)).toBe(0);
    expect(acc.add(1, 0, 'payment', 1)).toBe(1);
    expect(acc.add(2, 1, 'contact', 1)).toBe(2);
    expect(() => acc.add(2, 3, 'contact', 1)).toThrow(TooManyTiesError);
  });

  it('lets many relations of few pairs past maxTies, and stops at most a quarter of the relations after the pairs pass it', () => {
    const rng = createRng(13);
    const limit = 1_000;
    const acc = new TieAccumulator(limit);
    // 6,000 relations of 600 pairs: six times the limit in relations, under it in pairs.
    for (let r = 0; r < 6_000; r++) {
      const p = rng.int(0, 599);
      acc.add(p, p + 1_000, 'contact', 1);
    }
    const seen = new Set<number>(Array.from({ length: 600 }, (_, p) => p));
    let added = 6_000;
    let passedAt = -1;
    let stoppedAt = -1;
    try {
      for (;;) {
        const p = rng.int(0, 1_999);
        added++;
        if (!seen.has(p)) seen.add(p);
        if (seen.size > limit && passedAt < 0) passedAt = added;
        acc.add(p, p + 1_000, 'contact', 1);
        if (added > 100_000) break;
      }
    } catch (error) {
      expect(error).toBeInstanceOf(TooManyTiesError);
      stoppedAt = added;
    }
    expect(passedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeGreaterThanOrEqual(passedAt);
    expect(stoppedAt).toBeLessThanOrEqual(Math.ceil(passedAt * 1.25) + 1);
  });

  it('refuses at the merge what passed the limit since the last count', () => {
    const acc = new TieAccumulator(5);
    for (let p = 0; p < 5; p++) acc.add(p, 10, 'contact', 1);
    for (let r = 0; r < 3; r++) acc.add(0, 10, 'contact', 1); // the count at 6 relations: 5 pairs
    // The next count is due once two more relations came: one more pair is refused at the merge.
    acc.add(6, 10, 'contact', 1);
    expect(() => merge(acc, 11)).toThrow(TooManyTiesError);
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
    // Each kind's counts moved with their tie: they sum to the kind's links.
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
    // Every relation has the same grading, so a tie's strength is its kinds' counts times their weights.
    const strengthOf = new Map<string, number>();
    pairs.forEach((pair, t) => {
      const counts = expected.get(pair)!.join(' ');
      if (!strengthOf.has(counts)) strengthOf.set(counts, ties.strength[t]!);
      else expect(ties.strength[t]).toBeCloseTo(strengthOf.get(counts)!, 9);
    });
    expect(strengthOf.get('1 1')).toBeCloseTo(strengthOf.get('1 0')! + strengthOf.get('0 1')!, 9);
    expect(strengthOf.get('2 0')).toBeCloseTo(2 * strengthOf.get('1 0')!, 9);
  });
});
