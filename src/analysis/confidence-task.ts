import { samplesForArcs } from '../analytics/centrality/shortest-paths.js';
import { type DrawChunk, drawSources, runDraws } from '../analytics/confidence/draws.js';
import type { ConfidenceSpec } from '../analytics/confidence/spec.js';
import type { DrawSet, EngineOptions } from '../analytics/engine.js';
import type { Projection } from '../analytics/projection/types.js';
import type { WorkerPool } from '../workers/pool.js';

/**
 * Rank confidence's worker task (`draws`, src/worker.ts) and its client: one projection, read
 * once, is copied to a few tasks that each work out a share of the draws, side by side in the
 * worker pool; their ranks come back to be summarised with the analysis itself (engine.ts).
 */

export interface DrawsTask {
  projection: Projection;
  options: EngineOptions;
  spec: ConfidenceSpec;
  sources: Int32Array;
  first: number;
  count: number;
}

/** Tasks a confidence run is split into: enough to keep every pool thread busy. */
export const DRAW_TASKS = 4;

export function drawsTask(task: DrawsTask): DrawChunk {
  return runDraws(task.projection, task.options, task.spec, task.sources, task.first, task.count);
}

/** How many sources the analysis's own betweenness starts from (every node when exact). */
export function analysisSources(n: number, ties: number, o: Pick<EngineOptions, 'exactBetweennessUpTo' | 'betweennessSamples'>): number {
  if (n <= o.exactBetweennessUpTo) return n;
  return Math.min(n, o.betweennessSamples === 'auto' ? samplesForArcs(2 * ties) : o.betweennessSamples);
}

/** Every draw of `spec`, computed in the pool; the projection is copied to each task, never moved. */
export async function drawInPool(pool: WorkerPool, projection: Projection, options: EngineOptions, spec: ConfidenceSpec, signal?: AbortSignal): Promise<DrawSet> {
  const n = projection.nodes.length;
  const sources = drawSources(n, analysisSources(n, projection.ties.source.length, options), spec.seed);
  const { previousCommunities: _previous, ...plain } = options;
  const tasks = Math.min(DRAW_TASKS, spec.draws);
  const chunks = await Promise.all(
    Array.from({ length: tasks }, (_, t) => {
      const first = Math.floor((t * spec.draws) / tasks);
      const count = Math.floor(((t + 1) * spec.draws) / tasks) - first;
      return pool.run<DrawChunk>('draws', { projection, options: plain, spec, sources, first, count } satisfies DrawsTask, { signal });
    }),
  );
  return { spec: { ...spec, sourcesPerDraw: sources.length }, chunks };
}

/** The draws' buffers: moved into the analysis's task, not copied. */
export function drawTransferables(draws?: DrawSet): ArrayBuffer[] {
  return (draws?.chunks.flatMap((c) => [c.ranks.buffer, c.present.buffer, c.keptFacts.buffer]) ?? []) as ArrayBuffer[];
}
