import type { Dropped } from '../../src/analytics/projection/types.js';
import type { BenchHeader, BenchMode } from '../harness/header.js';
import type { LatencySummary } from '../harness/latency.js';
import type { PythonFound } from '../harness/python.js';

/**
 * The raw figures of one analytics bench run, written as JSON next to the markdown summary.
 * Times are ms unless a field says seconds (the Python side reports seconds). A phase that
 * failed leaves its field out and says why in `errors`.
 */

/** Written by bench/analytics/project.ts: generating the network and projecting it in memory. */
export interface ProjectFigures {
  people: number;
  records: number;
  generateMs: number;
  /** Turning the document into query rows (stands in for reading Neo4j; not the projection). */
  rowsMs: number;
  rows: Record<string, number>;
  /** Each run of the people projection builder over the rows. */
  projectionMs: number[];
  nodes: number;
  ties: number;
  totalStrength: number;
  dropped: Dropped[];
  relationsRead: number;
  /** VmHWM of the projecting process: the document and the rows included. */
  peakRssKb?: number;
  /** Sources the engine samples for betweenness and closeness; undefined when it runs from every node. */
  sampledSources?: number;
}

export interface AnalysisRun {
  wallMs: number;
  /** The engine's own per-stage times. */
  timings: Record<string, number>;
}

export interface ProbedFigures {
  workMs: number;
  latency?: LatencySummary;
  errors: number;
}

export interface EventLoopFigures {
  intervalMs: number;
  /** The probe with nothing running: the floor. */
  idle?: ProbedFigures;
  /** analyse() called on the main thread, as a service without the pool would. */
  mainThread?: ProbedFigures;
  /** createAnalyticsPool(1).preview(): the preview route's path, its JSON body made in the worker. */
  workerPreview?: ProbedFigures & { timings?: Record<string, number>; peakRssKb?: number; bodyBytes?: number };
  /** createAnalyticsPool(1).run(): the whole AnalysisResult structured-cloned back to this thread. */
  workerPool?: ProbedFigures & { timings?: Record<string, number>; peakRssKb?: number };
  /**
   * runAnalyser(pool).analyseToStore(): a stored run's path, the analysis kept in the worker and
   * its community and result rows fetched a batch at a time as the run stores them (the writes to
   * Neo4j left out: a run writes with the driver's own I/O, between batches).
   */
  workerStore?: ProbedFigures & { timings?: Record<string, number>; rows?: number; batches?: number; peakRssKb?: number };
  error?: string;
}

/** Written by bench/analytics/analyse.ts: the engine on the loaded projection. */
export interface AnalyseFigures {
  loadMs: number;
  /** VmRSS with the projection loaded, before the first analysis. */
  baseRssKb?: number;
  /** VmHWM over the timed analyses (projection included); `peakSince` 'start' when it could not be reset. */
  peakRssKb?: number;
  peakSince: 'analysis' | 'start';
  runs: AnalysisRun[];
  graph: { nodes: number; ties: number; ranked: number };
  modularity: number;
  communities: number;
  communitiesSplit: number;
  betweenness: { estimated: boolean; sources: number; threads: number };
  /**
   * Betweenness + closeness timed once more on this thread alone (no helper), from the same
   * sources: in the analysis a helper thread overlaps them with other stages, so the stage's
   * time is not the algorithm's; this is what the references are compared with.
   */
  singleThreadPaths?: { ms: number; sources: number };
  /**
   * PageRank timed alone, five times after a collection, as the references time theirs: inside
   * the analysis a 2 ms kernel is at the mercy of the previous stages' garbage.
   */
  pagerankAloneMs?: number[];
  /** rankedNodes() for every node: the entries with explanations, written on demand (not part of the analysis's time). */
  explanations?: { ms: number; nodes: number };
  warnings: string[];
  precisionAt10: number;
  precisionAt20: number;
  top10Roles: string[];
  eventLoop?: EventLoopFigures;
}

export interface PerSourceFigures {
  seconds?: number;
  sources?: number;
  wantedSources?: number;
  perSourceSeconds?: number;
  complete?: boolean;
  exact?: boolean;
  skipped?: string;
}

/** Written by bench/reference/analytics_reference.py. */
export interface ReferenceFigures {
  library: 'networkx' | 'igraph';
  version: string;
  python: string;
  pythonVersion: string;
  nodes: number;
  ties: number;
  readSeconds: number;
  wallSeconds: number;
  peakRssKb: number;
  louvain: { seconds: number; detectSeconds: number; modularitySeconds: number; modularity: number; communities: number };
  pagerank: { seconds: number };
  betweenness: PerSourceFigures;
  closeness: PerSourceFigures;
  eigenvector: { seconds: number; converged: boolean; method: string };
}

export type ReferenceLibrary = 'networkx' | 'igraph';

/** Rank confidence at one size (bench/analytics/confidence.ts): 100 draws and their summary against one analysis, same pool. */
export interface ConfidenceFigures {
  nodes: number;
  ties: number;
  facts: number;
  draws: number;
  dropout: number;
  threads: number;
  oneAnalysisMs: number;
  /** The draws alone, in the pool (the last timed run). */
  drawsMs: number;
  /** The draws and the analysis that summarises them. */
  withDrawsMs: number;
  /** withDrawsMs / oneAnalysisMs; the goal is at most 10. */
  ratio: number;
  stableCore: number;
}

export interface AnalyticsSizeResult {
  targetTies: number;
  /** git HEAD (and changed files) when the size began: its processes loaded the sources then. */
  commit?: string;
  project?: ProjectFigures;
  analysis?: AnalyseFigures;
  references: Partial<Record<ReferenceLibrary, ReferenceFigures>>;
  /** Only at sizes up to CONFIDENCE_UP_TO ties (main.ts). */
  confidence?: ConfidenceFigures;
  errors: string[];
}

export interface AnalyticsBenchResults extends BenchHeader {
  mode: BenchMode;
  settings: {
    seed: number;
    engineOptions: string;
    projection: string;
    repeats: string;
    referenceBudgetSeconds: number;
    probeIntervalMs: number;
    pythons: Partial<Record<ReferenceLibrary, PythonFound | { error: string }>>;
  };
  sizes: AnalyticsSizeResult[];
}
