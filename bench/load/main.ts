import neo4j from 'neo4j-driver';

import { createRng } from '../../src/shared/rng.js';
import { message } from '../harness/abort.js';
import { buildService } from '../harness/build.js';
import { interruptOnSignals } from '../harness/children.js';
import { formatInt } from '../harness/format.js';
import { startHeader } from '../harness/header.js';
import { closeConnections } from '../harness/http-client.js';
import { progressLog } from '../harness/log.js';
import { type RunningService, startService } from '../harness/service.js';
import { finishSuite, ROOT, runSuite } from '../harness/suite.js';
import { generateWorkload, type Workload } from '../harness/workload.js';
import { type LoadArgs, parseLoadArgs } from './args.js';
import { runScenario } from './cannon.js';
import type { LoadBenchResults, LoadSizeResult } from './figures.js';
import { renderLoadMarkdown } from './report.js';
import { loadScenarios, scenarioOrder } from './scenarios.js';
import { auditSeqReader, ingestReference, prepare } from './setup.js';

/**
 * `npm run bench:load` (flags after `--`: `--quick`, `--sizes 4k` in people, `--seed 42`,
 * `--duration 30`, `--connections 100`): the read routes under sustained load with auth on.
 * Per size, in the built service with a fresh embedded Neo4j: a generated network loaded through
 * POST /v1/ingest, one stored run over all of it, an analyst key; then autocannon with 100 connections
 * for 30 s (--quick: 10 s) per scenario, each after a short unrecorded warm-up: a ranking page at
 * any offset, one person in the run, one person in the graph, the latest ranking; GET /healthz
 * under the same load before and after is the reference. Writes bench/results/load-<date>.md and
 * .json. Ctrl-C stops the scenario in progress and still writes what was measured.
 */

// The other benches' memory settings, so their service figures can be read together.
const HEAP = '2g';
const PAGE_CACHE = '1g';
const START_TIMEOUT_MS = 240_000;
const TIMEOUT_S = 10;
const RSS_POLL_MS = 250;

const progress = progressLog('bench');

async function measure(service: RunningService, workload: Workload, size: LoadSizeResult, args: LoadArgs, interrupt: AbortSignal): Promise<void> {
  progress(`${formatInt(size.people)} people: loading ${formatInt(workload.records)} records, one stored run, an analyst key`);
  if (args.ingestReference) {
    progress(`${formatInt(size.people)} people: the plain driver pattern loading the same records first (then removed)`);
    await ingestReference(service, workload, size, interrupt);
  }
  const { data, analystKey } = await prepare(service, workload, size, interrupt);
  const driver = neo4j.driver(service.boltUri);
  const rng = createRng(args.seed);
  try {
    for (const scenario of scenarioOrder(loadScenarios(data))) {
      if (interrupt.aborted) return;
      progress(`${formatInt(size.people)} people: ${scenario.label}, ${args.connections} connections, ${args.warmupS} s warm-up + ${args.durationS} s`);
      const figures = await runScenario(scenario, {
        baseUrl: service.baseUrl,
        headers: { authorization: `Bearer ${analystKey}` },
        connections: args.connections,
        durationS: args.durationS,
        warmupS: args.warmupS,
        timeoutS: TIMEOUT_S,
        rssPollMs: RSS_POLL_MS,
        pids: { service: service.pid, jvm: service.jvmPid, client: process.pid },
        rng,
        auditSeq: auditSeqReader(driver),
        signal: interrupt,
      });
      size.scenarios.push(figures);
      const c = figures.counts;
      progress(
        `  ${figures.error ?? `${formatInt(figures.okPerSec)} req/s, p99 ${figures.latency?.p99 ?? '–'} ms, ${formatInt(c && c.responses - c.ok)} non-2xx, ${formatInt(c?.timeouts)} timeouts, ${formatInt(c?.socketErrors)} socket errors`}`,
      );
    }
  } finally {
    await driver.close();
  }
}

async function benchSize(serverJs: string, size: LoadSizeResult, args: LoadArgs, interrupt: AbortSignal): Promise<void> {
  progress(`${formatInt(size.people)} people: generating the network`);
  let workload: Workload;
  try {
    workload = await generateWorkload(ROOT, size.people, args.seed);
  } catch (error) {
    size.errors.push(message(error));
    return;
  }
  Object.assign(size, { records: workload.records, fileBytes: workload.bytes, generateMs: workload.generateMs });
  let service: RunningService | undefined;
  try {
    progress(`${formatInt(size.people)} people: starting the service with a fresh embedded Neo4j`);
    service = await startService(serverJs, { heap: HEAP, pageCache: PAGE_CACHE, startTimeoutMs: START_TIMEOUT_MS });
    size.service.startMs = service.startMs;
    await measure(service, workload, size, args, interrupt);
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
  const args = parseLoadArgs(process.argv.slice(2));
  const interrupt = interruptOnSignals();
  const started = performance.now();
  // The service inherits this environment (bench/harness/service.ts): the setup's run is waited for to its end.
  process.env.ANALYSIS_MAX_WAIT_MS ??= '600000';
  const results: LoadBenchResults = {
    mode: args.quick ? 'quick' : 'full',
    ...startHeader(ROOT),
    settings: {
      heap: HEAP,
      pageCache: PAGE_CACHE,
      seed: args.seed,
      connections: args.connections,
      durationS: args.durationS,
      warmupS: args.warmupS,
      timeoutS: TIMEOUT_S,
      poolSize: process.env.NEO4J_POOL_SIZE ?? '50 (default)',
      rssPollMs: RSS_POLL_MS,
      principal: "an analyst API key made through POST /v1/keys (investigations ['*'])",
    },
    sizes: [],
  };

  progress('building the service into a temp folder (tsc -p tsconfig.build.json)');
  const build = await buildService(ROOT);
  results.buildMs = performance.now() - started;
  try {
    for (const people of args.people) {
      if (interrupt.aborted) break;
      const size: LoadSizeResult = { people, service: {}, scenarios: [], errors: [] };
      results.sizes.push(size);
      await benchSize(build.serverJs, size, args, interrupt);
    }
  } finally {
    await build.remove();
  }

  await finishSuite('load', results, { render: renderLoadMarkdown, progress, started, interrupt });
}

runSuite('load', main);
