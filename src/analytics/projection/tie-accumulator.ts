import { TIE_KINDS, type TieKind } from '../weights.js';
import type { ProjectedTies, Projection } from './types.js';

const KIND_INDEX = new Map<TieKind, number>(TIE_KINDS.map((kind, i) => [kind, i]));
const K = TIE_KINDS.length;

/**
 * Sums parallel relations into one undirected tie per pair of nodes (a self-loop is a pair
 * too), keeping per kind how many relations went in, so an explanation can say "14 payments
 * and 3 shared crossings". Throws TooManyTiesError past
 * maxTies, so a scope too big for the caller stops the read early.
 */
export class TooManyTiesError extends Error {
  override name = 'TooManyTiesError';
  constructor(readonly limit: number) {
    super(`analytics/projection: more than ${limit} ties in scope`);
  }
}

/** Relations held before the first growth; the first chunk doubles as it fills. */
const INITIAL_CAPACITY = 1024;
/** Relations per chunk, as a power of two: 65,536 relations are 2 MB of columns. */
const CHUNK_BITS = 16;
/** Numbers kept per relation besides its ends: strength, money, kind. */
const VALUES = 3;
/** Relations (or nodes) a simple pass goes through between two chances for the event loop: a few milliseconds' worth. */
const PASS_STEP = 65_536;
/** Relations merged into ties between two chances for the event loop (merged()): about 10 ms' worth. */
const RELATIONS_PER_STEP = 10_000;

/** The ties merged, in the order of their ends, and each relation's tie. */
export interface MergedTies {
  ties: ProjectedTies;
  /** Per relation, in the order added: the index of its tie in `ties`. */
  tieOf: Int32Array;
}

/**
 * The relations as they are read, each kept as it came (its ends, kind, strength and money) in
 * typed arrays from the first one, no object or JS array per relation; merged into one tie per
 * pair only once all are read (merged()), by sorting them by their ends. Summing them into ties
 * as they came needed an index from each pair to its tie: at 10M relations its lookups, far
 * apart in 400 MB, and its rebuilds took 19 s of the read, and the ties' kind columns (192 bytes
 * a tie) were held twice at the end. The columns are chunks, added as they fill: doubling one
 * array per column copied everything so far at each growth; only the first chunk doubles.
 *
 * The limit: past `maxTies` distinct pairs, add() throws TooManyTiesError, so a scope too big for
 * the caller stops the read early. The pairs are counted (a sort) once the relations outnumber
 * the limit, and again each time enough have come to pass it, or a quarter more: the error comes
 * at most a quarter of the relations late. Each count is one piece of work, in add(), in which
 * the event loop waits: 0.5 s at 1M relations, 1.1 s at 5M (the runs' default limit), measured
 * with tests running alongside; only where the relations outnumber the limit.
 */
export class TieAccumulator {
  private count = 0;
  private readonly bits: number;
  private readonly chunk: number;
  private lo: Int32Array[];
  private hi: Int32Array[];
  /** VALUES numbers per relation, side by side (the merge reads them in the ties' order, one place each): strength, money, kind. */
  private values: Float64Array[];
  /** The relation count at which the distinct pairs are counted next (past maxTies only). */
  private checkAt: number;

  /** `chunkBits`: relations per chunk as a power of two (tests make it small to cross many chunks). */
  constructor(
    private readonly maxTies = Number.POSITIVE_INFINITY,
    chunkBits = CHUNK_BITS,
  ) {
    this.bits = chunkBits;
    this.chunk = 2 ** chunkBits;
    const first = Math.min(INITIAL_CAPACITY, this.chunk);
    this.lo = [new Int32Array(first)];
    this.hi = [new Int32Array(first)];
    this.values = [new Float64Array(first * VALUES)];
    this.checkAt = maxTies + 1;
  }

