import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';

import type { HelperMessage } from './parallel-paths.js';
import { addSums, createPathAccumulator, type PathSums, reuseSums } from './shortest-paths.js';

/**
 * A helper thread of parallel-paths.ts: claims blocks of sources from the shared counter until
 * none is left and sends each block's sums back, buffers transferred. Blocks it claims in an
 * unbroken run from the first are added up here in order and sent as one when the run breaks
 * (the calling thread took a block) or ends: the same additions the caller would make. The CSR
 * arrives as a copy in `workerData`, the counter shared; sums arrays the caller has added come
 * back through `recycled` and are used again.
 */
const { n, offsets, targets, weights, sources, bounds, claims, recycled } = workerData as {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  sources: Int32Array;
  bounds: Int32Array;
  claims: Int32Array;
  recycled: MessagePort;
};
const send = (message: HelperMessage) => {
  const transfer = 'sums' in message ? [message.sums.betweenness.buffer as ArrayBuffer, message.sums.closeness.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(message, transfer);
};
const accumulator = createPathAccumulator({ n, offsets, targets, weights });
const blocks = bounds.length - 1;
/** Blocks [0, runEnd) claimed here one after another, summed in `run`; runEnd −1 once the run broke. */
let run: PathSums | undefined;
let runEnd = 0;
for (let b = Atomics.add(claims, 0, 1); b < blocks; b = Atomics.add(claims, 0, 1)) {
  if (b !== runEnd && run) {
    send({ from: 0, to: runEnd, sums: run });
    run = undefined;
    runEnd = -1;
  }
  const sums = reuseSums(n, receiveMessageOnPort(recycled)?.message as PathSums | undefined);
  accumulator.add(sources.subarray(bounds[b], bounds[b + 1]), sums);
  if (b !== runEnd) send({ from: b, to: b + 1, sums });
  else {
    if (run) addSums(run, sums);
    else run = sums;
    runEnd = b + 1;
  }
}
if (run) send({ from: 0, to: runEnd, sums: run });
send({ done: true });
