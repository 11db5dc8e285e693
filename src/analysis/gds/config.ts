import { type MoneySettings, reportingFactor } from '../../analytics/money.js';
import { ASSESSMENT_CONFIDENCE, SOURCE_CONFIDENCE, type TieKind, UNGRADED_CONFIDENCE } from '../../analytics/weights.js';

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
 * - Betweenness and closeness: not GDS's (its sampling draws its own sources, by degree, in its
 *   internal node order), but the service's procedure sna.betweenness.stream on the projected
 *   graph, from the very sources the service's own engine draws (gds-analysis.ts).
 */

export const LOUVAIN_LEVELS = 10;

export interface GdsRuntime {
  /** Threads GDS may use for PageRank. */
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
 * The memory sna.betweenness.stream takes in Neo4j's heap for a graph of `nodes` nodes and
 * `arcs` arcs (each tie twice): its copy of the adjacency (target, length, predecessor slot per
 * arc) and eleven arrays over the nodes.
 */
export function pathsBytes(nodes: number, arcs: number): number {
  return arcs * (4 + 8 + 4) + nodes * (4 + 8 + 8 + 8 + 8 + 8 + 1 + 4 + 8 + 4 + 4 + 4);
}

/**
 * The memory sna.structure.stream takes in Neo4j's heap: its copy of the adjacency by original id
 * (target, strength, money per arc, twice while it is put in order and compacted), the labels as a
 * list of boxed numbers, and its arrays over the nodes.
 */
export function structureBytes(nodes: number, arcs: number): number {
  return arcs * (4 + 8 + 8) * 2 + nodes * (24 + 4 * 10 + 8 * 6 + 2);
}

/**
 * The memory sna.ties.parts and sna.ties.strongest take for a stored run: the communities as a
 * list of boxed numbers and an array, at most every tie kept while each community's strongest are
 * looked for (ends and strength, about 56 bytes with the queue's share), and a part's buffers and
 * its copy (ends, strength, money and `kinds` counts per tie).
 */
export function storedTiesBytes(nodes: number, ties: number, kinds: number, perPart: number): number {
  return nodes * (24 + 4) + ties * 56 + Math.min(ties, perPart) * (4 + 4 + 8 + 8 + 8 * kinds) * 2;
}
