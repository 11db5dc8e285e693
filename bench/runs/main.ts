import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import neo4j, { type Driver } from 'neo4j-driver';

import { createRng } from '../../src/shared/rng.js';
import { loadSignal, message } from '../harness/abort.js';
import { peopleForTies } from '../harness/args.js';
import { parseCommonArgs } from '../harness/args.js';
import { buildService } from '../harness/build.js';
import { interruptOnSignals } from '../harness/children.js';
import { formatCount, formatInt } from '../harness/format.js';
import { call, closeConnections, json } from '../harness/http-client.js';
import { postNdjson } from '../harness/http-load.js';
import { progressLog } from '../harness/log.js';
import { machineInfo } from '../harness/machine.js';
import { writeResults } from '../harness/results.js';
import { timedPreview, timedRun, type RunView } from '../harness/run-timing.js';
import { startService, type RunningService } from '../harness/service.js';
import { generateWorkload, type Workload } from '../harness/workload.js';
import { randomOffsets, type RunsBenchResults, type RunsSizeResult } from './figures.js';
import { timeReads, timeRequest } from './reads.js';
import { readResultRows, REFERENCE_LABEL, rowWeight, storeReference } from './reference.js';
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

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const SIZES = { full: [10_000, 100_000], quick: [10_000] };
// The ingest bench's memory settings, so the two benches' service figures can be read together.
const HEAP = '2g';
const PAGE_CACHE = '1g';
const START_TIMEOUT_MS = 240_000;
const LOAD_TIMEOUT_MS = 20 * 60_000;
const RSS_POLL_MS = 100;
const REPETITIONS = 3;
const READS = 50;
const READ_WARMUPS = 5;
const PAGE = 50;
/**
 * The reference proper (batches of 10k, no index) first; then two diagnostics: the service's own
 * batch size, and that with AnalysisResult's indexes, to tell what the difference is made of.
 */
const REFERENCES = [
  { batchSize: 10_000, indexed: false },
  { batchSize: 1_000, indexed: false },
  { batchSize: 1_000, indexed: true },
];
const EXPORT_FORMATS = ['gexf', 'graphml', 'csv', 'json'] as const;

const progress = progressLog('bench');

async function investigationsOf(file: string): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return (JSON.parse(line) as { investigations: { id: string }[] }).investigations.map((i) => i.id);
  }
  throw new Error('bench/runs: the generated file is empty');
}

