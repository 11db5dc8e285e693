import type { MessagePort } from 'node:worker_threads';

import { move } from 'piscina';

import { runDisruption, type DisruptionTask } from '../disruption/task.js';
import { runForStorage } from '../runs/store-task.js';
import { analyse, DEFAULTS, type EngineOptions, type EngineRuntime } from './engine.js';
import type { GivenMeasures } from './gds/gds-analysis.js';
import { previewBody, type PreviewEnvelope } from './preview.js';
import type { Projection } from './projection/types.js';

/**
 * The worker thread's entry point (piscina): one analysis per task, off the event loop. With an
 * envelope it answers the preview's JSON body (UTF-8 bytes), serialised here rather than on the event loop;
 * with a disruption task, the plan or what-if built on the analysis; with `store`, a run's
 * analysis handed out over the progress port as it is stored (runs/store-task.ts).
 */
export default async function run(task: {
  projection: Projection;
  options: Partial<EngineOptions>;
  runtime?: Partial<EngineRuntime>;
  envelope?: PreviewEnvelope;
  disruption?: DisruptionTask;
  store?: { runId: string; port: MessagePort };
  /** The GDS engine's results (analytics/gds/), when it ran. */
  given?: GivenMeasures;
}) {
  if (task.disruption) return runDisruption(task.projection, { ...task.options, seed: task.options.seed ?? DEFAULTS.seed }, task.runtime ?? {}, task.disruption, task.given);
  if (task.store) return runForStorage(task.projection, task.options, task.runtime ?? {}, task.store.runId, task.store.port, task.given);
  const result = await analyse(task.projection, task.options, task.runtime, task.given);
  if (!task.envelope) return result;
  // The body leaves as bytes in a transferred buffer: a string would be copied again on the
  // event loop's side (hundreds of MB for a large preview).
  const body = Buffer.from(JSON.stringify(previewBody(result, task.envelope)), 'utf8');
  return move(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
}
