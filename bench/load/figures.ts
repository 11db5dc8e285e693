import type autocannon from 'autocannon';

import type { BenchHeader, BenchMode } from '../harness/header.js';
import type { MemoryFigures } from '../harness/rss-sampler.js';
import type { Stages } from '../harness/run-timing.js';
import { perSecond, ratio } from '../harness/stats.js';
import type { LoadGoal } from './scenarios.js';

/**
 * The figures of bench/load/main.ts, written as JSON next to the markdown summary, and the
 * arithmetic on them: autocannon's result folded into answers, errors by kind and latency, the
 * ratio to the reference and the targets. Optional fields are missing when a scenario
 * failed; its `error` says why.
 */

/** The p99 a scenario without a goal of its own is shown against. */
export const P99_TARGET_MS = 100;

export interface LatencyFigures {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface ScenarioCounts {
  /** Requests sent, answered or not (those in flight at the end are cut). */
  sent: number;
  /** Answers of any status. */
  responses: number;
  ok: number;
  /** 429: the per-principal rate limit answered instead of the route. */
  rateLimited: number;
  /** Any other status outside 2xx. */
  otherNon2xx: number;
  /** No answer within the client's timeout. */
  timeouts: number;
  /** Connection refused or reset, a malformed answer: errors other than timeouts. */
  socketErrors: number;
  statusCodes: Record<string, number>;
}

export interface ScenarioFigures {
  name: string;
  label: string;
  /** What the scenario is held to; none for the reference. */
  goal?: LoadGoal;
  reference: boolean;
  paths: number;
  durationS?: number;
  counts?: ScenarioCounts;
  /** 2xx answers per second. */
  okPerSec?: number;
  /** All answers, ms, as autocannon records them (whole milliseconds). */
  latency?: LatencyFigures;
  bytesPerResponse?: number;
  /** service (Node), jvm (its Neo4j), client (this process, autocannon) during the measured time. */
  memory: Record<string, MemoryFigures>;
  /** Audit records the service committed for the measured requests: one per request sent, answered or cut at the end. */
  auditRecords?: number;
  loadAverage1m: number;
  error?: string;
}

/** The part of autocannon's result that is read; the rest (histogram internals, urls) is not kept. */
export type CannonResult = Pick<autocannon.Result, 'duration' | 'errors' | 'timeouts' | 'non2xx' | '2xx' | 'statusCodeStats' | 'latency' | 'throughput' | 'requests'>;

export function countsOf(result: CannonResult): ScenarioCounts {
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats?.count ?? 0;
  const rateLimited = statusCodes['429'] ?? 0;
  return {
    sent: result.requests.sent,
    responses: result['2xx'] + result.non2xx,
    ok: result['2xx'],
    rateLimited,
    otherNon2xx: result.non2xx - rateLimited,
    timeouts: result.timeouts,
    // autocannon counts a timeout as an error too.
    socketErrors: result.errors - result.timeouts,
    statusCodes,
  };
}

/** Everything that is not a 2xx answer: the issue asks for none. */
export function errorCount(counts: ScenarioCounts): number {
  return counts.rateLimited + counts.otherNon2xx + counts.timeouts + counts.socketErrors;
}

export function figuresOf(result: CannonResult): Pick<ScenarioFigures, 'durationS' | 'counts' | 'okPerSec' | 'latency' | 'bytesPerResponse'> {
  const counts = countsOf(result);
  const { mean, p50, p90, p99, max } = result.latency;
  return {
    durationS: result.duration,
    counts,
    okPerSec: perSecond(counts.ok, result.duration * 1000),
    latency: counts.responses > 0 ? { mean, p50, p90, p99, max } : undefined,
    bytesPerResponse: counts.responses > 0 ? result.throughput.total / counts.responses : undefined,
  };
}

/** The mean 2xx rate of the reference runs that answered: what the others are divided by. */
export function referenceRate(scenarios: readonly ScenarioFigures[]): number | undefined {
  const rates = scenarios.filter((s) => s.reference && s.okPerSec !== undefined && !s.error).map((s) => s.okPerSec!);
  return rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : undefined;
}

export interface Verdict {
  /** 2xx req/s as a share of the reference's. */
  ofReference?: number;
  errors?: number;
  /** p99 under the goal's (P99_TARGET_MS without one). */
  p99Met?: boolean;
  /** The share of the reference's rate reached the goal's; undefined when the goal names none. */
  rateMet?: boolean;
  /** Both, for a scenario with a goal that was measured. */
  goalMet?: boolean;
}

export function verdictOf(scenario: ScenarioFigures, reference: number | undefined): Verdict {
  const ofReference = scenario.reference ? undefined : ratio(scenario.okPerSec, reference);
  const p99Met = scenario.latency ? scenario.latency.p99 < (scenario.goal?.p99Ms ?? P99_TARGET_MS) : undefined;
  const wanted = scenario.goal?.ofReference;
  const rateMet = wanted === undefined || ofReference === undefined ? undefined : ofReference >= wanted;
  const goalMet = scenario.goal && p99Met !== undefined ? p99Met && (wanted === undefined || rateMet === true) : undefined;
  return { ofReference, errors: scenario.counts ? errorCount(scenario.counts) : undefined, p99Met, rateMet, goalMet };
}

/** CPU a process used per 2xx answer, ms. */
export function cpuPerRequestMs(scenario: ScenarioFigures, process: string): number | undefined {
  const cpuMs = scenario.memory[process]?.cpuMs;
  return cpuMs !== undefined && scenario.counts && scenario.counts.ok > 0 ? cpuMs / scenario.counts.ok : undefined;
}

/** CPU a process used as a share of one core over the measured time (1 = one core busy throughout). */
export function coresBusy(scenario: ScenarioFigures, process: string): number | undefined {
  const cpuMs = scenario.memory[process]?.cpuMs;
  return cpuMs !== undefined && scenario.durationS ? cpuMs / (scenario.durationS * 1000) : undefined;
}

export interface LoadSizeResult {
  people: number;
  records?: number;
  fileBytes?: number;
  generateMs?: number;
  service: { startMs?: number; stopMs?: number; exitCode?: number | null };
  load?: { wallMs?: number; httpStatus?: number; accepted?: number; rejected?: number };
  run?: { id: string; wallMs: number; nodes?: number; ties?: number; ranked?: number; stages?: Stages };
  /** The same analysis as the run, answered whole and not stored (POST /v1/analyses/preview). */
  preview?: { wallMs?: number; error?: string };
  /** --ingest-reference: the plain driver pattern loading the same records into the service's Neo4j first. */
  ingestReference?: { wallMs: number; records: number; recordsPerSec?: number; error?: string };
  rankingTotal?: number;
  /** x-ratelimit-limit on the analyst's first answer: the per-principal limit per window. */
  rateLimit?: string;
  peopleLoaded?: number;
  scenarios: ScenarioFigures[];
  errors: string[];
}

export interface LoadBenchResults extends BenchHeader {
  mode: BenchMode;
  buildMs?: number;
  settings: {
    heap: string;
    pageCache: string;
    seed: number;
    connections: number;
    durationS: number;
    warmupS: number;
    timeoutS: number;
    poolSize: string;
    rssPollMs: number;
    principal: string;
  };
  sizes: LoadSizeResult[];
}
