import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';

import { healthRoutes } from '../../src/routes/health.js';
import { track, untrack } from '../harness/children.js';
import { type LatencySummary, summariseLatencies } from '../harness/latency.js';

/**
 * The event-loop check: the service's own /healthz route (src/routes/health.ts; /healthz needs
 * no database, /readyz is registered but never called) on a bare Fastify in this process, and
 * a probe process (healthz-probe.ts) requesting it at a steady rate while some work runs here.
 * The latencies show whether the work left the event loop free.
 */

const PROBE = join(dirname(fileURLToPath(import.meta.url)), 'healthz-probe.ts');
/** The probe runs this long after its first answer before the work starts. */
const WARM_UP_MS = 500;
/** How long the probe may take to start (tsx compiles it) and get its first answer. */
const READY_TIMEOUT_MS = 60_000;

async function untilReady(output: () => string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!output().startsWith('ready\n')) {
    if (performance.now() > deadline) throw new Error(`bench/analytics/event-loop: the /healthz probe got no answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface ProbedRun<T> {
  value: T;
  workMs: number;
  latency?: LatencySummary;
  errors: number;
}

export async function startHealthServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(healthRoutes);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${address}/healthz`, close: () => app.close() };
}

/** Runs `work` while the probe requests `url` every `intervalMs`; the probe's figures cover the work only. */
export async function probeDuring<T>(url: string, intervalMs: number, work: () => Promise<T>): Promise<ProbedRun<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', PROBE, url, String(intervalMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  track(child.pid);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  try {
    await untilReady(() => stdout, READY_TIMEOUT_MS);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    // Requests answered during the warm-up are dropped: the figures start with the work.
    child.stdin.write('reset\n');
    const started = performance.now();
    const value = await work();
    const workMs = performance.now() - started;
    child.stdin.write('stop\n');
    await once(child, 'close');
    const { latenciesMs, errors } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { latenciesMs: number[]; errors: number };
    return { value, workMs, latency: summariseLatencies(latenciesMs), errors };
  } finally {
    child.kill('SIGKILL');
    untrack(child.pid);
  }
}

/** The engine's stage times from the head of a preview body, without parsing the whole text on this thread. */
export function timingsOf(body: string | Buffer): Record<string, number> | undefined {
  const head = typeof body === 'string' ? body.slice(0, 100_000) : body.subarray(0, 100_000).toString('utf8');
  const match = /"timings":(\{[^{}]*\})/.exec(head);
  return match ? (JSON.parse(match[1]!) as Record<string, number>) : undefined;
}
