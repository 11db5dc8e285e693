import neo4j from 'neo4j-driver';

import { message } from '../harness/abort.js';
import { parseCommonArgs, peopleForTies } from '../harness/args.js';
import { buildService } from '../harness/build.js';
import { interruptOnSignals } from '../harness/children.js';
import { formatCount, formatInt } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { closeConnections } from '../harness/http-client.js';
import { progressLog } from '../harness/log.js';
import { type RunningService, startService } from '../harness/service.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { generateWorkload, type Workload } from '../harness/workload.js';
import type { RunsBenchResults, RunsSizeResult } from './figures.js';
import { measure, READ_WARMUPS, READS, REPETITIONS, RSS_POLL_MS } from './measure.js';
import { REFERENCE_LABEL } from './reference.js';
import { renderRunsMarkdown } from './report.js';

/**
 * `npm run bench:runs` (flags after `--`: `--quick`, `--sizes 10k,100k`, `--seed 42`): stored
 * analysis runs (POST /v1/analyses, docs/runs.md) on generated networks of about 10k and 100k
 * ties, in the built service with a fresh embedded Neo4j per size, loaded through
 * POST /v1/ingest/ndjson first (its time is context only).
 *
 * Per size: one untimed run and preview with parameters seed 2 (JIT and worker warm-up; that
 * run is also the other side of a comparison), then three runs (wait, force) interleaved with
 * three previews of the same analysis, which is not stored: run / preview is what keeping a run
 * costs. The storing stage is set against the plain driver pattern writing the run's own result
 * rows into the same Neo4j. Then the reads of a finished run (ranking pages at random offsets,
 * one entity, the largest community; 50 each after 5 warm-ups), comparisons and every export.
 * Writes bench/results/runs-<date>.md and .json. Ctrl-C stops and still writes what was measured.
 */

const SIZES = { full: [10_000, 100_000], quick: [10_000] };
// The ingest bench's memory settings, so the two benches' service figures can be read together.
const HEAP = '2g';
const PAGE_CACHE = '1g';
const START_TIMEOUT_MS = 240_000;

const progress = progressLog('bench');

async function benchSize(serverJs: string, size: RunsSizeResult, seed: number, interrupt: AbortSignal): Promise<void> {
  const label = formatCount(size.targetTies);
  progress(`${label} ties: generating ${formatInt(size.people)} people`);
  let workload: Workload;
  try {
    workload = await generateWorkload(ROOT, size.people, seed);
  } catch (error) {
    size.errors.push(message(error));
    return;
  }
  Object.assign(size, { records: workload.records, fileBytes: workload.bytes, generateMs: workload.generateMs });
  let service: RunningService | undefined;
  try {
    progress(`${label} ties: starting the service with a fresh embedded Neo4j`);
    service = await startService(serverJs, { heap: HEAP, pageCache: PAGE_CACHE, startTimeoutMs: START_TIMEOUT_MS });
    size.service.startMs = service.startMs;
    const driver = neo4j.driver(service.boltUri);
    try {
      await measure(service, driver, workload, size, seed, interrupt);
    } finally {
      await driver.close();
    }
  } catch (error) {
    size.errors.push(message(error));
  } finally {
    closeConnections();
    if (service) {
      const stopped = await service.stop();
      Object.assign(size.service, { stopMs: stopped.cleanMs, exitCode: stopped.exitCode });
    }
    await workload.remove();
  }
}

async function main(): Promise<void> {
  const { quick, sizes, seed } = parseCommonArgs(process.argv.slice(2), 'bench/runs', SIZES);
  const interrupt = interruptOnSignals();
  const started = performance.now();
  // The service inherits this environment (bench/harness/service.ts): a run is waited for to its end.
  process.env.ANALYSIS_MAX_WAIT_MS ??= '600000';
  const results: RunsBenchResults = {
    mode: quick ? 'quick' : 'full',
    ...startHeader(ROOT),
    settings: {
      heap: HEAP,
      pageCache: PAGE_CACHE,
      seed,
      repetitions: REPETITIONS,
      readRequests: READS,
      readWarmups: READ_WARMUPS,
      analysisBatchSize: process.env.ANALYSIS_BATCH_SIZE ?? '1000 (default)',
      maxWaitMs: process.env.ANALYSIS_MAX_WAIT_MS,
      rssPollMs: RSS_POLL_MS,
      reference:
        `UNWIND $rows AS row CREATE (x:${REFERENCE_LABEL}) SET x = row with the run's AnalysisResult rows read back, one transaction a batch of 10,000, ` +
        'into the same Neo4j, deleted after each pass; diagnostics: batches of 1,000 (the service’s), and those with AnalysisResult’s four indexes',
    },
    sizes: [],
  };

  progress('building the service into a temp folder (tsc -p tsconfig.build.json)');
  const build = await buildService(ROOT);
  results.buildMs = performance.now() - started;
  try {
    for (const target of sizes) {
      if (interrupt.aborted) break;
      const size: RunsSizeResult = { targetTies: target, people: peopleForTies(target), service: {}, runs: [], previews: [], references: [], reads: [], requests: [], errors: [] };
      results.sizes.push(size);
      await benchSize(build.serverJs, size, seed, interrupt);
    }
  } finally {
    await build.remove();
  }

  await finishSuite('runs', results, { render: renderRunsMarkdown, progress, started, interrupt });
}

runSuite('runs', main);
