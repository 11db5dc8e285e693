import { DEFAULT_MONEY, type MoneySettings, toReporting } from '../money.js';
import type { MoneyEvidence, NodeEvidence } from '../projection/types.js';
import { DEFAULT_HARM_WEIGHTS, FINANCIAL_WEIGHTS, HARM_COMPONENTS, type HarmComponent, STRUCTURAL_MEASURES, STRUCTURAL_WEIGHTS, type StructuralMeasure } from '../weights.js';
import { percentiles, type ScopeRank, scopeRank } from './percentile.js';

/**
 * The harm score: a transparent composite of four components, each a percentile rank within
 * the scope (see percentile.ts), combined as
 *   score = 100 × Σ_c w_c × p_c / Σ_c w_c,   contribution_c = 100 × w_c × p_c / Σ_c w_c
 * so the contributions add up to the score. What each component ranks (raw values):
 *   structural   (2 × betweenness + PageRank + 2 × brokerage) / 5, each as a share of the highest
 *                among the ranked nodes (weights.ts STRUCTURAL_WEIGHTS), where brokerage =
 *                participation coefficient + 1 for a cut point
 *   operational  3 × crossings organised + piloted + recruited for + 2 × vessels and engines
 *                procured + migrants moved (on crossings they organised) / 25
 *   financial    2 × money retained (received − passed on, at least 0) + money controlled
 *                (received), in reporting minor units (weights.ts FINANCIAL_WEIGHTS); a
 *                migrant paying a fare out of their own pocket received nothing
 *   threatToLife 10 × deaths + 3 × injuries + 1 per grossly overloaded crossing, in full on
 *                crossings they organised, half on those they only piloted (evidence.ts)
 * Only people and organisations are ranked (`ranked`); other nodes of a full projection get
 * measures but no score.
 *
 * The structural sub-measures are combined as shares of the highest, not as percentiles: a
 * percentile puts the 10th and the 11th broker 1/N apart however far their betweenness is, so
 * one missing tie reorders a top 10 that the measures themselves hardly change; a share keeps
 * the gap between a clear broker and the crowd. Communities bridged (a count of the Louvain
 * communities among a node's neighbours) is cited by the explanation but not ranked: it jumps
 * by whole communities when a tie into a small one goes or Louvain redraws a border. Measured
 * with 10% and 20% of the ties dropped at random (bench/stability): docs/analytics.md
 * "Stability under missing ties".
 */

export interface HarmMeasures {
  /** Distinct others tied to: a node with none has no structural part (its PageRank is only the teleport share). */
  degree: ArrayLike<number>;
  betweenness: ArrayLike<number>;
  pagerank: ArrayLike<number>;
  participation: ArrayLike<number>;
  /** Cited by the explanation, not ranked (see above). */
  communitiesBridged: ArrayLike<number>;
  isArticulation: ArrayLike<number>;
}

export interface HarmOptions {
  weights: Readonly<Record<HarmComponent, number>>;
  money: MoneySettings;
}

export const DEFAULTS: HarmOptions = { weights: DEFAULT_HARM_WEIGHTS, money: DEFAULT_MONEY };

/** The money parts of the financial component: controlled is what was received. */
export type MoneyPart = 'received' | 'passedOn' | 'retained';
/** What a component's percentile is taken of: the components and the structural sub-measures. */
export type RankedMeasure = HarmComponent | 'betweenness' | 'pagerank' | 'brokerage';

export interface HarmScores {
  score: Float64Array;
  /** Percentile of each component per node. */
  components: Record<HarmComponent, Float64Array>;
  contributions: Record<HarmComponent, Float64Array>;
  /** The raw values ranked, per component, plus the parts the explanation cites (money in reporting minor units). */
  raw: Record<HarmComponent | 'brokerage' | MoneyPart, Float64Array>;
  /** Every ranked value's rank within the scope, sorted once here and asked again by the explanations. */
  ranks: Record<RankedMeasure, ScopeRank>;
  /** Normalised weights actually used (sum 1). */
  weights: Record<HarmComponent, number>;
  /** The highest value of each structural sub-measure among the ranked nodes: what its share is of. */
  highest: Record<StructuralMeasure, number>;
}

/** The highest value among the ranked nodes (0 when none is above 0). */
export function highestOf(values: ArrayLike<number>, ranked: ArrayLike<number>): number {
  let highest = 0;
  for (let i = 0; i < values.length; i++) if (ranked[i] && values[i]! > highest) highest = values[i]!;
  return highest;
}

/** A value as a share of the highest (0 when the highest is 0). */
export function shareOf(value: number, highest: number): number {
  return highest > 0 ? value / highest : 0;
}

export function moneyTotal(money: MoneyEvidence, settings: MoneySettings): number {
  let total = 0;
  for (const [currency, { amount }] of Object.entries(money.byCurrency)) total += toReporting(amount, currency, settings) ?? 0;
  return total;
}

export function operationalRaw(e: NodeEvidence): number {
  return 3 * e.organised.length + 0.5 * (e.piloted.length + e.recruited.length) + 2 * (e.vessels.length + e.engines.length) + e.migrantsMoved / 25;
}

export function threatRaw(e: NodeEvidence): number {
  return e.threat;
}

/**
 * What the ranked nodes did (operational, financial, threat to life): raw values, ranks and
 * percentiles. It does not depend on the network's shape, so the engine computes it while the
 * shortest-path passes are still running.
 */
