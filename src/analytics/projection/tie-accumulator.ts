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

/** Ties held before the first growth; the first chunk doubles as it fills. */
const INITIAL_CAPACITY = 1024;
/** Ties per chunk, as a power of two: 65,536 ties are 14 MB of columns. */
const CHUNK_BITS = 16;

/**
 * The ties as summed, in the order first seen, in chunks of 2^bits ties (the last one partly
 * filled; a single chunk may be shorter): tie t is at place t & (2^bits − 1) of chunk t >>> bits,
 * its kind columns K at a time.
 */
export interface ChunkedTies {
  count: number;
  bits: number;
  source: Int32Array[];
  target: Int32Array[];
  strength: Float64Array[];
  money: Float64Array[];
  kindCount: Float64Array[];
  kindStrength: Float64Array[];
}

/**
 * The ties as they are read: typed arrays from the first relation (no object or JS array per
 * tie, so 10M relations cost their bytes and no more), and an open-addressing index from a
 * pair of nodes to its tie (a Map of millions of numbers is slower and bounded at 2^24 entries).
 * The columns are chunks, added as they fill: doubling one array per column copied everything
 * so far at each growth, 450 ms of the event loop at half a million ties (the kind columns are
 * 96 bytes a tie each); only the first chunk doubles, up to its full size.
 */
export class TieAccumulator {
  private count = 0;
  private readonly bits: number;
  private readonly chunk: number;
  private source: Int32Array[];
  private target: Int32Array[];
  private strength: Float64Array[];
  private money: Float64Array[];
  private kindCount: Float64Array[];
  private kindStrength: Float64Array[];
  /** Linear probing: each slot holds tie + 1, 0 when empty; kept at most half full. */
  private slots: Int32Array;

  /** `chunkBits`: ties per chunk as a power of two (tests make it small to cross many chunks). */
  constructor(
    private readonly maxTies = Number.POSITIVE_INFINITY,
    chunkBits = CHUNK_BITS,
  ) {
    this.bits = chunkBits;
    this.chunk = 2 ** chunkBits;
    const first = Math.min(INITIAL_CAPACITY, this.chunk);
    this.source = [new Int32Array(first)];
    this.target = [new Int32Array(first)];
    this.strength = [new Float64Array(first)];
    this.money = [new Float64Array(first)];
    this.kindCount = [new Float64Array(first * K)];
    this.kindStrength = [new Float64Array(first * K)];
    this.slots = new Int32Array(first * 2);
  }

  get size(): number {
    return this.count;
  }

  /** The tie's index (in the order ties were first seen), or -1 when nothing was added. */
  add(a: number, b: number, kind: TieKind, strength: number, money = 0): number {
    if (!(strength > 0)) return -1;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const mask = this.slots.length - 1;
    const { bits } = this;
    const within = this.chunk - 1;
    let slot = pairHash(lo, hi) & mask;
    let tie = -1;
    for (;;) {
      const held = this.slots[slot]!;
      if (held === 0) break;
      const c = (held - 1) >>> bits;
      const at = (held - 1) & within;
      if (this.source[c]![at] === lo && this.target[c]![at] === hi) {
        tie = held - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (tie < 0) {
      if (this.count >= this.maxTies) throw new TooManyTiesError(this.maxTies);
      if (this.count === this.capacity()) this.grow();
      tie = this.count++;
      this.source[tie >>> bits]![tie & within] = lo;
      this.target[tie >>> bits]![tie & within] = hi;
      if (tie * 2 >= this.slots.length) this.rehash();
      else this.slots[slot] = tie + 1;
    }
    const c = tie >>> bits;
    const at = tie & within;
    const column = at * K + KIND_INDEX.get(kind)!;
    this.strength[c]![at]! += strength;
    this.money[c]![at]! += money;
    this.kindCount[c]![column]! += 1;
    this.kindStrength[c]![column]! += strength;
    return tie;
  }

  /** The ties summed, handed over (this accumulator lets go of them): no copy. */
  finish(): ChunkedTies {
    const ties: ChunkedTies = {
      count: this.count,
      bits: this.bits,
      source: this.source,
      target: this.target,
      strength: this.strength,
      money: this.money,
      kindCount: this.kindCount,
      kindStrength: this.kindStrength,
    };
    this.count = 0;
    this.source = this.target = [];
    this.strength = this.money = this.kindCount = this.kindStrength = [];
    this.slots = new Int32Array(1);
    return ties;
  }

  private capacity(): number {
    return (this.source.length - 1) * this.chunk + this.source[this.source.length - 1]!.length;
  }

  /** A single chunk short of full doubles; otherwise a new full chunk is added and nothing copied. */
  private grow(): void {
    if (this.source.length === 1 && this.source[0]!.length < this.chunk) {
      const size = Math.min(this.source[0]!.length * 2, this.chunk);
      const larger = <T extends Int32Array | Float64Array>(array: T, length: number): T => {
        const next = new (array.constructor as new (n: number) => T)(length);
        next.set(array);
        return next;
      };
      this.source[0] = larger(this.source[0]!, size);
      this.target[0] = larger(this.target[0]!, size);
      this.strength[0] = larger(this.strength[0]!, size);
      this.money[0] = larger(this.money[0]!, size);
      this.kindCount[0] = larger(this.kindCount[0]!, size * K);
      this.kindStrength[0] = larger(this.kindStrength[0]!, size * K);
      return;
    }
    this.source.push(new Int32Array(this.chunk));
    this.target.push(new Int32Array(this.chunk));
    this.strength.push(new Float64Array(this.chunk));
    this.money.push(new Float64Array(this.chunk));
    this.kindCount.push(new Float64Array(this.chunk * K));
    this.kindStrength.push(new Float64Array(this.chunk * K));
  }

  /** Twice the slots, every tie (the one just added included) placed again. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const within = this.chunk - 1;
    for (let t = 0; t < this.count; t++) {
      const c = t >>> this.bits;
      let slot = pairHash(this.source[c]![t & within]!, this.target[c]![t & within]!) & mask;
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
  return kindCountsAt(ties.kindCount, t * tieKinds.length, tieKinds);
}

/** The kinds with relations among `tieKinds.length` counts from `from` (a tie's kind columns), and how many of each. */
export function kindCountsAt(counts: ArrayLike<number>, from: number, tieKinds: readonly TieKind[]): Partial<Record<TieKind, number>> {
  const kinds: Partial<Record<TieKind, number>> = {};
  for (let k = 0; k < tieKinds.length; k++) if (counts[from + k]! > 0) kinds[tieKinds[k]!] = counts[from + k]!;
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
