import { describe, expect, it, vi } from 'vitest';

import { startShortestPaths } from '../../../src/analytics/centrality/parallel-paths.js';
import {
  createPathAccumulator,
  emptySums,
  MAX_PATH_BLOCKS,
  pathBlocks,
  pickSources,
  scalePaths,
  shortestPathCentrality,
} from '../../../src/analytics/centrality/shortest-paths.js';
import { toCsr } from '../../../src/analytics/csr.js';
import { communityNetwork } from '../../support/random-graph.js';

const csr = toCsr(communityNetwork({ nodes: 600, seed: 5 }).graph);

const sum = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);

describe('startShortestPaths', () => {
  it('gives the single-threaded result bit for bit, each block computed once, whoever takes which', async () => {
    const serial = shortestPathCentrality(csr);
    // At once: the helpers join while this thread is at it; each block is summed on the thread
    // that took it and added in block order.
    for (const helpers of [1, 2, 1]) {
      const run = startShortestPaths(csr, { helpers, minWork: 0 });
      expect(run.helpers).toBe(helpers);
      const parallel = await run.finish();
      expect(run.failures).toEqual([]);
      expect(parallel).toStrictEqual(serial);
      expect(sum(run.blocksComputed)).toBe(MAX_PATH_BLOCKS);
    }
    expect(serial).toMatchObject({ estimated: false, sources: 600 });
    expect(serial.betweenness.some((b) => b > 0)).toBe(true);
  });

  it('takes the sums of a helper that took every block before finish() was called', async () => {
    const serial = shortestPathCentrality(csr);
    const run = startShortestPaths(csr, { helpers: 1, minWork: 0 });
    await vi.waitFor(() => expect(run.blocksComputed[1]).toBe(MAX_PATH_BLOCKS), { timeout: 60_000, interval: 20 });
    expect(await run.finish()).toStrictEqual(serial);
    expect(run.blocksComputed).toEqual([0, MAX_PATH_BLOCKS]);
  });

  it('adds the blocks in order when the calling thread joins a helper part way', async () => {
    const big = toCsr(communityNetwork({ nodes: 2000, seed: 3 }).graph);
    const serial = shortestPathCentrality(big);
    const run = startShortestPaths(big, { helpers: 1, minWork: 0 });
    // The helper starts on the first blocks in an unbroken run; this thread takes the next one
    // free, which breaks the run: the helper sends what it summed so far, then block by block.
    await vi.waitFor(() => expect(run.claimed()).toBeGreaterThanOrEqual(2), { timeout: 60_000, interval: 5 });
    expect(await run.finish()).toStrictEqual(serial);
    expect(sum(run.blocksComputed)).toBe(MAX_PATH_BLOCKS);
    expect(run.blocksComputed.every((count) => count > 0)).toBe(true);
  });

  it('samples the same sources as the single-threaded run, and repeats itself bit for bit', async () => {
    const options = { exactThreshold: 100, samples: 120, seed: 9, minWork: 0 };
    const serial = shortestPathCentrality(csr, options);
    const runs = [startShortestPaths(csr, { ...options, helpers: 2 }), startShortestPaths(csr, { ...options, helpers: 2 })];
    const [first, second] = await Promise.all(runs.map((run) => run.finish()));
    for (const run of runs) expect([run.helpers, run.failures]).toEqual([2, []]);
    expect(first).toMatchObject({ estimated: true, sources: 120 });
    expect(first).toStrictEqual(serial);
    expect(second).toStrictEqual(serial);
  });

  it('sums blocks of one source as the plain sum over the sources in order', () => {
    const options = { exactThreshold: 100, samples: 40, seed: 4 };
    const sources = pickSources(csr, options)!;
    expect(pathBlocks(40)).toEqual(Int32Array.from({ length: 41 }, (_, b) => b));
    const plain = emptySums(csr.n);
    createPathAccumulator(csr).add(sources, plain);
    expect(shortestPathCentrality(csr, options)).toStrictEqual(scalePaths(csr.n, sources, true, plain));
  });

  it('runs on the calling thread with no helpers or for small work', async () => {
    const serial = shortestPathCentrality(csr);
    for (const options of [{ helpers: 0, minWork: 0 }, { helpers: 1 }]) {
      const run = startShortestPaths(csr, options);
      expect([run.helpers, run.claimed()]).toEqual([0, 0]);
      expect(await run.finish()).toStrictEqual(serial);
      expect([run.claimed(), run.blocksComputed]).toEqual([MAX_PATH_BLOCKS, [MAX_PATH_BLOCKS]]);
    }
  });

  it('computes a failed helper’s blocks itself', async () => {
    const serial = shortestPathCentrality(csr);
    const run = startShortestPaths(csr, { helpers: 1, minWork: 0, helperScript: new URL('./no-such-worker.js', import.meta.url) });
    expect(run.helpers).toBe(1);
    // The helper has failed before this thread starts.
    await vi.waitFor(() => expect(run.failures).toHaveLength(1), { timeout: 60_000, interval: 20 });
    expect(await run.finish()).toStrictEqual(serial);
    expect(run.failures).toEqual([expect.stringMatching(/no-such-worker/)]);
    expect(run.blocksComputed).toEqual([MAX_PATH_BLOCKS, 0]);
  });

  it('refuses bad options', () => {
    expect(() => startShortestPaths(csr, { helpers: -1 })).toThrow(/^analytics\/parallel-paths: helpers must be an integer ≥ 0/);
    expect(() => startShortestPaths(csr, { helpers: 1.5 })).toThrow(/helpers/);
    expect(() => startShortestPaths(csr, { samples: 0, exactThreshold: 10 })).toThrow(/samples/);
  });
});
