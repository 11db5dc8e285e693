import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

import type { Driver } from 'neo4j-driver';

import { createRng } from '../../src/shared/rng.js';
import { loadSignal } from '../harness/abort.js';
import { formatCount, formatInt } from '../harness/format.js';
import { call, json } from '../harness/http-client.js';
import { postNdjson } from '../harness/http-load.js';
import { progressLog } from '../harness/log.js';
import { type RunView, timedPreview, timedRun } from '../harness/run-timing.js';
import type { RunningService } from '../harness/service.js';
import type { Workload } from '../harness/workload.js';
import { randomOffsets, type RunsSizeResult } from './figures.js';
import { timeReads, timeRequest } from './reads.js';
import { readResultRows, REFERENCE_LABEL, rowWeight, storeReference } from './reference.js';

/**
 * What bench/runs/main.ts measures in one size's service, in order: the load through the API
 * (context only), a warm-up run and preview, the timed runs interleaved with their previews,
 * the storing stage's reference, the reads of a finished run, then comparisons and exports.
 * Figures go into `size` as they come, so an interrupted run still reports them.
 */

const LOAD_TIMEOUT_MS = 20 * 60_000;
export const RSS_POLL_MS = 100;
export const REPETITIONS = 3;
export const READS = 50;
export const READ_WARMUPS = 5;
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
  throw new Error('bench/runs/measure: the generated file is empty');
}

export async function measure(service: RunningService, driver: Driver, workload: Workload, size: RunsSizeResult, seed: number, interrupt: AbortSignal): Promise<void> {
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
  for (const [name, paths] of [
    [`ranking page (limit ${PAGE}, random offset)`, pages],
    ['one entity (random)', entities],
    [`largest community (${largest})`, community],
  ] as const) {
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
