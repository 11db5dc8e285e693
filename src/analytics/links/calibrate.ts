import { createRng } from '../../shared/rng.js';
import type { Projection } from '../projection/types.js';
import { linkGraph, personTies } from './graph.js';
import { type IndexOptions, pairScore } from './indices.js';

/**
 * A likelihood for an index's score, fitted on the scope itself (Platt scaling, Platt 1999): a
 * seeded share of the known person–person ties is hidden, the hidden pairs (real ties) and a
 * sample of untied pairs are scored on what is left, and a logistic curve is fitted to
 * "hidden tie or not" against ln(1 + score / scale). A balanced sample overstates how common real
 * ties are, so the curve's intercept is moved to the prior a missing tie has among all untied
 * pairs if ties go missing as often as the hidden share (King & Zeng 2001, prior correction):
 *
 *   prior = hidden / (hidden + untied person pairs)
 *
 * So a likelihood of 0.2 reads: among untied pairs scoring like this one, about one in five
 * would be a real tie the data lacks, if the data lacks about `share` of the real ties. The
 * hidden ties' AUC (how often a hidden tie outscores an untied pair) says how well the index
 * separates them in this scope. Deterministic: the draws come from the seed.
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

export interface Calibration {
  hiddenTies: number;
  sampledUntiedPairs: number;
  share: number;
  /** How often a hidden tie scored above a sampled untied pair (ties count half). */
  auc: number;
  /** likelihood(score) = 1 / (1 + exp(−(intercept + slope · ln(1 + score / scale)))). */
  intercept: number;
  slope: number;
  scale: number;
}

export type CalibrationOutcome = { ok: true; calibration: Calibration } | { ok: false; reason: string };

export function likelihoodOf(calibration: Calibration, score: number): number {
  const z = calibration.intercept + calibration.slope * Math.log1p(score / calibration.scale);
  return 1 / (1 + Math.exp(-z));
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
  const nonzero = [...positive, ...negative].filter((s) => s > 0);
  const scale = nonzero.length > 0 ? nonzero.reduce((sum, s) => sum + s, 0) / nonzero.length : 1;
  const x = [...positive, ...negative].map((s) => Math.log1p(s / scale));
  const y = [...positive.map(() => 1), ...negative.map(() => 0)];
  const { intercept, slope } = fitLogistic(x, y);
  const logit = (q: number) => Math.log(q / (1 - q));
  const prior = hide / (hide + untiedPairs);
  const sampled = positive.length / (positive.length + negative.length);
  return {
    ok: true,
    calibration: {
      hiddenTies: hide,
      sampledUntiedPairs: negatives.length,
      share,
      auc: auc(positive, negative),
      intercept: intercept + logit(prior) - logit(sampled),
      slope,
      scale,
    },
  };
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

/**
 * Logistic regression on one feature by Newton's method, with a small ridge on the slope so
 * that a perfectly separated sample (every hidden tie scored, no untied pair) gives a steep but
 * finite curve rather than an infinite one.
 */
export function fitLogistic(x: readonly number[], y: readonly number[], ridge = 1e-2): { intercept: number; slope: number } {
  let a = 0;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let [ga, gb, haa, hab, hbb] = [0, -ridge * b, 0, 0, ridge];
    for (let i = 0; i < x.length; i++) {
      const p = 1 / (1 + Math.exp(-(a + b * x[i]!)));
      const r = y[i]! - p;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r;
      gb += r * x[i]!;
      haa += w;
      hab += w * x[i]!;
      hbb += w * x[i]! * x[i]!;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { intercept: a, slope: b };
}
