import { randomUUID } from 'node:crypto';

import { everyNode, pickSources, scalePaths } from '../../analytics/centrality/shortest-paths.js';
import type { GivenMeasures } from '../../analytics/engine.js';
import type { Projection } from '../../analytics/projection/types.js';
import type { PathWeights } from '../../analytics/weights.js';
import { GdsMemoryError } from '../../errors.js';
import type { EstimatedAlgorithm, GdsRepository } from '../../repositories/gds-repository.js';
import { type GdsRuntime, louvainConfig, pagerankConfig, pathsBytes } from './config.js';
import { TieCollector } from './tie-rows.js';

/**
 * The GDS engine's part of an analysis. The scope's ties are computed inside Neo4j and projected
 * there straight from the tie query into a GDS graph whose nodes are numbered as the service's
 * projection (gds/project.cypher): no tie goes to Neo4j from the service. Louvain and PageRank
 * run in GDS; betweenness and closeness in the service's own procedure on the same graph
 * (neo4j/procedures, sna.betweenness.stream), from the sources the service's own engine would
 * draw with the same seed (shortest-paths.ts pickSources), so both engines sample alike. Their
 * results come back a row at a time into columns aligned with the projection's nodes. The rest —
 * participation, articulation points, eigenvector, the harm score, explanations, community
 * reports — is the service's own engine on these columns (engine.ts, `given`), so both engines
 * score and explain alike; for those the service still reads the ties once (readTies).
 *
 * Memory: Louvain and PageRank are estimated (GDS's `.estimate`), the paths procedure by its
 * arrays, before any runs; the largest over the heap GDS can still use refuses the job with
 * GdsMemoryError, naming both figures.
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

/** Fills the ties of `projection` (read without them) from the database's own tie query, a row at a time. */
export async function readTies(repository: GdsRepository, projection: Projection, params: object, signal?: AbortSignal): Promise<Projection> {
  const collector = new TieCollector(projection.nodes, projection.tieKinds);
  for await (const row of repository.ties(params, signal)) collector.add(row);
  const { unmatched, ...ties } = collector.finish();
  const dropped = unmatched > 0 ? [...projection.dropped, { reason: 'tie with an end that changed while the scope was read', count: unmatched }] : projection.dropped;
  return { ...projection, ties, dropped };
}

/** `params`: the tie query's (the scope's and config.ts tieParameters), as readTies takes them. */
export async function runGds(
  repository: GdsRepository,
  projection: Pick<Projection, 'nodes'>,
  params: object,
  options: GdsAnalysisOptions,
  runtime: GdsRuntime,
  signal?: AbortSignal,
): Promise<GdsRun> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await run();
    timings[stage] = round(performance.now() - started);
    return value;
  };
  const graph = `sna-${randomUUID()}`;
  const n = projection.nodes.length;
  const projected = await time('gdsProject', () =>
    repository.project(
      graph,
      projection.nodes.map((node) => node.key),
      params,
    ),
  );
  try {
    signal?.throwIfAborted();
    if (projected.nodes !== n) throw new Error(`analysis/gds: ${projected.nodes} nodes projected for ${n} in scope`);
    // The sources the service's own engine draws for a graph of this size: its CSR holds each tie
    // as two arcs, a self-loop as one (GDS holds it twice).
    const arcs = projected.relationships - projected.selfLoops;
    const picked = pickSources(
      { n, targets: { length: arcs } as Int32Array },
      { exactThreshold: options.exactBetweennessUpTo, samples: options.betweennessSamples, seed: options.seed },
    );
    const configs = { louvain: louvainConfig(), pagerank: pagerankConfig(runtime) };
    await time('gdsEstimate', () => checkMemory(repository, graph, configs, pathsBytes(n, projected.relationships)));

    const labels = await time('gdsLouvain', () => repository.algorithm('louvain', graph, configs.louvain, new Int32Array(n), signal));
    renumber(labels);
    const pagerank = await time('gdsPagerank', () => repository.algorithm('pagerank', graph, configs.pagerank, new Float64Array(n), signal));
    const sums = await time('gdsBetweenness', () =>
      repository.paths(graph, picked ?? null, options.pathWeights === 'hops', { betweenness: new Float64Array(n), closeness: new Float64Array(n) }, signal),
    );
    const paths = scalePaths(n, picked ?? everyNode(n), picked !== undefined, sums);

    return {
      given: { labels, pagerank, ...paths },
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

async function checkMemory(repository: GdsRepository, graph: string, configs: Record<EstimatedAlgorithm, object>, pathBytes: number): Promise<void> {
  const heap = await repository.heap();
  const estimates: [string, number][] = [['betweenness', pathBytes]];
  for (const [name, config] of Object.entries(configs) as [EstimatedAlgorithm, object][]) estimates.push([name, (await repository.estimate(name, graph, config)).bytesMax]);
  for (const [name, bytes] of estimates) if (bytes > heap.available) throw new GdsMemoryError(name, mib(bytes), mib(heap.available), mib(heap.max));
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
