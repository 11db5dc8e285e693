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

export class TieAccumulator {
  private readonly index = new Map<number, number>();
  private source: number[] = [];
  private target: number[] = [];
  private strength: number[] = [];
  private kindCount: number[] = [];
  private kindStrength: number[] = [];
  private money: number[] = [];

  constructor(
    private readonly nodeCount: number,
    private readonly maxTies = Number.POSITIVE_INFINITY,
  ) {}

  get size(): number {
    return this.source.length;
  }

  /** The tie's index (in the order ties were first seen), or -1 when nothing was added. */
  add(a: number, b: number, kind: TieKind, strength: number, money = 0): number {
    if (!(strength > 0)) return -1;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = lo * this.nodeCount + hi;
    let tie = this.index.get(key);
    if (tie === undefined) {
      if (this.source.length >= this.maxTies) throw new TooManyTiesError(this.maxTies);
      tie = this.source.length;
      this.index.set(key, tie);
      this.source.push(lo);
      this.target.push(hi);
      this.strength.push(0);
      this.money.push(0);
      for (let k = 0; k < K; k++) {
        this.kindCount.push(0);
        this.kindStrength.push(0);
      }
    }
    const column = tie * K + KIND_INDEX.get(kind)!;
    this.strength[tie]! += strength;
    this.money[tie]! += money;
    this.kindCount[column]! += 1;
    this.kindStrength[column]! += strength;
    return tie;
  }

  finish(): ProjectedTies {
    const ties = {
      source: Int32Array.from(this.source),
      target: Int32Array.from(this.target),
      strength: Float64Array.from(this.strength),
      kindCount: Float64Array.from(this.kindCount),
      kindStrength: Float64Array.from(this.kindStrength),
      money: Float64Array.from(this.money),
    };
    this.source = this.target = this.strength = this.kindCount = this.kindStrength = this.money = [];
    this.index.clear();
    return ties;
  }
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