  /** The relation's index (in the order added; merged() gives its tie), or -1 when nothing was added. */
  add(a: number, b: number, kind: TieKind, strength: number, money = 0): number {
    if (!(strength > 0)) return -1;
    if (this.count === this.capacity()) this.grow();
    const r = this.count++;
    const c = r >>> this.bits;
    const at = r & (this.chunk - 1);
    this.lo[c]![at] = a < b ? a : b;
    this.hi[c]![at] = a < b ? b : a;
    const values = this.values[c]!;
    values[at * VALUES] = strength;
    values[at * VALUES + 1] = money;
    values[at * VALUES + 2] = KIND_INDEX.get(kind)!;
    if (this.count >= this.checkAt) this.check();
    return r;
  }

  /**
   * The relations merged into one tie per pair, its ends renumbered by `position` (an index of
   * n nodes), in the order of their ends; a tie's strength, money and kind counts summed in the
   * order its relations came, or, for three or more, in the order of their values (valueOrder).
   * Lets go of the relations. Yields every few milliseconds, so a caller can let the event loop
   * go (ProjectionBuilder.finishYielding).
   */
  *merged(position: Int32Array, n: number): Generator<void, MergedTies, void> {
    const count = this.count;
    const { lo, hi } = yield* this.ends(position);
    const order = yield* pairOrderInSteps(lo, hi, n);
    const m = yield* this.valueOrder(order, lo, hi);
    if (m > this.maxTies) throw new TooManyTiesError(this.maxTies);
    const ties = emptyTies(m, K);
    const tieOf = new Int32Array(count);
    const within = this.chunk - 1;
    let t = -1;
    for (let k = 0; k < count; k++) {
      if (k % RELATIONS_PER_STEP === RELATIONS_PER_STEP - 1) yield;
      const r = order[k]!;
      if (t < 0 || lo[r] !== ties.source[t] || hi[r] !== ties.target[t]) {
        t++;
        ties.source[t] = lo[r]!;
        ties.target[t] = hi[r]!;
      }
      tieOf[r] = t;
      const c = r >>> this.bits;
      const at = r & within;
      const values = this.values[c]!;
      const strength = values[at * VALUES]!;
      const column = t * K + values[at * VALUES + 2]!;
      ties.strength[t]! += strength;
      ties.money[t]! += values[at * VALUES + 1]!;
      ties.kindCount[column]! += 1;
    }
    this.count = 0;
    this.lo = this.hi = [];
    this.values = [];
    return { ties, tieOf };
  }

  /**
   * Puts each pair's relations, when there are three or more, in the order of their values
   * (strength, money, kind), so that the sums do not depend on the order they were read in:
   * partitions read at once interleave their links, and a + b is b + a in floats, but three or
   * more terms sum differently in another order. Returns the number of pairs.
   */
  private *valueOrder(order: Int32Array, lo: Int32Array, hi: Int32Array): Generator<void, number, void> {
    const within = this.chunk - 1;
    const value = (r: number, field: number) => this.values[r >>> this.bits]![(r & within) * VALUES + field]!;
    // Strength, then money, then kind.
    const byValue = (x: number, y: number) => value(x, 0) - value(y, 0) || value(x, 1) - value(y, 1) || value(x, 2) - value(y, 2);
    let pairs = 0;
    let due = PASS_STEP;
    for (let k = 0; k < order.length;) {
      if (k >= due) {
        due = k + PASS_STEP;
        yield;
      }
      const first = order[k]!;
      let end = k + 1;
      while (end < order.length && lo[order[end]!] === lo[first] && hi[order[end]!] === hi[first]) end++;
      if (end - k >= 3) order.set(Array.from(order.subarray(k, end)).sort(byValue), k);
      pairs++;
      k = end;
    }
    return pairs;
  }

  /** Each relation's ends, renumbered by `position` (none: as added), lower first; a chunk a step. */
  private *ends(position?: Int32Array): Generator<void, { lo: Int32Array; hi: Int32Array }, void> {
    const lo = new Int32Array(this.count);
    const hi = new Int32Array(this.count);
    for (let c = 0, from = 0; from < this.count; c++, from += this.chunk) {
      const a = this.lo[c]!;
      const b = this.hi[c]!;
      const to = Math.min(this.count, from + this.chunk);
      for (let r = from, at = 0; r < to; r++, at++) {
        const x = position ? position[a[at]!]! : a[at]!;
        const y = position ? position[b[at]!]! : b[at]!;
        lo[r] = x < y ? x : y;
        hi[r] = x < y ? y : x;
      }
      yield;
    }
    return { lo, hi };
  }

