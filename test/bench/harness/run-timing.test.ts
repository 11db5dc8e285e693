import { describe, expect, it } from 'vitest';

import { stagesOf } from '../../../bench/harness/run-timing.js';

describe('stagesOf', () => {
  it('adds up the engine stages into the analysis and keeps the stages around it', () => {
    const stages = stagesOf({ queued: 5, projection: 100, csr: 2, louvain: 30, betweennessCloseness: 68, storing: 200, writeBack: 50 }, 500);
    expect(stages).toEqual({
      queued: 5,
      projection: 100,
      analysis: 100,
      storing: 200,
      writeBack: 50,
      unaccounted: 45,
      engine: { csr: 2, louvain: 30, betweennessCloseness: 68 },
    });
  });

  it('reads a preview’s timings (no queue, storing or write-back) and leaves the rest out without a wall time', () => {
    const stages = stagesOf({ projection: 40, pagerank: 10 });
    expect(stages).toEqual({ projection: 40, analysis: 10, engine: { pagerank: 10 } });
    expect(stagesOf({ projection: 40, pagerank: 10 }, 65).unaccounted).toBe(15);
  });
});
