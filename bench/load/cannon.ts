import { loadavg } from 'node:os';

import autocannon from 'autocannon';

import type { Rng } from '../../src/shared/rng.js';
import { message } from '../harness/abort.js';
import { RssSampler } from '../harness/rss-sampler.js';
import { figuresOf, type ScenarioFigures } from './figures.js';
import { pathPicker, type Scenario } from './scenarios.js';

/**
 * One scenario of bench/load/main.ts: autocannon keeps `connections` connections busy for the
 * duration, each request on a path picked at random from the scenario's, after a warm-up that
 * is not recorded. The service's and its JVM's memory and CPU (and this process's: autocannon
 * competes for the same two cores) are polled meanwhile, and the audit records the service
 * committed for the measured requests are counted from the chain's head.
 */

export interface CannonOptions {
  baseUrl: string;
  /** Sent on /v1 scenarios only. */
  headers: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
  /** Seconds before an unanswered request counts as a timeout. */
  timeoutS: number;
  rssPollMs: number;
  pids: Record<string, number>;
  rng: Rng;
  /** The audit chain's length now (undefined when it cannot be read). */
  auditSeq: () => Promise<number | undefined>;
  signal: AbortSignal;
}

function fire(scenario: Scenario, options: CannonOptions, durationS: number): Promise<autocannon.Result> {
  const pick = pathPicker(scenario.paths, options.rng);
  let instance: autocannon.Instance | undefined;
  // Ctrl-C: autocannon ends early and still hands over what it measured.
  const stop = () => instance?.stop();
  options.signal.addEventListener('abort', stop, { once: true });
  return new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        duration: durationS,
        timeout: options.timeoutS,
        headers: scenario.auth ? { ...options.headers, ...scenario.headers } : { ...scenario.headers },
        requests: [{ setupRequest: (request) => ({ ...request, path: pick() }) }],
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
  }).finally(() => options.signal.removeEventListener('abort', stop));
}

const SETTLE_POLL_MS = 250;
const SETTLE_MAX_MS = 30_000;
/** 2 s without a new record: what is left in flight will not be recorded (its request never reached a handler). */
const QUIET_POLLS = 8;

export interface SettleOptions {
  pollMs: number;
  quietPolls: number;
  maxMs: number;
}

/**
 * Waits until the service has finished what the last autocannon run left in flight (its
 * connections are cut at the end and the service still answers them): every /v1 request sent
 * leaves one audit record, so the chain reaches `target` (its length before the run plus the
 * requests sent). It also stops when the chain has not moved for `quietPolls` polls, or after
 * `maxMs`. A scenario then starts from an idle service, and its audit count is its own.
 * Returns the chain's length (undefined when it cannot be read).
 */
export async function settle(auditSeq: () => Promise<number | undefined>, target: number | undefined, options: Partial<SettleOptions> = {}): Promise<number | undefined> {
  const { pollMs, quietPolls, maxMs } = { pollMs: SETTLE_POLL_MS, quietPolls: QUIET_POLLS, maxMs: SETTLE_MAX_MS, ...options };
  const deadline = performance.now() + maxMs;
  let last = await auditSeq();
  let quiet = 0;
  while (last !== undefined && target !== undefined && last < target && quiet < quietPolls && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const now = await auditSeq();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

export async function runScenario(scenario: Scenario, options: CannonOptions): Promise<ScenarioFigures> {
  const base = { name: scenario.name, label: scenario.label, goal: scenario.goal, reference: scenario.reference, paths: scenario.paths.length };
  // /healthz is not audited: nothing to wait for.
  const expected = (seq: number | undefined, sent: number) => (seq !== undefined && scenario.auth ? seq + sent : seq);
  let seqBefore: number | undefined;
  try {
    options.signal.throwIfAborted();
    const seqStart = await options.auditSeq();
    const warm = await fire(scenario, options, options.warmupS);
    options.signal.throwIfAborted();
    seqBefore = await settle(options.auditSeq, expected(seqStart, warm.requests.sent));
  } catch (error) {
    return { ...base, memory: {}, loadAverage1m: loadavg()[0]!, error: `warm-up: ${message(error)}` };
  }
  const sampler = new RssSampler(options.pids, { intervalMs: options.rssPollMs });
  await sampler.start();
  let measured: Omit<ScenarioFigures, keyof typeof base | 'memory' | 'loadAverage1m'>;
  try {
    measured = figuresOf(await fire(scenario, options, options.durationS));
  } catch (error) {
    measured = { error: message(error) };
  }
  const memory = await sampler.stop();
  const seqAfter = await settle(options.auditSeq, expected(seqBefore, measured.counts?.sent ?? 0));
  const auditRecords = seqBefore !== undefined && seqAfter !== undefined ? seqAfter - seqBefore : undefined;
  return { ...base, ...measured, memory, auditRecords, loadAverage1m: loadavg()[0]! };
}
