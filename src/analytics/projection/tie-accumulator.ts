import { TIE_KINDS, type TieKind } from '../weights.js';
import type { ProjectedTies, Projection } from './types.js';

const KIND_INDEX = new Map<TieKind, number>(TIE_KINDS.map((kind, i) => [kind, i]));
const K = TIE_KINDS.length;

/**
 * Sums parallel relations into one undirected tie per pair of nodes (a self-loop is a pair
 * too), keeping per kind how many relations and how much strength went in, so an
 * explanation can say "14 payments and 3 shared crossings". Throws TooManyTiesError past
 * maxTies, so a scope too big for the caller stops the read early.
 */
export class TooManyTiesError extends Error {
  override name = 'TooManyTiesError';
  constructor(readonly limit: number) {
    super(`analytics/projection: more than ${limit} ties in scope`);
  }
}

/** Ties held before the first growth; the arrays double as they fill. */
const INITIAL_CAPACITY = 1024;

/**
 * The ties as they are read: typed arrays from the first relation (no object or JS array per
 * tie, so 10M relations cost their bytes and no more), and an open-addressing index from a
 * pair of nodes to its tie (a Map of millions of numbers is slower and bounded at 2^24 entries).
 */
export class TieAccumulator {
  private count = 0;
  private source = new Int32Array(INITIAL_CAPACITY);
  private target = new Int32Array(INITIAL_CAPACITY);
  private strength = new Float64Array(INITIAL_CAPACITY);
  private money = new Float64Array(INITIAL_CAPACITY);
  private kindCount = new Float64Array(INITIAL_CAPACITY * K);
  private kindStrength = new Float64Array(INITIAL_CAPACITY * K);
  /** Linear probing: each slot holds tie + 1, 0 when empty; kept at most half full. */
  private slots = new Int32Array(INITIAL_CAPACITY * 2);

  constructor(private readonly maxTies = Number.POSITIVE_INFINITY) {}

  get size(): number {
    return this.count;
  }

  /** The tie's index (in the order ties were first seen), or -1 when nothing was added. */
  add(a: number, b: number, kind: TieKind, strength: number, money = 0): number {
    if (!(strength > 0)) return -1;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const mask = this.slots.length - 1;
    let slot = pairHash(lo, hi) & mask;
    let tie = -1;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) break;
      if (this.source[held - 1] === lo && this.target[held - 1] === hi) {
        tie = held - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (tie < 0) {
      if (this.count >= this.maxTies) throw new TooManyTiesError(this.maxTies);
      if (this.count === this.source.length) this.grow();
      tie = this.count++;
      this.source[tie] = lo;
      this.target[tie] = hi;
      if (tie * 2 >= this.slots.length) this.rehash();
      else this.slots[slot] = tie + 1;
    }
    const column = tie * K + KIND_INDEX.get(kind)!;
    this.strength[tie]! += strength;
    this.money[tie]! += money;
    this.kindCount[column]! += 1;
    this.kindStrength[column]! += strength;
    return tie;
  }

  /**
   * The ties in the order first seen, as views over the arrays they were summed in (which this
   * accumulator lets go of): no copy, which at 1M ties took over half a second of the event loop.
   * The views keep the arrays' spare capacity: a caller that keeps them, rather than copying them
   * into an order of its own as the builder does, copies them.
   */
  finish(): ProjectedTies {
    const m = this.count;
    const ties = {
      source: this.source.subarray(0, m),
      target: this.target.subarray(0, m),
      strength: this.strength.subarray(0, m),
      kindCount: this.kindCount.subarray(0, m * K),
      kindStrength: this.kindStrength.subarray(0, m * K),
      money: this.money.subarray(0, m),
    };
    this.count = 0;
    this.source = this.target = new Int32Array(0);
    this.strength = this.money = this.kindCount = this.kindStrength = new Float64Array(0);
    this.slots = new Int32Array(1);
    return ties;
  }

  private grow(): void {
    const capacity = this.source.length * 2;
    const larger = <T extends Int32Array | Float64Array>(array: T, size: number): T => {
      const next = new (array.constructor as new (n: number) => T)(size);
      next.set(array);
      return next;
    };
    this.source = larger(this.source, capacity);
    this.target = larger(this.target, capacity);
    this.strength = larger(this.strength, capacity);
    this.money = larger(this.money, capacity);
    this.kindCount = larger(this.kindCount, capacity * K);
    this.kindStrength = larger(this.kindStrength, capacity * K);
  }

  /** Twice the slots, every tie (the one just added included) placed again. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let t = 0; t < this.count; t++) {
      let slot = pairHash(this.source[t]!, this.target[t]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = t + 1;
    }
    this.slots = slots;
  }
}

/** A well-mixed 32-bit hash of a pair of node indices (murmur3's finaliser over both). */
function pairHash(lo: number, hi: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ hi;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function kindColumn(kind: TieKind): number {
  return KIND_INDEX.get(kind)!;
}

/** What tie `t` is made of: relations per kind, the kinds with none left out, in `tieKinds` order. */
export function tieKindCounts({ ties, tieKinds }: Pick<Projection, 'ties' | 'tieKinds'>, t: number): Partial<Record<TieKind, number>> {
  const K = tieKinds.length;
  const kinds: Partial<Record<TieKind, number>> = {};
  for (let k = 0; k < K; k++) if (ties.kindCount[t * K + k]! > 0) kinds[tieKinds[k]!] = ties.kindCount[t * K + k]!;
  return kinds;
}

/** Zeroed ties for `m` ties of `kinds` kinds (the canonical copies are filled into these). */
export function emptyTies(m: number, kinds: number): ProjectedTies {
  return {
    source: new Int32Array(m),
    target: new Int32Array(m),
    strength: new Float64Array(m),
    kindCount: new Float64Array(m * kinds),
    kindStrength: new Float64Array(m * kinds),
    money: new Float64Array(m),
  };
}
