import { randomUUID } from 'node:crypto';

import type { GivenMeasures } from '../../analytics/engine.js';
import type { Projection } from '../../analytics/projection/types.js';
import type { PathWeights } from '../../analytics/weights.js';
import { GdsMemoryError } from '../../errors.js';
import type { EstimatedAlgorithm, GdsRepository, NodeValue } from '../../repositories/gds-repository.js';
import { betweennessConfig, closenessConfig, type GdsRuntime, louvainConfig, pagerankConfig } from './config.js';
import { tiesFromRows } from './tie-rows.js';

/**
 * The GDS engine's part of an analysis: the scope's ties computed inside Neo4j (once; readTies
 * brings them back) and projected into a GDS graph whose nodes are numbered as the projection's,
 * the superlinear algorithms (Louvain, PageRank, betweenness, closeness) run
 * there, their results brought back as columns aligned with the projection's nodes. The rest —
 * participation, articulation points, eigenvector, the harm score, explanations, community
 * reports — is the service's own engine on these columns (engine.ts, `given`), so both engines
 * score and explain alike.
 *
 * Memory: every algorithm is estimated (GDS's `.estimate`) before any runs; the largest estimate
 * over the heap GDS can still use refuses the job with GdsMemoryError, naming both figures.
 */

export interface GdsRun {
  given: GivenMeasures;
  timings: Record<string, number>;
  graph: { nodes: number; relationships: number };
}

export interface GdsAnalysisOptions {
  exactBetweennessUpTo: number;
  betweennessSamples: number | 'auto';
  seed: number;
  pathWeights?: PathWeights;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Fills the ties of `projection` (read without them) from the database's own tie query. */
export async function readTies(repository: GdsRepository, projection: Projection, params: object, signal?: AbortSignal): Promise<Projection> {
  const rows = [];
  for await (const row of repository.ties(params, signal)) rows.push(row);
  const { unmatched, ...ties } = tiesFromRows(projection.nodes, rows, projection.tieKinds);
  const dropped = unmatched > 0 ? [...projection.dropped, { reason: 'tie with an end that changed while the scope was read', count: unmatched }] : projection.dropped;
  return { ...projection, ties, dropped };
}

export async function runGds(repository: GdsRepository, projection: Projection, options: GdsAnalysisOptions, runtime: GdsRuntime, signal?: AbortSignal): Promise<GdsRun> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await run();
    timings[stage] = round(performance.now() - started);
    return value;
  };
  const graph = `sna-${randomUUID()}`;
  const projected = await time('gdsProject', () => repository.project(graph, projection.nodes.length, projection.ties));
  try {
    signal?.throwIfAborted();
    const n = projection.nodes.length;
    const paths = betweennessConfig(runtime, projected.nodes, projected.relationships, {
      exactUpTo: options.exactBetweennessUpTo,
      samples: options.betweennessSamples,
      seed: options.seed,
      pathWeights: options.pathWeights,
    });
    const configs = { louvain: louvainConfig(), pagerank: pagerankConfig(runtime), betweenness: paths.config };
    await time('gdsEstimate', () => checkMemory(repository, graph, configs));

    const column = <T extends Float64Array | Int32Array>(rows: NodeValue[], into: T): T => {
      for (const { node, value } of rows) into[node] = value;
      return into;
    };
    const labels = column(await time('gdsLouvain', () => repository.algorithm('louvain', graph, configs.louvain, signal)), new Int32Array(n));
    renumber(labels);
    const pagerank = column(await time('gdsPagerank', () => repository.algorithm('pagerank', graph, configs.pagerank, signal)), new Float64Array(n));
    const betweenness = column(await time('gdsBetweenness', () => repository.algorithm('betweenness', graph, paths.config, signal)), new Float64Array(n));
    // GDS's closeness has no sampling: a search from every node. Where betweenness is sampled it
    // would cost more than all the rest (380 s of 536 at 1M ties), so it is left out there.
    const closeness = paths.estimated
      ? new Float64Array(n)
      : column(await time('gdsCloseness', () => repository.algorithm('closeness', graph, closenessConfig(runtime), signal)), new Float64Array(n));

    // GDS counts each unordered pair once, unscaled; the service's engine divides by the
    // (n − 1)(n − 2)/2 pairs, and a sampled run by the share of sources (shortest-paths.ts).
    const pairs = ((n - 1) * (n - 2)) / 2;
    const scale = n > 2 ? (paths.estimated ? n / paths.sources : 1) / pairs : 0;
    for (let i = 0; i < n; i++) betweenness[i]! *= scale;

    return {
      given: { labels, pagerank, betweenness, closeness, estimated: paths.estimated, sources: paths.sources },
      timings,
      graph: { nodes: projected.nodes, relationships: projected.relationships },
    };
  } finally {
    await repository.drop(graph);
  }
}

/** GDS's community ids as 0…k−1 in order of first appearance (what the engine's partition takes). */
function renumber(labels: Int32Array): void {
  const to = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    let c = to.get(labels[i]!);
    if (c === undefined) to.set(labels[i]!, (c = to.size));
    labels[i] = c;
  }
}

async function checkMemory(repository: GdsRepository, graph: string, configs: Record<EstimatedAlgorithm, object>): Promise<void> {
  const heap = await repository.heap();
  for (const [name, config] of Object.entries(configs) as [EstimatedAlgorithm, object][]) {
    const estimate = await repository.estimate(name, graph, config);
    if (estimate.bytesMax > heap.available) throw new GdsMemoryError(name, mib(estimate.bytesMax), mib(heap.available), mib(heap.max));
  }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
