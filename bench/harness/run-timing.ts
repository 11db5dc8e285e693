import { loadavg } from 'node:os';

import { stagesOf, type ReadFigures, type TimedRequest, type TimedRun } from '../runs/figures.js';
import { message } from './abort.js';
import { call, json } from './http-client.js';
import { summariseLatencies } from './latency.js';
import { RssSampler } from './rss-sampler.js';
import type { RunningService } from './service.js';
import { summarise } from './stats.js';

/**
 * The measurements of bench/runs/main.ts against a running service: a stored run end to end, the
 * preview of the same analysis, sequences of reads (latency percentiles) and repeated heavier
 * requests (median and range). Each returns its figures with the error instead of throwing, so
 * one failed phase leaves a gap in the report and the others still run.
 */

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

/** GETs each path in turn; the first `warmups` are not counted. Latency percentiles and the median body size. */
export async function timeReads(baseUrl: string, name: string, paths: readonly string[], warmups: number, signal: AbortSignal): Promise<ReadFigures> {
  const ms: number[] = [];
  const bytes: number[] = [];
  try {
    for (const [i, path] of paths.entries()) {
      const answer = await call('GET', `${baseUrl}${path}`, undefined, signal);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
      if (i < warmups) continue;
      ms.push(answer.ms);
      bytes.push(answer.bytes);
    }
  } catch (error) {
    return { request: name, error: `${name}: ${message(error)}` };
  }
  return { request: name, latency: summariseLatencies(ms), bytes: summarise(bytes)?.median };
}

/** One GET `1 + repetitions` times, the first (a warm-up) not counted: median and range, and the body's size. */
export async function timeRequest(baseUrl: string, name: string, path: string, repetitions: number, signal: AbortSignal): Promise<TimedRequest> {
  const ms: number[] = [];
  let bytes: number | undefined;
  try {
    for (let i = 0; i <= repetitions; i++) {
      const answer = await call('GET', `${baseUrl}${path}`, undefined, signal);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`);
      bytes = answer.bytes;
      if (i > 0) ms.push(answer.ms);
    }
  } catch (error) {
    return { request: name, error: `${name}: ${message(error)}` };
  }
  return { request: name, ms: summarise(ms), bytes };
}
