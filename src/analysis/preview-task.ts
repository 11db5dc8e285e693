import { move } from 'piscina';

import { analyse, type AnalysisResult, type DrawSet, type EngineOptions, type EngineRuntime, type GivenMeasures } from '../analytics/engine.js';
import type { Projection } from '../analytics/projection/types.js';
import type { WorkerPool } from '../workers/pool.js';
import { type PackedProjection, packProjection, unpackProjection } from '../workers/projection-transfer.js';
import { drawTransferables } from './confidence-task.js';
import { type AnalysisEnvelope, previewBody } from './envelope.js';
import { tieList } from './tie-list.js';

/**
 * The analyses' worker tasks (src/worker.ts runs the handlers): `analyse`, the whole result
 * cloned back; `preview`, the preview's JSON body made in the worker. The projection goes in
 * packed a slice at a time (workers/projection-transfer.ts), so the event loop keeps answering.
 */

export interface AnalyseTask {
  projection: PackedProjection;
  options: Partial<EngineOptions>;
  /** The GDS engine's results (analysis/gds/), when it ran. */
  given?: GivenMeasures;
  /** Rank confidence's draws (confidence-task.ts), summarised onto the ranking. */
  draws?: DrawSet;
}

export interface PreviewTask extends AnalyseTask {
  envelope: AnalysisEnvelope;
  /** Add the analysed graph's ties to the body (`include: ['ties']`). */
  ties?: boolean;
}

export function analyseTask(task: AnalyseTask, runtime: Partial<EngineRuntime>): Promise<AnalysisResult> {
  return analyseProjection(unpackProjection(task.projection), task, runtime);
}

function analyseProjection(projection: Projection, task: AnalyseTask, runtime: Partial<EngineRuntime>): Promise<AnalysisResult> {
  return analyse(projection, task.options, runtime, task.given, task.draws);
}

/**
 * The body leaves as bytes in a transferred buffer: a string would be copied again on the event
 * loop's side (hundreds of MB for a large preview).
 */
export async function previewTask(task: PreviewTask, runtime: Partial<EngineRuntime>) {
  const projection = unpackProjection(task.projection);
  const ties = task.ties ? tieList(projection) : undefined;
  const body = Buffer.from(JSON.stringify(previewBody(await analyseProjection(projection, task, runtime), task.envelope, ties)), 'utf8');
  return move(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
}

/** An analysis in a worker thread, the whole result cloned back. Not async: the projection is held here only while it is packed. */
export function analyseInWorker(pool: WorkerPool, projection: Projection, options: Partial<EngineOptions>, given?: GivenMeasures, draws?: DrawSet): Promise<AnalysisResult> {
  return packProjection(projection, given).then(({ packed, transferList }) =>
    pool.run<AnalysisResult>('analyse', { projection: packed, options, given, draws } satisfies AnalyseTask, { transferList: [...transferList, ...drawTransferables(draws)] }),
  );
}

/** The preview's response body, JSON as UTF-8 bytes, moved out of the worker without a copy. */
export async function previewInWorker(
  pool: WorkerPool,
  projection: Projection,
  options: Partial<EngineOptions>,
  envelope: AnalysisEnvelope,
  given?: GivenMeasures,
  ties = false,
  draws?: DrawSet,
): Promise<Buffer> {
  // Not async, like analyseInWorker: the projection is held here only while it is packed (an
  // async function's frame would keep it until the body came back).
  return packProjection(projection, given)
    .then(({ packed, transferList }) =>
      pool.run<Uint8Array>('preview', { projection: packed, options, envelope, given, ties, draws } satisfies PreviewTask, {
        transferList: [...transferList, ...drawTransferables(draws)],
      }),
    )
    .then((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
