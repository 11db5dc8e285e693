import { monitorEventLoopDelay } from 'node:perf_hooks';

import { afterAll, describe, expect, it } from 'vitest';

import { peopleForTies } from '../../bench/harness/args.js';
import { documentRows, projectRows } from '../../bench/harness/document-rows.js';
import type { AnalysisEnvelope } from '../../src/analysis/envelope.js';
import { previewInWorker } from '../../src/analysis/preview-task.js';
import { generateNetwork } from '../../src/generator/network.js';
import { createWorkerPool } from '../../src/workers/pool.js';

/**
 * The event loop keeps turning while a preview of about 100,000 ties (50,000 people) runs in the
 * worker pool: the projection goes in a slice at a time and the body comes back as moved bytes,
 * so no single step holds the loop. The bound is loose (a second, on a shared machine); the
 * real figures are bench/analytics's /healthz probe (docs/benchmarks.md).
 */

const ENVELOPE: AnalysisEnvelope = {
  scope: { minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' },
  parameters: {},
  dataVersion: 0,
  projection: { kind: 'people', nodes: 0, ties: 0, relationsRead: 0, dropped: [] },
  engine: { requested: 'graphology', used: 'graphology', reason: 'asked for' },
  timings: { projection: 0 },
  warnings: [],
};

describe('the event loop during a large preview', () => {
  const pool = createWorkerPool(1, { pathHelpers: 0 });
  afterAll(() => pool.close());

  it('is never held for a second while a preview of ~100k ties runs in the pool', { timeout: 900_000 }, async () => {
    const projection = projectRows(documentRows(generateNetwork({ people: peopleForTies(100_000), seed: 42 }).document));
    expect(projection.ties.source.length).toBeGreaterThan(80_000);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const body = await previewInWorker(pool, projection, { betweennessSamples: 16 }, ENVELOPE);
    delay.disable();
    expect(JSON.parse(body.toString('utf8')).ranking.length).toBeGreaterThan(40_000);
    expect(delay.max / 1e6).toBeLessThan(1_000);
  });
});
