import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deserialize } from 'node:v8';

import type { AnalysisEnvelope } from '../../src/analysis/envelope.js';
import { analyseInWorker, previewInWorker } from '../../src/analysis/preview-task.js';
import { pagerank } from '../../src/analytics/centrality/pagerank.js';
import { shortestPathCentrality } from '../../src/analytics/centrality/shortest-paths.js';
import { csrFromEdges } from '../../src/analytics/csr.js';
import { analyse, type AnalysisResult, DEFAULTS as ENGINE_DEFAULTS } from '../../src/analytics/engine.js';
import type { Projection } from '../../src/analytics/projection/types.js';
import { rankedNodes } from '../../src/analytics/ranking.js';
import { runAnalyser, type StoringSession } from '../../src/runs/storing-session.js';
import { createWorkerPool } from '../../src/workers/pool.js';
import { gc, progressLog } from '../harness/log.js';
import { readProcMemory, resetPeak } from '../harness/proc-status.js';
import { probeDuring, startHealthServer, timingsOf } from './event-loop.js';
import { precisionAt, rankedPeople } from './precision.js';
import { repeatWithin } from './repeat.js';
import type { AnalyseFigures, AnalysisRun, EventLoopFigures } from './results.js';

/**
 * One size of the analytics bench, second process: loads the projection the first one wrote
 * and times analyse() on it with the engine's defaults, a few times while that is cheap, with
 * the process's peak RSS (VmHWM, reset after loading) and the ranking's precision against the
 * planted roles. With --event-loop it then runs the event-loop check: the same analysis on the
 * main thread and through the worker pool (previewInWorker(), the JSON body the preview route
 * sends, made in the worker; then analyseInWorker(), the whole result cloned back) while a probe
 * requests /healthz.
 * `node --expose-gc --import tsx bench/analytics/analyse.ts --dir D [--event-loop --interval-ms 20]`; `--event-loop-only`
 * runs the check alone and writes D/event-loop.json.
 */

const ANALYSIS_REPEATS = { minRuns: 1, maxRuns: 5, budgetMs: 60_000 };

/** What the preview route wraps around the engine's result; only its shape matters here. */
const ENVELOPE: AnalysisEnvelope = {
  scope: { minAssessment: 'E', maxSourceEvaluation: 3, projection: 'people' },
  parameters: {},
  dataVersion: 0,
  projection: { kind: 'people', nodes: 0, ties: 0, relationsRead: 0, dropped: [] },
  engine: { requested: 'graphology', used: 'graphology', reason: 'asked for' },
  timings: { projection: 0 },
  warnings: [],
};

/**
 * ANALYTICS_PREVIEW_MAX_TIES's default: the preview route refuses larger scopes (413), so the check
 * leaves the preview out above it (at 1M ties its body would pass V8's longest string).
 */
const PREVIEW_MAX_TIES = 250_000;

const progress = progressLog('analyse');

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A projection handed on once: `take` gives it out and keeps nothing, as the service's run path keeps nothing once the worker has it. */
interface Held {
  projection?: Projection;
}

function take(held: Held): Projection {
  const { projection } = held;
  if (!projection) throw new Error('bench/analytics/analyse: the projection was handed on already');
  delete held.projection;
  return projection;
}

/**
 * `load` reads the projection afresh for each path (before its probe starts), so no path runs
 * while this thread still holds another copy: what the service's heap holds is what this one does.
 */