export interface ActivityScores {
  raw: Record<'operational' | 'financial' | 'threatToLife' | MoneyPart, Float64Array>;
  ranks: Record<'operational' | 'financial' | 'threatToLife', ScopeRank>;
  percentiles: Record<'operational' | 'financial' | 'threatToLife', Float64Array>;
}

export function activityScores(evidence: readonly (NodeEvidence | null)[], ranked: Uint8Array, money: MoneySettings = DEFAULT_MONEY): ActivityScores {
  const n = evidence.length;
  const raw = emptyActivityRaw(n);
  for (let i = 0; i < n; i++) {
    const e = evidence[i];
    if (!e) continue;
    raw.operational[i] = operationalRaw(e);
    raw.received[i] = moneyTotal(e.received, money);
    raw.passedOn[i] = moneyTotal(e.passedOn, money);
    raw.threatToLife[i] = threatRaw(e);
  }
  return activityFromRaw(raw, ranked);
}

/** Activity emptied of values: every part of every node 0. */
export function emptyActivityRaw(n: number): ActivityScores['raw'] {
  return Object.fromEntries(['operational', 'financial', 'threatToLife', 'received', 'passedOn', 'retained'].map((k) => [k, new Float64Array(n)])) as ActivityScores['raw'];
}

/**
 * The activity scores from what each node did, given its operational, threat-to-life, received
 * and passed-on values (money in reporting minor units): retained and financial are worked out
 * here, then each component's ranks and percentiles. Rank confidence's draws (analytics/confidence/)
 * come through here too.
 */
export function activityFromRaw(raw: ActivityScores['raw'], ranked: Uint8Array): ActivityScores {
  for (let i = 0; i < raw.received.length; i++) {
    raw.retained[i] = Math.max(0, raw.received[i]! - raw.passedOn[i]!);
    raw.financial[i] = FINANCIAL_WEIGHTS.retained * raw.retained[i]! + FINANCIAL_WEIGHTS.controlled * raw.received[i]!;
  }
  const ranks = { operational: scopeRank(raw.operational, ranked), financial: scopeRank(raw.financial, ranked), threatToLife: scopeRank(raw.threatToLife, ranked) };
  return {
    raw,
    ranks,
    percentiles: {
      operational: percentiles(raw.operational, ranked, ranks.operational),
      financial: percentiles(raw.financial, ranked, ranks.financial),
      threatToLife: percentiles(raw.threatToLife, ranked, ranks.threatToLife),
    },
  };
}

/** `activity` may be given when it was computed beforehand (same evidence, ranked set and money settings). */
export function harmScores(
  evidence: readonly (NodeEvidence | null)[],
  measures: HarmMeasures,
  ranked: Uint8Array,
  options: Partial<HarmOptions> = {},
  activity?: ActivityScores,
): HarmScores {
  const { weights, money } = { ...DEFAULTS, ...options };
  const n = evidence.length;
  const total = HARM_COMPONENTS.reduce((sum, c) => sum + weights[c], 0);
  if (!(total > 0)) throw new RangeError('analytics/harm: the harm weights must not all be 0');
  const normalised = Object.fromEntries(HARM_COMPONENTS.map((c) => [c, weights[c] / total])) as Record<HarmComponent, number>;

  const did = activity ?? activityScores(evidence, ranked, money);
  const raw: HarmScores['raw'] = { ...did.raw, structural: new Float64Array(n), brokerage: new Float64Array(n) };
  for (let i = 0; i < n; i++) raw.brokerage[i] = measures.participation[i]! + (measures.isArticulation[i] ? 1 : 0);
  const values: Record<StructuralMeasure, ArrayLike<number>> = { betweenness: measures.betweenness, pagerank: measures.pagerank, brokerage: raw.brokerage };
  const highest = Object.fromEntries(STRUCTURAL_MEASURES.map((m) => [m, highestOf(values[m], ranked)])) as Record<StructuralMeasure, number>;
  const sumWeights = STRUCTURAL_MEASURES.reduce((sum, m) => sum + STRUCTURAL_WEIGHTS[m], 0);
  for (let i = 0; i < n; i++) {
    if (!ranked[i] || !(measures.degree[i]! > 0)) continue;
    let sum = 0;
    for (const m of STRUCTURAL_MEASURES) sum += STRUCTURAL_WEIGHTS[m] * shareOf(values[m][i]!, highest[m]);
    raw.structural[i] = sum / sumWeights;
  }
  // The sub-measures' ranks are what the explanations quote beside the shares.
  const sub = {
    betweenness: scopeRank(measures.betweenness, ranked),
    pagerank: scopeRank(measures.pagerank, ranked),
    brokerage: scopeRank(raw.brokerage, ranked),
  };
  const ranks = { ...sub, structural: scopeRank(raw.structural, ranked), ...did.ranks };

  const components = { structural: percentiles(raw.structural, ranked, ranks.structural), ...did.percentiles };
  const contributions = Object.fromEntries(HARM_COMPONENTS.map((c) => [c, new Float64Array(n)])) as Record<HarmComponent, Float64Array>;
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!ranked[i]) continue;
    let sum = 0;
    for (const c of HARM_COMPONENTS) {
      const part = 100 * normalised[c] * components[c][i]!;
      contributions[c][i] = part;
      sum += part;
    }
    score[i] = sum;
  }
  return { score, components, contributions, raw, ranks, weights: normalised, highest };
}
