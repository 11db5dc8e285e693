import { samplesForArcs } from '../../analytics/centrality/shortest-paths.js';
import { type MoneySettings, reportingFactor } from '../../analytics/money.js';
import { ASSESSMENT_CONFIDENCE, type PathWeights, SOURCE_CONFIDENCE, type TieKind, UNGRADED_CONFIDENCE } from '../../analytics/weights.js';

/**
 * What the GDS engine sends with its queries: the scope's tie weights and confidence factors
 * (from weights.ts, so both engines weigh a fact alike), and each algorithm's configuration.
 *
 * Settings kept consistent with the service's own engine:
 * - Louvain: weighted by strength, up to 10 levels of 10 sweeps, stop below a 1e-4 gain, on one
 *   thread (GDS's Louvain is deterministic only on one thread; a run must be repeatable). GDS has
 *   no random seed for Louvain: `seed` changes nothing there. Communities left disconnected are
 *   split afterwards exactly as for the service's own Louvain.
 * - PageRank: weighted, damping 0.85, tolerance 1e-10, scaled to sum to 1, self-loops counted
 *   once (gds/project.cypher `rankWeight`).
 * - Betweenness: over distance = 1 / strength; sampled above the same node count and with as
 *   many sources as the service's own engine would use, drawn with `seed`.
 * - Closeness: GDS's harmonic closeness counts hops (GDS takes no weights there), where the
 *   service's own adds up distances of 1 / strength. Not part of the harm score.
 */

export const LOUVAIN_LEVELS = 10;

export interface GdsRuntime {
  /** Threads GDS may use for PageRank, betweenness and closeness. */
  concurrency: number;
}

/** The parameters gds/people-ties.cypher reads besides the scope's own. */
export function tieParameters(tieWeights: Readonly<Record<TieKind, number>>, tieKinds: readonly TieKind[] | undefined, sharedLocationCap: number, money: MoneySettings) {
  const reportingPerMinorUnit: Record<string, number> = {};
  for (const currency of Object.keys(money.exchangeRates)) {
    const factor = reportingFactor(currency, money);
    if (factor !== undefined) reportingPerMinorUnit[currency] = factor;
  }
  return {
    tieWeights,
    tieKinds: tieKinds ?? null,
    sharedLocationCap,
    sourceConfidence: Object.fromEntries(Object.entries(SOURCE_CONFIDENCE).map(([k, v]) => [String(k), v])),
    assessmentConfidence: ASSESSMENT_CONFIDENCE,
    ungraded: UNGRADED_CONFIDENCE,
    reportingPerMinorUnit,
  };
}

export function louvainConfig() {
  return { relationshipWeightProperty: 'strength', maxLevels: LOUVAIN_LEVELS, maxIterations: 10, tolerance: 1e-4, concurrency: 1 };
}

export function pagerankConfig(runtime: GdsRuntime) {
  return { relationshipWeightProperty: 'rankWeight', dampingFactor: 0.85, maxIterations: 100, tolerance: 1e-10, scaler: 'L1Norm', concurrency: runtime.concurrency };
}

/**
 * Exact up to `exactUpTo` nodes; above, the service's own sample size ('auto': by the tie count)
 * from `seed`. `arcs`: GDS's relationship count of the undirected graph (each tie twice).
 */
export function betweennessConfig(
  runtime: GdsRuntime,
  nodes: number,
  arcs: number,
  options: { exactUpTo: number; samples: number | 'auto'; seed: number; pathWeights?: PathWeights },
) {
  // Hops: no weight property, so GDS counts every tie as 1 long.
  const base = options.pathWeights === 'hops' ? { concurrency: runtime.concurrency } : { relationshipWeightProperty: 'distance', concurrency: runtime.concurrency };
  if (nodes <= options.exactUpTo) return { config: base, estimated: false, sources: nodes };
  const wanted = options.samples === 'auto' ? samplesForArcs(arcs) : options.samples;
  const sources = Math.min(nodes, wanted);
  if (sources >= nodes) return { config: base, estimated: false, sources: nodes };
  return { config: { ...base, samplingSize: sources, samplingSeed: options.seed }, estimated: true, sources };
}

export function closenessConfig(runtime: GdsRuntime) {
  return { concurrency: runtime.concurrency };
}
