import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { deserialize, serialize } from 'node:v8';

import type { GivenMeasures } from '../analytics/engine.js';
import { transferables } from '../analytics/projection/transfer.js';
import type { Projection } from '../analytics/projection/types.js';

/**
 * A projection on its way into a worker thread without stalling the event loop. Its typed arrays
 * are moved, as before; its node and evidence objects (half a million each at 1M ties) would be
 * structured-cloned in one synchronous postMessage, seconds in which /healthz cannot answer. So
 * they are serialised here a slice at a time (v8.serialize, the structured clone's own format,
 * so the worker gets exactly what a clone gives), the event loop is let go between slices, and
 * the slices' bytes are moved with the rest.
 */

/** Nodes (and their evidence) per slice: a few milliseconds of serialising. */
export const SLICE = 2_000;

export interface PackedProjection extends Omit<Projection, 'nodes' | 'evidence'> {
  /** v8.serialize of [nodes, evidence] slices, in order. */
  slices: Uint8Array[];
}

/**
 * The projection packed for a worker, with the buffers to move (its typed arrays, the GDS
 * engine's results when given, the slices): the projection's arrays are detached once the task
 * is sent.
 */
export async function packProjection(projection: Projection, given?: GivenMeasures, signal?: AbortSignal): Promise<{ packed: PackedProjection; transferList: ArrayBuffer[] }> {
  const { nodes, evidence, ...rest } = projection;
  const slices: Uint8Array[] = [];
  for (let from = 0; from < nodes.length; from += SLICE) {
    if (from > 0) await yieldToEventLoop();
    signal?.throwIfAborted();
    const bytes = serialize([nodes.slice(from, from + SLICE), evidence.slice(from, from + SLICE)]);
    // A slice moves its whole buffer: it must own it.
    slices.push(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes));
  }
  return { packed: { ...rest, slices }, transferList: [...transferables(projection, given), ...slices.map((s) => s.buffer as ArrayBuffer)] };
}

/** In the worker: the projection as it was packed. */
export function unpackProjection({ slices, ...rest }: PackedProjection): Projection {
  const nodes: Projection['nodes'] = [];
  const evidence: Projection['evidence'] = [];
  for (const slice of slices) {
    const [n, e] = deserialize(slice) as [Projection['nodes'], Projection['evidence']];
    for (let i = 0; i < n.length; i++) {
      nodes.push(n[i]!);
      evidence.push(e[i]!);
    }
  }
  return { ...rest, nodes, evidence };
}