async function eventLoopCheck(load: () => Promise<Projection>, intervalMs: number, mainThread = true): Promise<EventLoopFigures> {
  const figures: EventLoopFigures = { intervalMs };
  const server = await startHealthServer();
  try {
    progress(`event loop: /healthz every ${intervalMs} ms, idle for 3 s`);
    figures.idle = await probeDuring(server.url, intervalMs, () => new Promise((resolve) => setTimeout(resolve, 3_000)));
    if (mainThread) {
      progress('event loop: analyse() on the main thread');
      const held: Held = { projection: await load() };
      gc();
      const main = await probeDuring(server.url, intervalMs, () => analyse(take(held)).then(() => undefined));
      figures.mainThread = { workMs: main.workMs, latency: main.latency, errors: main.errors };
      progress(`event loop: main thread done in ${seconds(main.workMs)}, p99 ${main.latency?.p99.toFixed(0)} ms; now pool.preview()`);
    }
    const pool = createWorkerPool(1);
    try {
      let reset: boolean;
      // One copy for each path in turn: the preview's (when it takes this size), then the stored run's.
      const held: Held = { projection: await load() };
      if (held.projection!.ties.source.length <= PREVIEW_MAX_TIES) {
        gc();
        reset = await resetPeak(process.pid);
        const preview = await probeDuring(server.url, intervalMs, () => previewInWorker(pool, take(held), {}, ENVELOPE));
        figures.workerPreview = {
          workMs: preview.workMs,
          latency: preview.latency,
          errors: preview.errors,
          timings: timingsOf(preview.value),
          bodyBytes: preview.value.byteLength,
          peakRssKb: reset ? (await readProcMemory(process.pid))?.hwmKb : undefined,
        };
        progress(`event loop: pool.preview() done in ${seconds(preview.workMs)}, p99 ${preview.latency?.p99.toFixed(0)} ms; now a stored run's analysis`);
        held.projection = await load();
      } else progress(`event loop: no preview above ${PREVIEW_MAX_TIES} ties (the preview route refuses it); now a stored run's analysis`);
      gc();
      reset = await resetPeak(process.pid);
      const store = await probeDuring(server.url, intervalMs, () => storedRun(pool, take(held)));
      figures.workerStore = {
        workMs: store.workMs,
        latency: store.latency,
        errors: store.errors,
        ...store.value,
        peakRssKb: reset ? (await readProcMemory(process.pid))?.hwmKb : undefined,
      };
      progress(`event loop: stored run done in ${seconds(store.workMs)}, p99 ${store.latency?.p99.toFixed(0)} ms; now pool.run()`);
      const forRun: Held = { projection: await load() };
      gc();
      reset = await resetPeak(process.pid);
      const run = await probeDuring(server.url, intervalMs, () => analyseInWorker(pool, take(forRun), {}));
      const result: AnalysisResult = run.value;
      figures.workerPool = {
        workMs: run.workMs,
        latency: run.latency,
        errors: run.errors,
        timings: result.timings,
        peakRssKb: reset ? (await readProcMemory(process.pid))?.hwmKb : undefined,
      };
      progress(`event loop: pool.run() done in ${seconds(run.workMs)}, p99 ${run.latency?.p99.toFixed(0)} ms`);
    } finally {
      await pool.close();
    }
  } catch (error) {
    figures.error = error instanceof Error ? error.message : String(error);
  } finally {
    await server.close();
  }
  return figures;
}

/** Rows per batch, as a run stores them (ANALYSIS_BATCH_SIZE's default). */
const STORE_BATCH = 1_000;

/** A run's analysis as runs/execute.ts drives it, every batch of rows fetched and dropped (nothing written). Not async: it keeps nothing of the projection. */
function storedRun(pool: ReturnType<typeof createWorkerPool>, projection: Projection) {
  return runAnalyser(pool).analyseToStore(projection, {}, 'bench-run').then(drainRows);
}

async function drainRows(session: StoringSession) {
  let rows = 0;
  let batches = 0;
  for (let from = 0; from < session.total; from += STORE_BATCH) {
    rows += (await session.rows(from, Math.min(session.total, from + STORE_BATCH))).length;
    batches++;
  }
  await session.finish();
  return { timings: session.timings, rows, batches };
}

