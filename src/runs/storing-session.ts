import { MessageChannel } from 'node:worker_threads';

import { drawInPool, drawTransferables } from '../analysis/confidence-task.js';
import type { StrongestTies } from '../analysis/gds/gds-analysis.js';
import type { ConfidenceSpec } from '../analytics/confidence/spec.js';
import type { DrawSet, EngineOptions, GivenMeasures } from '../analytics/engine.js';
import type { Projection } from '../analytics/projection/types.js';
import type { ResultRow } from '../repositories/run-results-repository.js';
import type { WorkerPool } from '../workers/pool.js';
import { packProjection } from '../workers/projection-transfer.js';
import type { Analysed, StoreMessage, StoreRequest, StoreTask } from './store-task.js';

/**
 * The event loop's side of a run's storing conversation (store-task.ts is the worker's): the
 * analysis is kept in the worker while the run is stored, and its rows fetched a batch at a time.
 */

export interface StoringSession extends Analysed {
  rows(from: number, to: number): Promise<ResultRow[]>;
  finish(): Promise<void>;
}

export interface StoringControl {
  signal?: AbortSignal;
  onStage?: (stage: string) => void;
  given?: GivenMeasures;
  /** The GDS engine stored the ties (analysis/gds TieStore): their strongest per community, and nothing to pack. */
  strongest?: StrongestTies;
  /** Rank confidence's draws (RunAnalyser.draw), summarised onto the stored ranking. */
  draws?: DrawSet;
}

/** What a run's execution needs of the workers (tests give their own). */
export interface RunAnalyser {
  /**
   * Resolves when the projection is analysed, with what to store first; `rows(from, to)` fetches
   * result rows a batch at a time; `finish()` ends the task. `signal` ends the worker thread at any point.
   */
  analyseToStore(projection: Projection, options: Partial<EngineOptions>, runId: string, control?: StoringControl): Promise<StoringSession>;
  /** Rank confidence's draws over the projection (parameters.confidence), in the workers; the projection is copied, not moved. */
  draw?(projection: Projection, options: EngineOptions, spec: ConfidenceSpec, signal?: AbortSignal): Promise<DrawSet>;
}

export function runAnalyser(pool: WorkerPool): RunAnalyser {
  return {
    // Not async: an async function's frame keeps its parameters until it returns, and this one
    // returns after the analysis. Here the projection is held only while it is packed; then
    // nothing on this thread keeps it (at 1M ties its nodes and evidence were most of the heap,
    // marked again by every major GC for the whole analysis: half-second pauses).
    analyseToStore(projection, options, runId, control = {}) {
      return packProjection(projection, control.given, control.signal).then((packing) => startStoring(pool, packing, options, runId, control));
    },
    draw: (projection, options, spec, signal) => drawInPool(pool, projection, options, spec, signal),
  };
}

async function startStoring(
  pool: WorkerPool,
  { packed, transferList }: Awaited<ReturnType<typeof packProjection>>,
  options: Partial<EngineOptions>,
  runId: string,
  control: StoringControl,
): Promise<StoringSession> {
  const { port1, port2 } = new MessageChannel();
  let pendingRows: { resolve: (rows: ResultRow[]) => void; reject: (error: unknown) => void } | undefined;
  let analysed!: (value: Analysed) => void;
  const ready = new Promise<Analysed>((resolve) => (analysed = resolve));
  port1.on('message', (message: StoreMessage) => {
    if (message.type === 'stage') control.onStage?.(message.stage);
    else if (message.type === 'analysed') analysed(message.analysed);
    else if (message.type === 'rows') {
      pendingRows?.resolve(message.rows);
      pendingRows = undefined;
    }
  });
  const { given, draws, strongest } = control;
  const task: Promise<void> = pool.run('store', { projection: packed, options, runId, port: port2, given, draws, strongest } satisfies StoreTask, {
    transferList: [...transferList, ...drawTransferables(draws), port2],
    signal: control.signal,
  });
  let over: { error: unknown } | undefined;
  const ended = task.then(
    () => {
      over = { error: new Error('runs/storing-session: the storing task has ended') };
      port1.close();
    },
    (error: unknown) => {
      over = { error };
      pendingRows?.reject(error);
      port1.close();
      throw error;
    },
  );
  // Whichever comes first: the analysis, or the task failing (or aborted) before it.
  const first = await Promise.race([ready, ended.then(() => Promise.reject(new Error('runs/storing-session: the storing task ended before its analysis')))]);
  ended.catch(() => {});
  return {
    ...first,
    rows: (from, to) =>
      new Promise<ResultRow[]>((resolve, reject) => {
        if (over) return reject(over.error);
        pendingRows = { resolve, reject };
        port1.postMessage({ type: 'rows', from, to } satisfies StoreRequest);
      }),
    finish: async () => {
      port1.postMessage({ type: 'done' } satisfies StoreRequest);
      await ended;
    },
  };
}
