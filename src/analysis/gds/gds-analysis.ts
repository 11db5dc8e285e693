import { randomUUID } from 'node:crypto';

import { everyNode, pickSources, scalePaths } from '../../analytics/centrality/shortest-paths.js';
import type { GivenMeasures } from '../../analytics/engine.js';
import { kindCountsAt } from '../../analytics/projection/tie-accumulator.js';
import type { Projection } from '../../analytics/projection/types.js';
import type { PathWeights } from '../../analytics/weights.js';
import { GdsMemoryError, ScopeTooLargeError } from '../../errors.js';
import type { EstimatedAlgorithm, GdsRepository } from '../../repositories/gds-repository.js';
import type { StoredTie, TieArtefact } from '../../repositories/run-results-repository.js';
import { type GdsRuntime, louvainConfig, pagerankConfig, pathsBytes, storedTiesBytes, structureBytes } from './config.js';
import { StructureCollector } from './structure-rows.js';
import { TieCollector } from './tie-rows.js';

/**
 * The GDS engine's part of an analysis. The scope's ties are computed inside Neo4j and projected
 * there straight from the tie query into a GDS graph whose nodes are numbered as the service's
 * projection (gds/project.cypher): no tie goes to Neo4j from the service. Louvain and PageRank
 * run in GDS; betweenness and closeness in the service's own procedure on the same graph
 * (neo4j/procedures, sna.betweenness.stream), from the sources the service's own engine would
 * draw with the same seed (shortest-paths.ts pickSources), so both engines sample alike; what
 * the engine computes from the ties once it knows the communities (their split into connected
 * parts, modularity, degree, eigenvector, participation, articulation points, the community
 * reports' tie counts and money) in the service's other procedure (sna.structure.stream, a port
 * of the engine's functions). Every result comes back a row at a time into columns aligned with
 * the projection's nodes: no tie comes to the service. The harm score, explanations and reports
 * are the service's own engine on these columns (engine.ts, `given`), so both engines score and
 * explain alike. A stored run's ties are packed in Neo4j from the graph and handed to the run's
 * writer a part at a time, each community's strongest picked there too (sna.ties.parts,
 * sna.ties.strongest). Only what needs the ties themselves (a preview's tie list, a disruption
 * plan) reads them (readTies).
 *
 * Memory: Louvain and PageRank are estimated (GDS's `.estimate`), the paths procedure by its
 * arrays, before any runs; the largest over the heap GDS can still use refuses the job with
 * GdsMemoryError, naming both figures.
 */

export interface GdsRun {
  given: GivenMeasures;
  timings: Record<string, number>;
  graph: { nodes: number; relationships: number };
  /** Ties in the projected graph, and ties left out because an end was not in the scope's nodes (the data changed between the reads). */
  ties: number;
  unmatched: number;
  /** With options.store: each community's strongest internal ties (the ties themselves were written meanwhile). */
  strongest?: StrongestTies;
}

export interface GdsAnalysisOptions {
  exactBetweennessUpTo: number;
  betweennessSamples: number | 'auto';
  seed: number;
  pathWeights?: PathWeights;
  /** Louvain's resolution, for the modularity (GDS's Louvain has none of its own here). */
  resolution: number;
  /** More ties than this in the projected graph refuse the job (ScopeTooLargeError). */
  maxTies?: number;
  /** A stored run's ties, made in Neo4j from the projected graph and handed to the writer a part at a time. */
  store?: TieStore;
}

/** How a run stores its ties when the GDS engine analyses it (runs/execute.ts). */
export interface TieStore {
  /** Ties per stored part (runs/result-rows.ts TIES_PER_PART). */
  perPart: number;
  /** Strongest internal ties kept per community (runs/store-task.ts STRONGEST_TIES). */
  strongestLimit: number;
  /** Writes one part; the next is made only after. */
  write(part: TieArtefact): Promise<void>;
}

/** Per community number (the engine's partition), its strongest internal ties and how many it has in all (store-task.ts strongestInternalTies, by number). */
export type StrongestTies = Map<number, { total: number; strongest: StoredTie[] }>;

const round = (ms: number) => Math.round(ms * 10) / 10;

/** What a projection's `dropped` says of ties left out because an end was not among the scope's nodes. */
export const UNMATCHED_TIE = 'tie with an end that changed while the scope was read';

/** Fills the ties of `projection` (read without them) from the database's own tie query, a row at a time. */
export async function readTies(repository: GdsRepository, projection: Projection, params: object, signal?: AbortSignal): Promise<Projection> {
  const collector = new TieCollector(projection.nodes, projection.tieKinds);
  for await (const row of repository.ties(params, signal)) collector.add(row);
  const { unmatched, ...ties } = collector.finish();
  const dropped = unmatched > 0 ? [...projection.dropped, { reason: UNMATCHED_TIE, count: unmatched }] : projection.dropped;
  return { ...projection, ties, dropped };
}

