import { loadavg } from 'node:os';

import { message } from './abort.js';
import { call, json } from './http-client.js';
import { type MemoryFigures, RssSampler } from './rss-sampler.js';
import type { RunningService } from './service.js';

/**
 * A stored analysis run timed end to end against a running service, and the preview of the
 * same analysis (the runs bench compares the two; the load bench makes its run with them), with
 * the run's own `timings` folded into the stages a reader compares (projection, analysis,
 * storing, write-back). Each returns its figures with the error instead of throwing, so one
 * failed phase leaves a gap in the report and the others still run.
 */

/** Keys of a run's `timings` that are not engine stages: everything else is the analysis. */
const OUTSIDE_ENGINE = new Set(['queued', 'projection', 'storing', 'writeBack']);

export interface Stages {
  queued?: number;
  projection?: number;
  /** The engine's stages added up (csr, louvain, … betweennessCloseness, …, topMembers). */
  analysis: number;
  storing?: number;
  writeBack?: number;
  /** Wall time none of the above covers: HTTP, the queue's start, status updates. */
  unaccounted?: number;
  engine: Record<string, number>;
}

/** A run's or preview's `timings` (ms per stage) as Stages; `wallMs` (the client's) gives the unaccounted rest. */
export function stagesOf(timings: Readonly<Record<string, number>>, wallMs?: number): Stages {
  const engine: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(timings)) if (!OUTSIDE_ENGINE.has(stage)) engine[stage] = ms;
  const stages: Stages = { analysis: Object.values(engine).reduce((a, b) => a + b, 0), engine };
  for (const key of ['queued', 'projection', 'storing', 'writeBack'] as const) if (timings[key] !== undefined) stages[key] = timings[key];
  if (wallMs !== undefined) {
    const covered = (stages.queued ?? 0) + (stages.projection ?? 0) + stages.analysis + (stages.storing ?? 0) + (stages.writeBack ?? 0);
    stages.unaccounted = wallMs - covered;
  }
  return stages;
}

export interface TimedRun {
  id?: string;
  /** Client side: from the POST until the ended run came back. */
  wallMs?: number;
  status?: string;
  /** Body bytes (the preview's is the whole ranking). */
  bytes?: number;
  stages?: Stages;
  /** service (Node) and jvm (its Neo4j) during the request. */
  memory: Record<string, MemoryFigures>;
  loadAverage1m: number;
  error?: string;
}

export interface RunView {
  id: string;
  status: string;
  error: unknown;
  timings: Record<string, number> | null;
  summary: {
    graph: { nodes: number; ties: number; ranked: number };
    modularity: number;
    communities: number;
    betweenness: { estimated: boolean; sources: number; threads: number };
  } | null;
}

const FINAL = ['done', 'failed', 'cancelled'];
const POLL_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `request` timed with the service's (Node) and its JVM's memory and CPU polled meanwhile. */
async function sampled(service: RunningService, rssPollMs: number, request: () => Promise<Omit<TimedRun, 'memory' | 'loadAverage1m'>>): Promise<TimedRun> {
  const sampler = new RssSampler({ service: service.pid, jvm: service.jvmPid }, { intervalMs: rssPollMs });
  await sampler.start();
  let figures: Omit<TimedRun, 'memory' | 'loadAverage1m'>;
  try {
    figures = await request();
  } catch (error) {
    figures = { error: message(error) };
  }
  return { ...figures, memory: await sampler.stop(), loadAverage1m: loadavg()[0]! };
}

/**
 * POST /v1/analyses?wait=true until the run has ended (following it at GET /v1/analyses/{id}
 * should the wait run out first), with the run's own stage timings.
 */
export async function timedRun(service: RunningService, body: object, rssPollMs: number, signal: AbortSignal): Promise<{ figures: TimedRun; run?: RunView }> {
  let run: RunView | undefined;
  const figures = await sampled(service, rssPollMs, async () => {
    const started = performance.now();
    run = json<RunView>(await call('POST', `${service.baseUrl}/v1/analyses?wait=true`, body, signal), 'POST /v1/analyses', [200, 202]);
    while (!FINAL.includes(run.status)) {
      await sleep(POLL_MS);
      run = json<RunView>(await call('GET', `${service.baseUrl}/v1/analyses/${run.id}`, undefined, signal), 'GET /v1/analyses/{id}');
    }
    const wallMs = performance.now() - started;
    return {
      id: run.id,
      status: run.status,
      wallMs,
      stages: stagesOf(run.timings ?? {}, wallMs),
      ...(run.status !== 'done' ? { error: `run ${run.status}: ${JSON.stringify(run.error)}` } : {}),
    };
  });
  return { figures, run };
}

/** POST /v1/analyses/preview: the same analysis answered whole and not stored. */
export function timedPreview(service: RunningService, body: object, rssPollMs: number, signal: AbortSignal): Promise<TimedRun> {
  return sampled(service, rssPollMs, async () => {
    const answer = await call('POST', `${service.baseUrl}/v1/analyses/preview`, body, signal);
    const preview = json<{ timings: Record<string, number> }>(answer, 'POST /v1/analyses/preview');
    return { status: 'done', wallMs: answer.ms, bytes: answer.bytes, stages: stagesOf(preview.timings, answer.ms) };
  });
}