  /** Counts the distinct pairs so far: throws past maxTies, else sets when to count again. */
  private check(): void {
    const { lo, hi } = drain(this.ends());
    let n = 0;
    for (let r = 0; r < this.count; r++) if (hi[r]! >= n) n = hi[r]! + 1;
    const m = distinctPairs(pairOrder(lo, hi, n), lo, hi);
    if (m > this.maxTies) throw new TooManyTiesError(this.maxTies);
    // Each relation adds at most one pair: none can pass the limit before maxTies − m + 1 more.
    this.checkAt = this.count + Math.max(this.maxTies - m + 1, this.count >>> 2);
  }

  private capacity(): number {
    return (this.lo.length - 1) * this.chunk + this.lo[this.lo.length - 1]!.length;
  }

  /** A single chunk short of full doubles; otherwise a new full chunk is added and nothing copied. */
  private grow(): void {
    if (this.lo.length === 1 && this.lo[0]!.length < this.chunk) {
      const size = Math.min(this.lo[0]!.length * 2, this.chunk);
      this.lo[0] = larger(this.lo[0]!, size);
      this.hi[0] = larger(this.hi[0]!, size);
      this.values[0] = larger(this.values[0]!, size * VALUES);
      return;
    }
    this.lo.push(new Int32Array(this.chunk));
    this.hi.push(new Int32Array(this.chunk));
    this.values.push(new Float64Array(this.chunk * VALUES));
  }
}

function larger<T extends Int32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}

/**
 * The relations' order by their ends (lo, then hi, then as added): a counting sort on lo, then
 * each lo's relations by hi, sorted as numbers in a typed array (no callback per comparison).
 */
export function pairOrder(lo: Int32Array, hi: Int32Array, n: number): Int32Array {
  return drain(pairOrderInSteps(lo, hi, n));
}

/** pairOrder, yielding after each PASS_STEP relations (or nodes) of each pass. */
function* pairOrderInSteps(lo: Int32Array, hi: Int32Array, n: number): Generator<void, Int32Array, void> {
  const m = lo.length;
  const start = new Int32Array(n + 1);
  for (let from = 0; from < m; from += PASS_STEP) {
    for (let t = from, to = Math.min(m, from + PASS_STEP); t < to; t++) start[lo[t]! + 1]!++;
    yield;
  }
  let widest = 0;
  for (let i = 0; i < n; i++) {
    start[i + 1]! += start[i]!;
    widest = Math.max(widest, start[i + 1]! - start[i]!);
  }
  yield;
  const order = new Int32Array(m);
  const next = start.slice(0, n);
  for (let from = 0; from < m; from += PASS_STEP) {
    for (let t = from, to = Math.min(m, from + PASS_STEP); t < to; t++) order[next[lo[t]!]!++] = t;
    yield;
  }
  // hi * m + t is below n * m, exact in a double up to 2^53 (2M nodes and 4e9 relations).
  const keys = new Float64Array(widest);
  let work = 0;
  for (let i = 0; i < n; i++) {
    const from = start[i]!;
    const count = start[i + 1]! - from;
    if ((work += count + 1) >= PASS_STEP) {
      work = 0;
      yield;
    }
    if (count < 2) continue;
    for (let k = 0; k < count; k++) keys[k] = hi[order[from + k]!]! * m + order[from + k]!;
    const sorted = keys.subarray(0, count).sort();
    for (let k = 0; k < count; k++) order[from + k] = sorted[k]! % m;
  }
  return order;
}

/** Runs steps through without letting go (the limit's count during the read, ProjectionBuilder.finish). */
export function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How many distinct (lo, hi) pairs, `order` putting equal ones next to each other. */
function distinctPairs(order: Int32Array, lo: Int32Array, hi: Int32Array): number {
  let m = 0;
  for (let k = 0; k < order.length; k++) {
    const r = order[k]!;
    const p = order[k - 1];
    if (k === 0 || lo[r] !== lo[p!] || hi[r] !== hi[p!]) m++;
  }
  return m;
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
    money: new Float64Array(m),
  };
}