async function measure(service: RunningService, driver: Driver, workload: Workload, size: RunsSizeResult, seed: number, interrupt: AbortSignal): Promise<void> {
  const base = service.baseUrl;
  const label = formatCount(size.targetTies);
  progress(`${label} ties: loading ${formatInt(workload.records)} records through POST /v1/ingest/ndjson (context only)`);
  const load = await postNdjson(`${base}/v1/ingest/ndjson`, workload.file, loadSignal(interrupt, LOAD_TIMEOUT_MS));
  size.load = { wallMs: load.wallMs, httpStatus: load.status, accepted: load.report?.accepted, rejected: load.report?.rejected };
  if (load.status !== 200) throw new Error(`the load answered ${load.status}: ${load.error ?? ''}`);

  const investigations = await investigationsOf(workload.file);
  size.investigations = investigations.length;
  const request = (runSeed: number) => ({ scope: { investigations }, parameters: { seed: runSeed } });

  progress(`${label} ties: warm-up run and preview (parameters seed 2)`);
  const warm = await timedRun(service, { ...request(2), force: true }, RSS_POLL_MS, interrupt);
  size.warmup = warm.figures;
  const warmPreview = await timedPreview(service, request(2), RSS_POLL_MS, interrupt);
  if (warmPreview.error) size.errors.push(`warm-up preview: ${warmPreview.error}`);

  let last: RunView | undefined;
  for (let r = 0; r < REPETITIONS && !interrupt.aborted; r++) {
    progress(`${label} ties: run ${r + 1} of ${REPETITIONS}, then the preview`);
    const { figures, run } = await timedRun(service, { ...request(1), force: true }, RSS_POLL_MS, interrupt);
    size.runs.push(figures);
    if (run?.status === 'done') last = run;
    size.previews.push(await timedPreview(service, request(1), RSS_POLL_MS, interrupt));
  }
  for (const figures of [size.warmup, ...size.runs, ...size.previews]) if (figures.error) size.errors.push(figures.error);
  if (!last || interrupt.aborted) return;
  const s = last.summary!;
  size.graph = {
    ...s.graph,
    communities: s.communities,
    modularity: s.modularity,
    betweenness: s.betweenness.estimated ? `estimated, ${s.betweenness.sources} sources` : 'exact',
  };

  progress(`${label} ties: reference, the run's result rows written with the plain driver pattern into ${REFERENCE_LABEL}`);
  const rows = await readResultRows(driver, last.id);
  size.rows = rowWeight(rows);
  for (const reference of REFERENCES) {
    const figures = await storeReference(driver, rows, { ...reference, repetitions: REPETITIONS }, interrupt);
    size.references.push(figures);
    if (figures.error) size.errors.push(`reference (batches of ${reference.batchSize}${reference.indexed ? ', indexed' : ''}): ${figures.error}`);
  }
  if (interrupt.aborted) return;

  progress(`${label} ties: reads (${READS} each after ${READ_WARMUPS} warm-ups)`);
  const runPath = `/v1/analyses/${last.id}`;
  const rng = createRng(seed);
  const count = READS + READ_WARMUPS;
  const pages = randomOffsets(rows.length, PAGE, count, rng).map((offset) => `${runPath}/rankings?limit=${PAGE}&offset=${offset}`);
  const entities = Array.from({ length: count }, () => rng.pick(rows)).map((row) => `${runPath}/entities/${String(row.type)}/${encodeURIComponent(String(row.entityId))}`);
  const largest = json<{ items: { id: string }[] }>(await call('GET', `${base}${runPath}/communities?limit=1`, undefined, interrupt), 'GET communities').items[0]!.id;
  const community = Array.from({ length: count }, () => `${runPath}/communities/${encodeURIComponent(largest)}`);
  for (const [name, paths] of [[`ranking page (limit ${PAGE}, random offset)`, pages], ['one entity (random)', entities], [`largest community (${largest})`, community]] as const) {
    const figures = await timeReads(base, name, paths, READ_WARMUPS, interrupt);
    size.reads.push(figures);
    if (figures.error) size.errors.push(figures.error);
  }

  progress(`${label} ties: comparisons and exports (${REPETITIONS} each after a warm-up)`);
  const requests: [string, string][] = [
    ['compare: the run with itself', `${runPath}/compare/${last.id}`],
    ...(size.warmup.id ? [['compare: with the seed-2 run', `${runPath}/compare/${size.warmup.id}`] as [string, string]] : []),
    ...EXPORT_FORMATS.map((format): [string, string] => [`export ${format}`, `${runPath}/export?format=${format}`]),
  ];
  for (const [name, path] of requests) {
    if (interrupt.aborted) return;
    const figures = await timeRequest(base, name, path, REPETITIONS, interrupt);
    size.requests.push(figures);
    if (figures.error) size.errors.push(figures.error);
  }
}

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
    startedAt: new Date().toISOString(),
    machine: machineInfo(ROOT),
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

  if (interrupt.aborted) results.interrupted = message(interrupt.reason);
  results.finishedAt = new Date().toISOString();
  results.durationMs = performance.now() - started;
  const markdown = renderRunsMarkdown(results);
  const paths = await writeResults(RESULTS_DIR, results, markdown, 'runs');
  process.stdout.write(markdown);
  progress(`written ${paths.md} and ${paths.json}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/runs: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
