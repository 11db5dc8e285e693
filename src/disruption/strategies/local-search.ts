import { components, fragmentation, reachablePairs } from '../connectivity.js';
import type { DisruptionNetwork } from '../network.js';
import type { Target } from './types.js';

/**
 * Swap search (the improvement step of Borgatti's 2006 key-player algorithm): start from the
 * best set the other strategies found and swap a member for a candidate from the pool while
 * that leaves a smaller largest component (ties: higher fragmentation), first improvement first,
 * until a full pass finds none or the evaluation budget is spent. It can only improve on its
 * start, so the plan's best strategy is never worse than any single strategy it compared. The
 * set is then put in order greedily: at each step the member whose removal leaves the smallest
 * largest component.
 */

/** Evaluations (one component count each) the search may spend: ~SEARCH_WORK node + tie visits. */
export const SEARCH_WORK = 3e7;
export const MIN_EVALUATIONS = 100;
export const MAX_EVALUATIONS = 3000;

export interface SearchResult {
  targets: Target[];
  swaps: number;
  evaluations: number;
}

interface Value {
  largest: number;
  fragmentation: number;
}

const better = (a: Value, b: Value) => a.largest < b.largest || (a.largest === b.largest && a.fragmentation > b.fragmentation);

export function swapSearch(net: DisruptionNetwork, start: readonly number[], pool: readonly number[], startName: string): SearchResult {
  const { csr } = net;
  const budget = Math.min(MAX_EVALUATIONS, Math.max(MIN_EVALUATIONS, Math.floor(SEARCH_WORK / Math.max(1, csr.n + csr.targets.length))));
  const removed = new Uint8Array(csr.n);
  let evaluations = 0;
  const evaluate = (set: readonly number[]): Value => {
    evaluations++;
    for (const v of set) removed[v] = 1;
    const found = components(csr, removed);
    for (const v of set) removed[v] = 0;
    return { largest: found.largest, fragmentation: fragmentation(reachablePairs(found.sizes), found.alive) };
  };

  const set = [...start];
  const inSet = new Uint8Array(csr.n);
  for (const v of set) inSet[v] = 1;
  let current = evaluate(set);
  let swaps = 0;
  let improved = true;
  search: while (improved) {
    improved = false;
    for (let i = 0; i < set.length; i++) {
      for (const c of pool) {
        if (inSet[c] || !net.candidate[c]) continue;
        if (evaluations >= budget) break search;
        const out = set[i]!;
        set[i] = c;
        const value = evaluate(set);
        if (better(value, current)) {
          inSet[out] = 0;
          inSet[c] = 1;
          current = value;
          swaps++;
          improved = true;
          break;
        }
        set[i] = out;
      }
    }
  }

  // Order: each step the member whose removal leaves the smallest largest component.
  const left = [...set];
  const order: number[] = [];
  const targets: Target[] = [];
  let previous = evaluate([]);
  while (left.length > 0) {
    let pick = 0;
    let pickValue: Value | undefined;
    for (let j = 0; j < left.length; j++) {
      const value = evaluate([...order, left[j]!]);
      if (!pickValue || better(value, pickValue)) {
        pick = j;
        pickValue = value;
      }
    }
    const node = left.splice(pick, 1)[0]!;
    order.push(node);
    targets.push({
      node,
      reason: `of the improved set (swap search from ${startName}, ${swaps} swap${swaps === 1 ? '' : 's'}), the one whose removal leaves the smallest largest component next: ${previous.largest} → ${pickValue!.largest} nodes`,
    });
    previous = pickValue!;
  }
  return { targets, swaps, evaluations };
}
