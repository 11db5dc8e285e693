import type { Rng } from '../../src/shared/rng.js';
import type { BenchHeader, BenchMode } from '../harness/header.js';
import type { LatencySummary } from '../harness/latency.js';
import type { Stages, TimedRun } from '../harness/run-timing.js';
import { summarise, type Summary } from '../harness/stats.js';

/**
 * The figures of bench/runs/main.ts, written as JSON next to the markdown summary, and the
 * little arithmetic on them: the median of each stage over the repetitions (the stages
 * themselves are bench/harness/run-timing.ts's), and the random pages of the reads. Optional
 * fields are missing when a phase failed; the size's `errors` say why.
 */

/** The median of each stage over repetitions (a repetition without a stage is left out of its median). */
export function medianStages(all: readonly Stages[]): Record<string, number> {
  const keys = new Set(all.flatMap((s) => [...Object.keys(s).filter((k) => k !== 'engine'), ...Object.keys(s.engine).map((k) => `engine.${k}`)]));
  const out: Record<string, number> = {};
  for (const key of keys) {
    const values = all.map((s) => (key.startsWith('engine.') ? s.engine[key.slice('engine.'.length)] : (s[key as keyof Omit<Stages, 'engine'>] as number | undefined)));
    const median = summarise(values.filter((v): v is number => v !== undefined))?.median;
    if (median !== undefined) out[key] = median;
  }
  return out;
}

/** `count` page offsets spread at random over a ranking of `total` entries, each a whole page of `limit` where there is one. */
export function randomOffsets(total: number, limit: number, count: number, rng: Rng): number[] {
  if (!(limit >= 1)) throw new RangeError('bench/runs/figures: limit must be at least 1');
  const last = Math.max(0, total - limit);
  return Array.from({ length: count }, () => rng.int(0, last));
}

export interface ReferenceStore {
  batchSize: number;
  /** With the four indexes AnalysisResult has (a diagnostic; the reference proper has none). */
  indexed: boolean;
  /** Transaction time of each repetition, ms (the delete after each is not counted). */
  ms: number[];
  batches: number;
  error?: string;
}

export interface ReadFigures {
  request: string;
  latency?: LatencySummary;
  /** Median body size. */
  bytes?: number;
  error?: string;
}

export interface TimedRequest {
  request: string;
  ms?: Summary;
  bytes?: number;
  error?: string;
}

export interface RunsSizeResult {
  targetTies: number;
  people: number;
  records?: number;
  fileBytes?: number;
  generateMs?: number;
  service: { startMs?: number; stopMs?: number; exitCode?: number | null };
  /** The NDJSON load through the API: context, not what is measured. */
  load?: { wallMs?: number; httpStatus?: number; accepted?: number; rejected?: number };
  investigations?: number;
  graph?: { nodes: number; ties: number; ranked: number; communities: number; modularity: number; betweenness: string };
  /** The untimed first run (parameters seed 2): warms the worker up, and is the other run of the comparison. */
  warmup?: TimedRun;
  runs: TimedRun[];
  previews: TimedRun[];
  /** What a run stores per entity: rows, properties per row, JSON bytes per row. */
  rows?: { count: number; properties: number; bytesPerRow: number };
  references: ReferenceStore[];
  reads: ReadFigures[];
  requests: TimedRequest[];
  errors: string[];
}

export interface RunsBenchResults extends BenchHeader {
  mode: BenchMode;
  buildMs?: number;
  settings: {
    heap: string;
    pageCache: string;
    seed: number;
    repetitions: number;
    readRequests: number;
    readWarmups: number;
    analysisBatchSize: string;
    maxWaitMs: string;
    rssPollMs: number;
    reference: string;
  };
  sizes: RunsSizeResult[];
}
