import { dirname } from 'node:path';

import { buildService } from '../harness/build.js';
import { interruptOnSignals } from '../harness/children.js';
import { formatCount, formatInt } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { progressLog } from '../harness/log.js';
import { REFERENCE_BATCH_SIZE } from '../harness/reference-load.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { generateWorkload } from '../harness/workload.js';
import { parseBenchArgs, peopleFor } from './args.js';
import { benchImport } from './import-side.js';
import { benchReference } from './reference-side.js';
import { renderMarkdown } from './report.js';
import type { BenchResults, SizeResult } from './results.js';
import { benchService } from './service-side.js';

/**
 * `npm run bench:ingest` (flags after `--`: `--quick`, `--sizes 100k,1m`, `--seed 7`,
 * `--load-timeout-min 10`): how fast generated networks load through POST /v1/ingest/ndjson
 * into the embedded Neo4j, and how much memory that takes, against a reference run of the
 * plain driver pattern on the same machine in the same run.
 * Each size: generate the file; start a fresh bare Neo4j and load the records twice with the
 * reference pattern, stop it; start a fresh service and load the same file twice over HTTP,
 * stop it; then the bulk import (`npm run import`) of the same file into a fresh store; delete everything. The reference goes first because it is the quicker one: its
 * figures exist even when the service's load hits the time limit, and they are what such a
 * load's progress is measured against. The summary goes to stdout and
 * bench/results/ingest-<date>.md, the raw figures to .json. Ctrl-C stops the current load
 * and still writes what was measured.
 */

// The same memory for both databases, so their figures can be compared.
const HEAP = '2g';
const PAGE_CACHE = '1g';
const START_TIMEOUT_MS = 240_000;
const RSS_POLL_MS = 100;

const progress = progressLog('bench');

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const interrupt = interruptOnSignals();
  const started = performance.now();
  const results: BenchResults = {
    mode: args.quick ? 'quick' : 'full',
    ...startHeader(ROOT),
    settings: {
      heap: HEAP,
      pageCache: PAGE_CACHE,
      serviceBatchSize: process.env.INGEST_BATCH_SIZE ?? '2000 (default)',
      referenceBatchSize: REFERENCE_BATCH_SIZE,
      loadTimeoutMs: args.loadTimeoutMs,
      ...(args.budgetMs !== undefined ? { budgetMs: args.budgetMs } : {}),
      seed: args.seed,
      rssPollMs: RSS_POLL_MS,
      referenceDatabase: 'a second, fresh embedded Neo4j per size, run before the service (never both at once)',
    },
    sizes: [],
  };

  progress('building the service into a temp folder (tsc -p tsconfig.build.json)');
  const build = await buildService(ROOT);
  results.buildMs = performance.now() - started;
  const deadline = args.budgetMs !== undefined ? started + args.budgetMs : undefined;
  const options = { heap: HEAP, pageCache: PAGE_CACHE, startTimeoutMs: START_TIMEOUT_MS, loadTimeoutMs: args.loadTimeoutMs, deadline, rssPollMs: RSS_POLL_MS, interrupt };
  try {
    for (const target of args.sizes) {
      if (interrupt.aborted) break;
      const people = peopleFor(target);
      progress(`${formatCount(target)} records: generating ${formatInt(people)} people`);
      const workload = await generateWorkload(ROOT, people, args.seed);
      // Pushed before it is measured, so an interrupted run still reports the phases it finished.
      const size: SizeResult = {
        targetRecords: target,
        people,
        records: workload.records,
        fileBytes: workload.bytes,
        generateMs: workload.generateMs,
        reference: { loads: [] },
        service: { loads: [] },
      };
      results.sizes.push(size);
      try {
        progress(`${formatInt(workload.records)} records (${(workload.bytes / 1e6).toFixed(0)} MB): reference, two loads with the plain driver pattern`);
        await benchReference(workload, options, size.reference);
        if (interrupt.aborted) break;
        progress(`${formatInt(workload.records)} records: service, two loads over HTTP`);
        await benchService(build.serverJs, workload, options, size.service);
        if (interrupt.aborted) break;
        progress(`${formatInt(workload.records)} records: bulk import (npm run import) into a fresh store`);
        size.bulkImport = await benchImport(dirname(build.serverJs), workload, options);
      } finally {
        await workload.remove();
      }
    }
  } finally {
    await build.remove();
  }

  await finishSuite('ingest', results, { render: renderMarkdown, progress, started, interrupt });
}

runSuite('ingest', main);