/** `params`: the tie query's (the scope's and config.ts tieParameters), as readTies takes them. */
export async function runGds(
  repository: GdsRepository,
  projection: Pick<Projection, 'nodes' | 'tieKinds'>,
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
  const { store } = options;
  const kinds = store ? projection.tieKinds : [];
  const projected = await time('gdsProject', () =>
    repository.project(
      graph,
      projection.nodes.map((node) => node.key),
      params,
      kinds,
    ),
  );
  try {
    signal?.throwIfAborted();
    if (projected.nodes !== n) throw new Error(`analysis/gds: ${projected.nodes} nodes projected for ${n} in scope`);
    // GDS holds each undirected tie twice, a self-loop too.
    const ties = projected.relationships / 2;
    if (options.maxTies !== undefined && ties > options.maxTies) throw new ScopeTooLargeError(options.maxTies);
    // The sources the service's own engine draws for a graph of this size: its CSR holds each tie
    // as two arcs, a self-loop as one (GDS holds it twice).
    const arcs = projected.relationships - projected.selfLoops;
    const picked = pickSources(
      { n, targets: { length: arcs } as Int32Array },
      { exactThreshold: options.exactBetweennessUpTo, samples: options.betweennessSamples, seed: options.seed },
    );
    const configs = { louvain: louvainConfig(), pagerank: pagerankConfig(runtime) };
    await time('gdsEstimate', () =>
      checkMemory(repository, graph, configs, [
        ['betweenness', pathsBytes(n, projected.relationships)],
        ['structure', structureBytes(n, projected.relationships)],
        ...(store ? [['stored ties', storedTiesBytes(n, ties, kinds.length, store.perPart)] as [string, number]] : []),
      ]),
    );

    const labels = await time('gdsLouvain', () => repository.algorithm('louvain', graph, configs.louvain, new Int32Array(n), signal));
    renumber(labels);
    const structure = await time('gdsStructure', async () => {
      const collector = new StructureCollector(n);
      for await (const row of repository.structure(graph, labels, options.resolution, signal)) collector.add(row);
      return collector.finish(ties, projected.selfLoops);
    });
    const pagerank = await time('gdsPagerank', () => repository.algorithm('pagerank', graph, configs.pagerank, new Float64Array(n), signal));
    const sums = await time('gdsBetweenness', () =>
      repository.paths(graph, picked ?? null, options.pathWeights === 'hops', { betweenness: new Float64Array(n), closeness: new Float64Array(n) }, signal),
    );
    const paths = scalePaths(n, picked ?? everyNode(n), picked !== undefined, sums);

    let strongest: StrongestTies | undefined;
    if (store) {
      await time('gdsTiesStored', async () => {
        for await (const part of repository.parts(graph, kinds.length, store.perPart, signal)) await store.write({ ...part, tieKinds: [...kinds] });
      });
      strongest = await time('gdsStrongestTies', () => strongestTies(repository, graph, projection, structure.membership, store.strongestLimit, signal));
    }

    return {
      given: { labels, pagerank, ...paths, structure },
      timings,
      graph: { nodes: projected.nodes, relationships: projected.relationships },
      ties,
      unmatched: projected.unmatched,
      ...(strongest ? { strongest } : {}),
    };
  } finally {
    await repository.drop(graph);
  }
}

async function strongestTies(
  repository: GdsRepository,
  graph: string,
  projection: Pick<Projection, 'nodes' | 'tieKinds'>,
  membership: Int32Array,
  limit: number,
  signal?: AbortSignal,
): Promise<StrongestTies> {
  const out: StrongestTies = new Map();
  for await (const row of repository.strongest(graph, membership, projection.tieKinds.length, limit, signal)) {
    let entry = out.get(row.community);
    if (!entry) out.set(row.community, (entry = { total: row.total, strongest: [] }));
    const kinds = kindCountsAt(row.kindCount, 0, projection.tieKinds);
    entry.strongest.push({ source: projection.nodes[row.source]!.key, target: projection.nodes[row.target]!.key, strength: row.strength, money: row.money, kinds });
  }
  return out;
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

/** `own`: the service's procedures' needs, by name, in bytes. */
async function checkMemory(repository: GdsRepository, graph: string, configs: Record<EstimatedAlgorithm, object>, own: [string, number][]): Promise<void> {
  const heap = await repository.heap();
  const estimates: [string, number][] = [...own];
  for (const [name, config] of Object.entries(configs) as [EstimatedAlgorithm, object][]) estimates.push([name, (await repository.estimate(name, graph, config)).bytesMax]);
  for (const [name, bytes] of estimates) if (bytes > heap.available) throw new GdsMemoryError(name, mib(bytes), mib(heap.available), mib(heap.max));
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
