import type { DisruptionNetwork } from '../network.js';
import type { PathView } from '../path-views.js';

/** One removal of a plan: the node, and why it was picked at that step. */
export interface Target {
  node: number;
  reason: string;
}

export interface StrategyOptions {
  k: number;
  seed: number;
  /** The shortest-path measures of one weighting: what betweenness and harm rank by. */
  paths: PathView;
}

/** Picks up to k candidates in removal order; fewer only when the candidates run out. */
export type Strategy = (net: DisruptionNetwork, options: StrategyOptions) => Target[];

/** Candidates by a score, highest first, ties by key (node indices follow key order). */
export function byScore(net: DisruptionNetwork, score: ArrayLike<number>, exclude?: Uint8Array): number[] {
  const out: number[] = [];
  for (let v = 0; v < net.csr.n; v++) if (net.candidate[v] && !exclude?.[v]) out.push(v);
  return out.sort((a, b) => score[b]! - score[a]! || a - b);
}

/** The best candidate left by a score, ties by key; −1 when none is left. */
export function best(net: DisruptionNetwork, score: ArrayLike<number>, removed: Uint8Array): number {
  let pick = -1;
  for (let v = 0; v < net.csr.n; v++) {
    if (!net.candidate[v] || removed[v]) continue;
    if (pick === -1 || score[v]! > score[pick]!) pick = v;
  }
  return pick;
}

export const fixed = (value: number, digits = 4) => Number(value.toPrecision(digits)).toString();
