import { articulationPoints } from './brokerage/articulation-points.js';
import { participation } from './brokerage/participation.js';
import { degreeCentrality } from './centrality/degree.js';
import { eigenvectorCentrality } from './centrality/eigenvector.js';
import { pagerank } from './centrality/pagerank.js';
import { PARALLEL_DEFAULTS, type PathRun, startShortestPaths } from './centrality/parallel-paths.js';
import { DEFAULTS as PATH_DEFAULTS } from './centrality/shortest-paths.js';
import { type GivenStructure, partitionFromMembership } from './communities/given-structure.js';
import { detectCommunitiesCsr, partitionFromLabels } from './communities/louvain.js';
import { assignStableIds, type PreviousCommunity } from './communities/stable-ids.js';
import type { DrawChunk } from './confidence/draws.js';
import { type RankConfidence, summariseDraws } from './confidence/summary.js';
import { csrFromEdges, pathGraph } from './csr.js';
import { activityScores, harmScores } from './harm/score.js';
import { DEFAULT_MONEY, type MoneySettings } from './money.js';
import type { Projection } from './projection/types.js';
import type { RankingTable } from './ranking.js';
import { type CommunityReport, describeCommunities, describeGivenCommunities, withTopMembers } from './report.js';
import { DEFAULT_HARM_WEIGHTS, type HarmComponent, type PathWeights } from './weights.js';

/**
 * The whole analysis of one projection, in one pure call: graph, communities, centrality,
 * brokerage, harm and explanations. Runs inside a worker thread (src/worker.ts), so it
 * never blocks the HTTP event loop. Same projection + same options → identical result.
 */

export interface EngineOptions {
  resolution: number;
  seed: number;
  betweennessSamples: number | 'auto';
  exactBetweennessUpTo: number;
  harmWeights: Readonly<Record<HarmComponent, number>>;
  money: MoneySettings;
  /** What betweenness and closeness measure paths in (weights.ts PATH_WEIGHTS). */
  pathWeights: PathWeights;
  previousCommunities?: PreviousCommunity[];
}

export const DEFAULTS: EngineOptions = {
  resolution: 1,
  seed: 1,
  betweennessSamples: PATH_DEFAULTS.samples,
  exactBetweennessUpTo: PATH_DEFAULTS.exactThreshold,
  harmWeights: DEFAULT_HARM_WEIGHTS,
  money: DEFAULT_MONEY,
  pathWeights: 'strength',
};

/**
 * What the GDS engine computed, per node index of the projection: measures computed elsewhere (the GDS engine, analysis/gds/), aligned with the projection's
 * nodes; the engine takes them instead of computing its own (`analyse`'s `given`).
 */
export interface GivenMeasures {
  /** Louvain's community per node (any numbering: the engine renumbers and splits it). */
  labels: Int32Array;
  pagerank: Float64Array;
  /** Normalised as the service's own engine's (shortest-paths.ts). */
  betweenness: Float64Array;
  closeness: Float64Array;
  estimated: boolean;
  sources: number;
  /**
   * What the engine would otherwise compute from the ties, computed where they are (the GDS
   * engine's sna.structure.stream): with it the projection need not hold its ties.
   */
  structure?: GivenStructure;
}

/** How an analysis runs, not what it computes (beyond the last bits of float sums): never echoed as a parameter. */
export interface EngineRuntime {
  /** Helper threads for betweenness and closeness (centrality/parallel-paths.ts); 0: none. */
  pathHelpers: number;
  /** Told each stage's name as it ends (a run's progress); not cloned into a worker, so set there. */
  onStage?: (stage: string) => void;
}

export const RUNTIME_DEFAULTS: EngineRuntime = { pathHelpers: PARALLEL_DEFAULTS.helpers };

/** A confidence run's draws (analysis/confidence-task.ts), summarised onto the ranking. */
export interface DrawSet {
  spec: RankConfidence['spec'];
  chunks: DrawChunk[];
}

/** The confidence summary an answer carries beside the ranking (each ranked node has its own part). */
export interface ConfidenceSummary {
  draws: number;
  dropout: number;
  grading: boolean;
  seed: number;
  top: number;
  sourcesPerDraw: number;
  stableCore: { key: string; id: string; name: string | null; medianRank: number; inTopK: number }[];
}

