import { DEFAULTS as PATH_DEFAULTS, shortestPathCentrality } from '../analytics/centrality/shortest-paths.js';
import { pathGraph } from '../analytics/csr.js';
import { harmScores } from '../analytics/harm/score.js';
import type { PathWeights } from '../analytics/weights.js';
import type { DisruptionNetwork } from './network.js';

/**
 * What the path strategies (betweenness, harm and their adaptive versions) rank by, under one
 * path weighting: betweenness on the intact network with paths measured in tie strength or in
 * hops (weights.ts PATH_WEIGHTS), and the harm score with that betweenness in its structural
 * part. The analysis's own weighting reuses its measures; the other is computed here once,
 * with the analysis's sampling settings (exact up to its threshold, else the same seeded draw).
 */

export interface PathView {
  weights: PathWeights;
  betweenness: Float64Array;
  estimated: boolean;
  harm: Float64Array;
}

export interface PathSettings {
  seed: number;
  exactThreshold?: number;
  samples?: number | 'auto';
}

export function pathView(net: DisruptionNetwork, weights: PathWeights, settings: PathSettings): PathView {
  const { ranking } = net;
  if (weights === net.pathWeights) return { weights, betweenness: ranking.measures.betweenness, estimated: ranking.betweennessEstimated, harm: ranking.harm.score };
  const paths = shortestPathCentrality(pathGraph(net.csr, weights), {
    exactThreshold: settings.exactThreshold ?? PATH_DEFAULTS.exactThreshold,
    samples: settings.samples ?? PATH_DEFAULTS.samples,
    seed: settings.seed,
  });
  const m = ranking.measures;
  const harm = harmScores(
    ranking.evidence,
    {
      degree: m.degree,
      betweenness: paths.betweenness,
      pagerank: m.pagerank,
      participation: m.participation,
      communitiesBridged: m.communitiesBridged,
      isArticulation: m.isArticulation,
    },
    ranking.ranked,
    { weights: ranking.harm.weights, money: ranking.money },
  );
  return { weights, betweenness: paths.betweenness, estimated: paths.estimated, harm: harm.score };
}