/** The timed analyses; only figures leave this function, so the results can be collected before the event-loop check. */
async function timedAnalyses(projection: Projection, roles: Record<string, string>, loadMs: number, baseRssKb: number | undefined, reset: boolean): Promise<AnalyseFigures> {
  progress(`analysing ${projection.nodes.length.toLocaleString('en-US')} nodes, ${projection.ties.source.length.toLocaleString('en-US')} ties`);
  let first: AnalysisResult | undefined;
  const runs = await repeatWithin(
    async (index) => {
      const result = await analyse(projection);
      if (index === 0) first = result;
      return { timings: result.timings };
    },
    { ...ANALYSIS_REPEATS, beforeEach: gc },
  );
  const peakRssKb = (await readProcMemory(process.pid))?.hwmKb;
  progress(`analysis: ${runs.map((r) => seconds(r.ms)).join(', ')}`);

  const result = first!;
  const ranked = rankedPeople(result.ranking);

  gc();
  progress('betweenness + closeness once more, single-threaded, for the reference comparison');
  let started = performance.now();
  const csr = csrFromEdges(
    projection.nodes.map((node) => node.key),
    projection.ties.source,
    projection.ties.target,
    projection.ties.strength,
  );
  const single = shortestPathCentrality(csr, { exactThreshold: ENGINE_DEFAULTS.exactBetweennessUpTo, samples: ENGINE_DEFAULTS.betweennessSamples, seed: ENGINE_DEFAULTS.seed });
  const singleThreadPaths = { ms: performance.now() - started, sources: single.sources };
  const pagerankAloneMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    started = performance.now();
    pagerank(csr);
    pagerankAloneMs.push(performance.now() - started);
  }
  gc();
  started = performance.now();
  const entries = rankedNodes(result.ranking);
  const explanations = { ms: performance.now() - started, nodes: entries.length };
  progress(`single-threaded paths ${seconds(singleThreadPaths.ms)}; every ranking entry with its explanation ${seconds(explanations.ms)}`);
  return {
    loadMs,
    baseRssKb,
    peakRssKb,
    peakSince: reset ? 'analysis' : 'start',
    runs: runs.map((r): AnalysisRun => ({ wallMs: r.ms, timings: r.value.timings })),
    graph: result.graph,
    modularity: result.modularity,
    communities: result.communities.length,
    communitiesSplit: result.communitiesSplit,
    betweenness: result.betweenness,
    singleThreadPaths,
    pagerankAloneMs,
    explanations,
    warnings: result.warnings,
    precisionAt10: precisionAt(10, ranked, roles),
    precisionAt20: precisionAt(20, ranked, roles),
    top10Roles: ranked.slice(0, 10).map((id) => roles[id] ?? 'unknown'),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      'event-loop': { type: 'boolean', default: false },
      'event-loop-only': { type: 'boolean', default: false },
      'interval-ms': { type: 'string', default: '20' },
    },
  });
  if (values['event-loop-only']) {
    // The event-loop check alone (comparing two commits on one projection): no timed analyses, nor the main thread's.
    await writeFile(join(values.dir!, 'event-loop.json'), JSON.stringify(await eventLoopCheck(() => readProjection(values.dir!), Number(values['interval-ms']), false), null, 2));
    return;
  }
  const dir = values.dir!;
  const figures = await timed(dir);
  if (values['event-loop']) figures.eventLoop = await eventLoopCheck(() => readProjection(dir), Number(values['interval-ms']));
  await writeFile(join(dir, 'analyse.json'), JSON.stringify(figures, null, 2));
}

async function readProjection(dir: string): Promise<Projection> {
  return deserialize(await readFile(join(dir, 'projection.v8'))) as Projection;
}

/** Loads the projection and times the analyses on it; the projection is let go with this frame, before the event-loop check. */
async function timed(dir: string): Promise<AnalyseFigures> {
  const started = performance.now();
  const projection = await readProjection(dir);
  const roles = JSON.parse(await readFile(join(dir, 'roles.json'), 'utf8')) as Record<string, string>;
  const loadMs = performance.now() - started;
  gc();
  const baseRssKb = (await readProcMemory(process.pid))?.rssKb;
  const reset = await resetPeak(process.pid);
  return timedAnalyses(projection, roles, loadMs, baseRssKb, reset);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench/analytics/analyse: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