export interface AnalysisResult {
  options: Omit<EngineOptions, 'previousCommunities'>;
  graph: { nodes: number; ties: number; ranked: number };
  timings: Record<string, number>;
  modularity: number;
  communitiesSplit: number;
  /** threads: the calling thread plus the helpers that took part. */
  betweenness: { estimated: boolean; sources: number; threads: number };
  warnings: string[];
  communities: CommunityReport[];
  /** Every node, highest harm first, as columns; rankedNodes() (ranking.ts) writes out entries with their explanations. */
  ranking: RankingTable;
  /** When the analysis was given draws (parameters.confidence). */
  confidence?: ConfidenceSummary;
}

/**
 * With `given` (the GDS engine's results, analysis/gds/), communities, PageRank, betweenness and
 * closeness are taken from it instead of computed here, and with its `structure` everything else
 * computed from the ties too (the projection's ties are then not read); the harm score,
 * explanations and reports are the same.
 */
export async function analyse(
  projection: Projection,
  options: Partial<EngineOptions> = {},
  runtime: Partial<EngineRuntime> = {},
  given?: GivenMeasures,
  draws?: DrawSet,
): Promise<AnalysisResult> {
  const o: EngineOptions = { ...DEFAULTS, ...options };
  const { pathHelpers, onStage } = { ...RUNTIME_DEFAULTS, ...runtime };
  const timings: Record<string, number> = {};
  const record = (stage: string, started: number) => {
    timings[stage] = Math.round((performance.now() - started) * 10) / 10;
    onStage?.(stage);
  };
  const time = <T>(stage: string, run: () => T): T => {
    const started = performance.now();
    const value = run();
    record(stage, started);
    return value;
  };
  const { nodes, ties } = projection;
  const n = nodes.length;

  const keys = nodes.map((node) => node.key);
  // With the GDS engine's structure the ties stay in Neo4j: no CSR here (measures given without
  // it still need one).
  const givenStructure = given?.structure;
  const csr = givenStructure ? null : time('csr', () => csrFromEdges(keys, ties.source, ties.target, ties.strength));

  // The helper threads start on the Dijkstra passes now, while this thread goes on with
  // communities and the other measures; 'betweennessCloseness' times the passes this thread
  // then takes itself, until none is left, and the wait for the helpers' last.
  const pathRun = given
    ? givenPaths(given)
    : startShortestPaths(pathGraph(csr!, o.pathWeights), {
        exactThreshold: o.exactBetweennessUpTo,
        samples: o.betweennessSamples,
        seed: o.seed,
        helpers: pathHelpers,
      });
  const found = time('louvain', () =>
    givenStructure
      ? partitionFromMembership(keys, givenStructure, given!.labels)
      : given
        ? partitionFromLabels(csr!, given.labels, o.resolution)
        : detectCommunitiesCsr(csr!, { resolution: o.resolution, seed: o.seed }),
  );
  const stable = assignStableIds(found.communities, o.previousCommunities);
  const community = found.membership;

  const degree = time('degree', () => (givenStructure ? { degree: givenStructure.degree, strength: givenStructure.strength } : degreeCentrality(csr!)));
  const rank = time('pagerank', () => (given ? { scores: given.pagerank, converged: true, iterations: 0 } : pagerank(csr!)));
  const eigen = time('eigenvector', () => (givenStructure ? givenStructure.eigenvector : eigenvectorCentrality(csr!)));
  const brokerage = time('brokerage', () => (givenStructure ? givenStructure.brokerage : { ...participation(csr!, community), ...articulationPoints(csr!) }));
  const ranked = new Uint8Array(n);
  nodes.forEach((node, i) => (ranked[i] = node.type === 'person' || node.type === 'organisation' ? 1 : 0));
  // What does not need betweenness is done while the helper threads may still be at it.
  const activity = time('activity', () => activityScores(projection.evidence, ranked, o.money));
  const structure = time('communityReport', () =>
    givenStructure
      ? describeGivenCommunities(projection.evidence, found.members, stable.ids, keys, givenStructure)
      : describeCommunities(projection, found.members, stable.ids, csr!, community, brokerage.participation),
  );
  const pathsStarted = performance.now();
  const paths = await pathRun.finish();
  record('betweennessCloseness', pathsStarted);

  const harm = time('harm', () =>
    harmScores(
      projection.evidence,
      {
        degree: degree.degree,
        betweenness: paths.betweenness,
        pagerank: rank.scores,
        participation: brokerage.participation,
        communitiesBridged: brokerage.communitiesBridged,
        isArticulation: brokerage.isArticulation,
      },
      ranked,
      { weights: o.harmWeights, money: o.money },
      activity,
    ),
  );

  // Nodes are in key order (detectCommunitiesCsr insists), so the index breaks ties by key.
  const order = time('order', () => Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => ranked[b]! - ranked[a]! || harm.score[b]! - harm.score[a]! || a - b));
  const { ranks: _ranks, ...harmColumns } = harm;
  const ranking: RankingTable = {
    order,
    nodes,
    evidence: projection.evidence,
    ranked,
    community,
    communityIds: stable.ids,
    harm: harmColumns,
    measures: {
      degree: degree.degree,
      strength: degree.strength,
      pagerank: rank.scores,
      betweenness: paths.betweenness,
      closeness: paths.closeness,
      eigenvector: eigen.scores,
      participation: brokerage.participation,
      communitiesBridged: brokerage.communitiesBridged,
      isArticulation: brokerage.isArticulation,
      separated: brokerage.separated,
    },
    betweennessEstimated: paths.estimated,
    eigenvectorConverged: eigen.converged,
    money: o.money,
  };

  if (draws) ranking.confidence = time('confidence', () => summariseDraws(projection, ranked, draws.chunks, draws.spec));
  const communities = time('topMembers', () => withTopMembers(structure, found.members, { ids: keys }, harm.score));

  const warnings: string[] = [...(projection.warnings ?? [])];
  const rankedCount = ranked.reduce((a, b) => a + b, 0);
  let selfTies = givenStructure?.selfTies ?? 0;
  if (!givenStructure) for (let t = 0; t < ties.source.length; t++) if (ties.source[t] === ties.target[t]) selfTies++;
  const tieCount = givenStructure?.ties ?? ties.source.length;
  if (n >= 2 && tieCount - selfTies === 0) {
    const dropped = projection.dropped.filter((d) => d.reason.startsWith('tieWeights.')).map((d) => d.reason.replace(' (no tie)', ''));
    const why = dropped.length > 0 ? ` (${dropped.join(', ')})` : '';
    warnings.push(`no ties between the ${n} nodes in scope${why}: every structural measure is 0 and the ranking rests on what people did alone`);
  }
  let scored = 0;
  for (let i = 0; i < n; i++) if (ranked[i] && harm.score[i]! > 0) scored++;
  if (rankedCount > 0 && scored === 0) warnings.push(`every harm score is 0: nothing in scope carries weight, so the ${rankedCount} ranked are in key order, not by harm`);
  if (!rank.converged) warnings.push(`PageRank did not converge in ${rank.iterations} iterations`);
  if (!eigen.converged) warnings.push(`eigenvector centrality did not converge in ${eigen.iterations} iterations; its values are the last iterate`);
  if (paths.estimated) warnings.push(`betweenness and closeness are estimates from ${paths.sources} sampled sources (more than ${o.exactBetweennessUpTo} nodes)`);

  const { previousCommunities: _previous, ...echoed } = o;
  return {
    options: echoed,
    graph: { nodes: n, ties: tieCount, ranked: rankedCount },
    timings,
    modularity: found.modularity,
    communitiesSplit: found.splits,
    betweenness: { estimated: paths.estimated, sources: paths.sources, threads: 1 + pathRun.helpers },
    warnings,
    communities,
    ranking,
    ...(ranking.confidence ? { confidence: confidenceSummary(ranking.confidence, nodes) } : {}),
  };
}

function confidenceSummary(c: RankConfidence, nodes: Projection['nodes']): ConfidenceSummary {
  const { draws, dropout, grading, seed, top, sourcesPerDraw } = c.spec;
  return {
    draws,
    dropout,
    grading,
    seed,
    top,
    sourcesPerDraw,
    stableCore: c.stableCore.map((i) => ({ key: nodes[i]!.key, id: nodes[i]!.id, name: nodes[i]!.name, medianRank: c.median[i]!, inTopK: c.inTop[i]! })),
  };
}

/** The GDS engine's betweenness and closeness, in the shape of a path run. */
function givenPaths(given: GivenMeasures): PathRun {
  const { betweenness, closeness, estimated, sources } = given;
  return { helpers: 0, failures: [], blocksComputed: [], claimed: () => 0, finish: async () => ({ betweenness, closeness, estimated, sources }) };
}
