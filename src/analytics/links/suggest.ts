import type { LinkGraph } from './graph.js';
import { type IndexOptions, SourceScorer } from './indices.js';

/**
 * Candidate pairs and the best of them: every person–person pair with no tie of any kind that
 * the index reaches (a shared neighbour; for Katz a walk of at most ℓmax), scored one source at
 * a time and kept in a bounded heap of the `keep` best, so memory stays O(n + keep) however many
 * pairs there are. Order, deterministic: score, then the two keys (the lesser first in each pair);
 * two scores within a relative 1e-12 count as equal (the same sum in another order differs in the
 * last bits).
 *
 * `focus` (node indices): only pairs with at least one of them. Each pair is scored once, from
 * its lesser index, or from its focused end.
 */

export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

export interface CandidateScan {
  /** The `keep` best, best first. */
  best: ScoredPair[];
  /** Every candidate pair the index reached (score > 0). */
  candidates: number;
}

export function scanCandidates(graph: LinkGraph, options: IndexOptions, keep: number, focus?: readonly number[]): CandidateScan {
  const { n, offsets, targets, ids } = graph.csr;
  const scorer = new SourceScorer(graph, options);
  const tiedTo = new Int32Array(n).fill(-1);
  const focused = new Uint8Array(n);
  for (const v of focus ?? []) focused[v] = 1;
  const heap = new PairHeap(ids, keep);
  let candidates = 0;
  const sources = focus ? [...new Set(focus)].sort((x, y) => x - y) : Array.from({ length: n }, (_, v) => v);
  for (const u of sources) {
    if (!graph.person[u]) continue;
    for (let i = offsets[u]!; i < offsets[u + 1]!; i++) tiedTo[targets[i]!] = u;
    scorer.from(u);
    for (let k = 0; k < scorer.count; k++) {
      const v = scorer.reached[k]!;
      if (v === u || !graph.person[v] || tiedTo[v] === u) continue;
      if (focus ? focused[v] === 1 && v < u : v < u) continue;
      const score = scorer.score[v]!;
      if (!(score > 0)) continue;
      candidates++;
      heap.offer(u, v, score);
    }
  }
  return { best: heap.sorted(), candidates };
}

/** A min-heap of the best `size` pairs: its root is the worst kept, replaced by anything better. */
class PairHeap {
  private readonly items: ScoredPair[] = [];

  constructor(
    private readonly ids: readonly string[],
    private readonly size: number,
  ) {}

  /** Negative when x ranks before y. */
  compare = (x: ScoredPair, y: ScoredPair): number => {
    if (Math.abs(x.score - y.score) > 1e-12 * Math.max(x.score, y.score)) return y.score - x.score;
    const [xa, xb] = [this.ids[x.a]!, this.ids[x.b]!].sort();
    const [ya, yb] = [this.ids[y.a]!, this.ids[y.b]!].sort();
    return xa! < ya! ? -1 : xa! > ya! ? 1 : xb! < yb! ? -1 : xb! > yb! ? 1 : 0;
  };

  offer(a: number, b: number, score: number): void {
    if (this.size <= 0) return;
    const pair = { a, b, score };
    const { items } = this;
    if (items.length < this.size) {
      items.push(pair);
      this.up(items.length - 1);
    } else if (this.compare(pair, items[0]!) < 0) {
      items[0] = pair;
      this.down(0);
    }
  }

  sorted(): ScoredPair[] {
    return [...this.items].sort(this.compare);
  }

  // The root is the pair that ranks last: a child "rises" when it ranks after its parent.
  private up(i: number): void {
    const { items } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i]!, items[parent]!) <= 0) return;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const { items } = this;
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let last = i;
      if (l < items.length && this.compare(items[l]!, items[last]!) > 0) last = l;
      if (r < items.length && this.compare(items[r]!, items[last]!) > 0) last = r;
      if (last === i) return;
      [items[i], items[last]] = [items[last]!, items[i]!];
      i = last;
    }
  }
}
