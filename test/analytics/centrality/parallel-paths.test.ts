import { describe, expect, it } from 'vitest';

import { startShortestPaths } from '../../../src/analytics/centrality/parallel-paths.js';
import { shortestPathCentrality } from '../../../src/analytics/centrality/shortest-paths.js';
import { toCsr } from '../../../src/analytics/csr.js';
import { communityNetwork } from '../../support/random-graph.js';

const csr = toCsr(communityNetwork({ nodes: 600, seed: 5 }).graph);

function expectSame(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let v = 0; v < expected.length; v++) worst = Math.max(worst, Math.abs(actual[v]! - expected[v]!) / Math.max(1e-300, Math.abs(expected[v]!)));
  expect(worst).toBeLessThan(1e-12);
}

describe('startShortestPaths', () => {
  it('gives the single-threaded result with a helper taking part of the sources', async () => {
    const serial = shortestPathCentrality(csr);
    const run = startShortestPaths(csr, { helpers: 1, minWork: 0 });
    expect(run.helpers).toBe(1);
    const parallel = await run.finish();
    expect(run.failures).toEqual([]);
    expect(parallel).toMatchObject({ estimated: false, sources: 600 });
    expectSame(parallel.betweenness, serial.betweenness);
    expectSame(parallel.closeness, serial.closeness);
    expect(parallel.betweenness.some((b) => b > 0)).toBe(true);
  });

  it('samples the same sources as the single-threaded run, and repeats itself bit for bit', async () => {
    const options = { exactThreshold: 100, samples: 120, seed: 9, minWork: 0 };
    const serial = shortestPathCentrality(csr, options);
    const runs = [startShortestPaths(csr, { ...options, helpers: 2 }), startShortestPaths(csr, { ...options, helpers: 2 })];
    const [first, second] = await Promise.all(runs.map((run) => run.finish()));
    for (const run of runs) expect([run.helpers, run.failures]).toEqual([2, []]);
    expect(first).toMatchObject({ estimated: true, sources: 120 });
    expectSame(first!.betweenness, serial.betweenness);
    expectSame(first!.closeness, serial.closeness);
    expect(first).toStrictEqual(second);
  });

  it('runs on the calling thread with no helpers, for small work, or with no share for them', async () => {
    const serial = shortestPathCentrality(csr);
    for (const options of [{ helpers: 0, minWork: 0 }, { helpers: 1 }, { helpers: 1, minWork: 0, helperShare: 0 }]) {
      const run = startShortestPaths(csr, options);
      expect(run.helpers).toBe(0);
      expect(await run.finish()).toStrictEqual(serial);
    }
  });

  it('computes a failed helper’s sources itself', async () => {
    const serial = shortestPathCentrality(csr);
    const run = startShortestPaths(csr, { helpers: 1, minWork: 0, helperShare: 1, helperScript: new URL('./no-such-worker.js', import.meta.url) });
    expect(run.helpers).toBe(1);
    const result = await run.finish();
    expect(run.failures).toEqual([expect.stringMatching(/no-such-worker/)]);
    expectSame(result.betweenness, serial.betweenness);
    expectSame(result.closeness, serial.closeness);
  });

  it('refuses bad options', () => {
    expect(() => startShortestPaths(csr, { helpers: -1 })).toThrow(/^analytics\/parallel-paths: helpers must be an integer ≥ 0/);
    expect(() => startShortestPaths(csr, { helpers: 1.5 })).toThrow(/helpers/);
    expect(() => startShortestPaths(csr, { helperShare: 1.5 })).toThrow(/^analytics\/parallel-paths: helperShare must be in \[0, 1\]/);
    expect(() => startShortestPaths(csr, { samples: 0, exactThreshold: 10 })).toThrow(/samples/);
  });
});
