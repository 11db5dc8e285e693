import type { BenchHeader, BenchMode } from '../harness/header.js';
import type { MemoryFigures } from '../harness/rss-sampler.js';
import type { Summary } from '../harness/stats.js';
import type { GraphCounts } from './graph-counts.js';
import type { ProgressPoint } from './progress.js';

/**
 * The raw figures of one bench run, written as JSON next to the markdown summary. Optional
 * fields are missing when a phase failed or timed out; `error` then says why.
 */

export type LoadRun = 'first' | 'reload';

export interface Changes {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ServiceLoad {
  run: LoadRun;
  wallMs?: number;
  recordsPerSec?: number;
  /** Time until the client had sent the whole body (the service's read-and-check phase). */
  uploadMs?: number;
  httpStatus?: number;
  reportStatus?: string;
  received?: number;
  accepted?: number;
  rejected?: number;
  batches?: number;
  entities?: Changes;
  relations?: Changes;
  placeholders?: number;
  /** service (Node), jvm (its Neo4j), client (this bench process). */
  memory: Record<string, MemoryFigures>;
  graph?: GraphCounts;
  /** The store's data-model counts every 2 s during a first load (see progress.ts). */
  progress?: ProgressPoint[];
  /** When the first node appeared: the read-and-check phase before it writes nothing. */
  firstWriteMs?: number;
  loadAverage1m: number;
  error?: string;
}

export interface ReferenceRunFigures {
  run: LoadRun;
  wallMs?: number;
  recordsPerSec?: number;
  entityRows?: number;
  relationRows?: number;
  batches?: number;
  batchMs?: Summary;
  nodesCreated?: number;
  relationshipsCreated?: number;
  /** jvm (the reference Neo4j), client (this bench process, which maps and sends the rows). */
  memory: Record<string, MemoryFigures>;
  graph?: GraphCounts;
  loadAverage1m: number;
  error?: string;
}

/** `npm run import` on the same file into a fresh store (import-side.ts). */
export interface ImportFigures {
  exitCode?: number | null;
  wallMs: number;
  recordsPerSec?: number;
  received?: number;
  /** The CLI's own: checks and CSV files, neo4j-admin, the start for the schema and data versions. */
  timings?: { checkMs: number; importMs: number; finishMs: number; totalMs: number };
  store?: { nodes: number; relationships: number; properties: number };
  placeholders?: number;
  /** cli: the import process (the JVMs it starts are not counted). */
  memory: Record<string, MemoryFigures>;
  loadAverage1m: number;
  error?: string;
}

export interface SizeResult {
  targetRecords: number;
  people: number;
  records: number;
  fileBytes: number;
  generateMs: number;
  service: {
    startMs?: number;
    stopMs?: number;
    exitCode?: number | null;
    /** Bytes the service left in its TMPDIR after it stopped (spool files it did not remove). */
    leftInTmpBytes?: number;
    loads: ServiceLoad[];
    error?: string;
  };
  reference: { startMs?: number; loads: ReferenceRunFigures[]; error?: string };
  /** The bulk first load, when measured. */
  bulkImport?: ImportFigures;
}

export interface BenchSettings {
  heap: string;
  pageCache: string;
  /** INGEST_BATCH_SIZE as the service saw it (its default when unset). */
  serviceBatchSize: string;
  referenceBatchSize: number;
  loadTimeoutMs: number;
  /** The run's time budget (--quick): loads still running when it is spent were stopped. */
  budgetMs?: number;
  seed: number;
  rssPollMs: number;
  /** How the reference database is provided. */
  referenceDatabase: string;
}

export interface BenchResults extends BenchHeader {
  mode: BenchMode;
  buildMs?: number;
  settings: BenchSettings;
  sizes: SizeResult[];
}
