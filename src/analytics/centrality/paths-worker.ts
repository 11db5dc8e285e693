import { parentPort, workerData } from 'node:worker_threads';

import { accumulatePaths } from './shortest-paths.js';

/**
 * A helper thread of parallel-paths.ts: Brandes' sums from its share of the sources, sent back
 * with their buffers transferred. The CSR arrives as a copy in `workerData`.
 */
const { n, offsets, targets, weights, sources } = workerData as {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  sources: Int32Array;
};
const sums = accumulatePaths({ n, offsets, targets, weights }, sources);
parentPort!.postMessage(sums, [sums.betweenness.buffer as ArrayBuffer, sums.closeness.buffer as ArrayBuffer]);
