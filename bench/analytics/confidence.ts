import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { drawInPool } from '../../src/analysis/confidence-task.js';
import { analyseInWorker } from '../../src/analysis/preview-task.js';
import { DEFAULTS as ENGINE_DEFAULTS } from '../../src/analytics/engine.js';
import type { Projection } from '../../src/analytics/projection/types.js';
import { generateNetwork } from '../../src/generator/network.js';
import { createWorkerPool } from '../../src/workers/pool.js';
import { documentRows, projectRows } from '../harness/document-rows.js';
import { progressLog } from '../harness/log.js';
import { repeatWithin } from './repeat.js';
import type { ConfidenceFigures } from './results.js';

/**
 * One size of the analytics bench, rank confidence (parameters.confidence): on the same
 * projection (built with its facts, as a confidence request reads it), through a worker pool of
 * as many threads as the service's default, the time of one analysis against the time of 100
 * draws (10% dropout on top of the grading) and the analysis that summarises them, side by
 * side in the same process. The goal is at most 10× one analysis.
 * `node --import tsx bench/analytics/confidence.ts --people N --seed S --out F`
 */

const progress = progressLog('confidence');
const DRAWS = 100;
const DROPOUT = 0.1;
const THREADS = 2;

function median(runs: { ms: number }[]): number {
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { people: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } });
  const people = Number(values.people);
  const seed = Number(values.seed ?? 1);
  const { document } = generateNetwork({ people, seed });
  const projection = projectRows(documentRows(document), { gatherFacts: true });
  progress(`${projection.nodes.length} nodes, ${projection.ties.source.length} ties, ${projection.facts!.tie.length} facts`);
  const pool = createWorkerPool(THREADS);
  const spec = { draws: DRAWS, dropout: DROPOUT, grading: true, seed, top: 10 };
  try {
    // Each pool call moves the projection's buffers: every call gets its own copy.
    const copy = (): Projection => structuredClone(projection);
    await analyseInWorker(pool, copy(), ENGINE_DEFAULTS); // warm the threads
    const one = median(
      await repeatWithin(
        async () => {
          await analyseInWorker(pool, copy(), ENGINE_DEFAULTS);
        },
        { minRuns: 2, maxRuns: 5, budgetMs: 30_000 },
      ),
    );
    let drawsMs = 0;
    let stableCore = 0;
    const withDraws = median(
      await repeatWithin(
        async () => {
          const started = performance.now();
          const draws = await drawInPool(pool, projection, ENGINE_DEFAULTS, spec);
          drawsMs = performance.now() - started;
          const result = await analyseInWorker(pool, copy(), ENGINE_DEFAULTS, undefined, draws);
          stableCore = result.confidence!.stableCore.length;
        },
        { minRuns: 1, maxRuns: 3, budgetMs: 120_000 },
      ),
    );
    const figures: ConfidenceFigures = {
      nodes: projection.nodes.length,
      ties: projection.ties.source.length,
      facts: projection.facts!.tie.length,
      draws: DRAWS,
      dropout: DROPOUT,
      threads: THREADS,
      oneAnalysisMs: one,
      drawsMs,
      withDrawsMs: withDraws,
      ratio: withDraws / one,
      stableCore,
    };
    progress(`one analysis ${one.toFixed(0)} ms; with ${DRAWS} draws ${withDraws.toFixed(0)} ms (${figures.ratio.toFixed(1)}×)`);
    await writeFile(values.out!, JSON.stringify(figures, null, 2));
  } finally {
    await pool.close();
  }
}

await main();
