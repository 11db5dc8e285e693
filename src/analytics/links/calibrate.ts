import { createRng } from '../../shared/rng.js';
import type { Projection } from '../projection/types.js';
import { linkGraph, personTies } from './graph.js';
import { type IndexOptions, pairScore } from './indices.js';

/**
 * A likelihood for an index's score, fitted on the scope itself: a seeded share of the known
 * person–person ties is hidden, the hidden pairs (real ties) and a sample of untied pairs are
 * scored on what is left, and the share of hidden ties is fitted as a rising step function of
 * the score by isotonic regression (pool adjacent violators; Zadrozny & Elkan 2002), each step's
 * share smoothed as (ties + 1) / (pairs + 2). Isotonic, not a logistic curve: a curve would
 * extrapolate to a likelihood of 1 above the highest score sampled, where nothing was seen;
 * steps stay at what the highest ones saw. A balanced sample overstates how common real ties
 * are, so each step is moved to the prior a missing tie has among all untied pairs if ties go
 * missing as often as the hidden share (King & Zeng 2001, prior correction):
 *
 *   prior = hidden / (hidden + untied person pairs)
 *
 * So a likelihood of 0.2 reads: among untied pairs scoring like this one, about one in five
 * would be a real tie the data lacks, if the data lacks about `share` of the real ties. The
 * scores it was fitted on come from the scope less its hidden ties, a little lower than the
 * whole scope's, so it leans generous. The hidden ties' AUC (how often a hidden tie outscores an
 * untied pair) says how well the index separates them in this scope. Deterministic: the draws
 * come from the seed.
 */

export const CALIBRATION_DEFAULTS = {
  /** Share of the person–person ties hidden (and assumed missing from the data). */
  share: 0.1,
  /** Fewest hidden ties for a fit: with fewer there is no likelihood, and the answer says why. */
  minHidden: 5,
  /** Untied pairs sampled per hidden tie, and at most. */
  negativesPerHidden: 5,
  maxNegatives: 20_000,
};

export interface CalibrationStep {
  /** The lowest score of the step. */
  from: number;
  likelihood: number;
}

export interface Calibration {
  hiddenTies: number;
  sampledUntiedPairs: number;
  share: number;
  /** How often a hidden tie scored above a sampled untied pair (ties count half). */
  auc: number;
  /** The prior a missing tie has among untied pairs: the likelihood's scale. */
  prior: number;
  /** The likelihood by score: each step from its `from` up to the next one's; below the first, the first's. */
  steps: CalibrationStep[];
}

export type CalibrationOutcome = { ok: true; calibration: Calibration } | { ok: false; reason: string };

export function likelihoodOf(calibration: Calibration, score: number): number {
  const { steps } = calibration;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid]!.from <= score) lo = mid;
    else hi = mid - 1;
  }
  return steps[lo]!.likelihood;
}

export function calibrate(projection: Projection, options: IndexOptions, seed: number, settings: Partial<typeof CALIBRATION_DEFAULTS> = {}): CalibrationOutcome {
  const { share, minHidden, negativesPerHidden, maxNegatives } = { ...CALIBRATION_DEFAULTS, ...settings };
  const ties = personTies(projection);
  const hide = Math.round(share * ties.length);
  if (hide < minHidden) {
    return { ok: false, reason: `the scope has ${ties.length} person–person ties: hiding ${share * 100}% leaves fewer than ${minHidden} to fit a likelihood on` };
  }
  const rng = createRng(seed);
  const hidden = rng.sample(ties, hide);
  const graph = linkGraph(projection, new Set(hidden));

  const people: number[] = [];
  projection.nodes.forEach((node, v) => node.type === 'person' && people.push(v));
  const p = people.length;
  const tied = new Set<number>();
  const n = projection.nodes.length;
  const { source, target } = projection.ties;
  for (const t of ties) tied.add(source[t]! * n + target[t]!).add(target[t]! * n + source[t]!);
  const untiedPairs = (p * (p - 1)) / 2 - ties.length;
  const wanted = Math.min(maxNegatives, negativesPerHidden * hide, untiedPairs);
  const negatives: [number, number][] = [];
  const drawn = new Set<number>();
  for (let tries = 0; negatives.length < wanted && tries < 50 * wanted; tries++) {
    const u = people[rng.int(0, p - 1)]!;
    const v = people[rng.int(0, p - 1)]!;
    const key = Math.min(u, v) * n + Math.max(u, v);
    if (u === v || tied.has(key) || drawn.has(key)) continue;
    drawn.add(key);
    negatives.push([u, v]);
  }

  const positive = hidden.map((t) => pairScore(graph, source[t]!, target[t]!, options));
  const negative = negatives.map(([u, v]) => pairScore(graph, u, v, options));
  const prior = hide / (hide + untiedPairs);
  const sampled = positive.length / (positive.length + negative.length);
  // A share r in the balanced sample is r · w1 / (r · w1 + (1 − r) · w0) among all untied pairs.
  const [w1, w0] = [prior / sampled, (1 - prior) / (1 - sampled)];
  const steps = isotonic([...positive.map((s) => [s, 1] as const), ...negative.map((s) => [s, 0] as const)]).map(({ from, rate }) => ({
    from,
    likelihood: (rate * w1) / (rate * w1 + (1 - rate) * w0),
  }));
  return { ok: true, calibration: { hiddenTies: hide, sampledUntiedPairs: negatives.length, share, auc: auc(positive, negative), prior, steps } };
}

/** Pool adjacent violators over (score, 0 | 1): rising steps of the share of 1s, each smoothed as (ones + 1) / (n + 2). */
export function isotonic(points: readonly (readonly [number, 0 | 1])[]): { from: number; rate: number }[] {
  const sorted = [...points].sort((p, q) => p[0] - q[0]);
  const blocks: { from: number; ones: number; n: number }[] = [];
  for (let i = 0; i < sorted.length;) {
    // Equal scores are one block: a step cannot split them.
    const block = { from: sorted[i]![0], ones: 0, n: 0 };
    for (; i < sorted.length && sorted[i]![0] === block.from; i++) {
      block.ones += sorted[i]![1];
      block.n++;
    }
    blocks.push(block);
    while (blocks.length > 1 && blocks.at(-2)!.ones / blocks.at(-2)!.n >= blocks.at(-1)!.ones / blocks.at(-1)!.n) {
      const last = blocks.pop()!;
      const before = blocks.at(-1)!;
      before.ones += last.ones;
      before.n += last.n;
    }
  }
  let highest = 0;
  return blocks.map(({ from, ones, n }) => ({ from, rate: (highest = Math.max(highest, (ones + 1) / (n + 2))) }));
}

/** How often a positive outscores a negative, ties counting half (the Mann–Whitney U over their product). */
export function auc(positive: readonly number[], negative: readonly number[]): number {
  if (positive.length === 0 || negative.length === 0) return Number.NaN;
  const all = [...positive.map((s) => [s, 1] as const), ...negative.map((s) => [s, 0] as const)].sort((p, q) => p[0] - q[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]![1] === 1) rankSum += midRank;
    i = j;
  }
  return (rankSum - (positive.length * (positive.length + 1)) / 2) / (positive.length * negative.length);
}
