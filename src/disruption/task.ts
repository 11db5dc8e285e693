import { analyse, DEFAULTS, type EngineOptions, type EngineRuntime, type GivenMeasures } from '../analytics/engine.js';
import { transferables } from '../analytics/projection/transfer.js';
import type { Projection } from '../analytics/projection/types.js';
import type { PathWeights } from '../analytics/weights.js';
import type { WorkerPool } from '../workers/pool.js';
import { disruptionNetwork, type NodeRef, nodeRef } from './network.js';
import { type Plan, planDisruption, STRATEGY_NAMES, type StrategyResult } from './planner.js';
import { type WhatIf, whatIf } from './what-if.js';

/**
 * A disruption request's work in the worker thread: analyse the projection, then plan or answer
 * the what-if. What only the data can refuse (a budget larger than the network, ids not in the
 * scope) comes back as a rejection with field paths; the service turns it into a 400.
 */

export type DisruptionTask =
  | { kind: 'plan'; k: number; strategies?: readonly string[]; pathWeights: readonly PathWeights[] }
  | { kind: 'what-if'; remove: readonly { type: string; id: string }[]; ignoreUnknown: boolean };

/** A plan with node references instead of node indices. */
export interface PlanBody extends Omit<Plan, 'strategies'> {
  strategies: (Omit<StrategyResult, 'targets'> & { targets: (NodeRef & { step: number; reason: string })[] })[];
}

export type DisruptionOutcome =
  | { ok: true; timings: Record<string, number>; warnings: string[]; plan?: PlanBody; whatIf?: WhatIf & { leftOut: { type: string; id: string }[] } }
  | { ok: false; message: string; details: { path: string; message: string }[] };

interface DisruptTask {
  projection: Projection;
  options: Partial<EngineOptions>;
  disruption: DisruptionTask;
  given?: GivenMeasures;
}

/** A disruption plan or what-if on the analysis of the projection, in a worker thread. */
export function disruptInWorker(
  pool: WorkerPool,
  projection: Projection,
  options: Partial<EngineOptions>,
  disruption: DisruptionTask,
  given?: GivenMeasures,
): Promise<DisruptionOutcome> {
  return pool.run('disrupt', { projection, options, disruption, given } satisfies DisruptTask, { transferList: transferables(projection, given) });
}

/** The worker's handler (src/worker.ts). */
export function disruptTask(task: DisruptTask, runtime: Partial<EngineRuntime>): Promise<DisruptionOutcome> {
  return runDisruption(task.projection, { ...task.options, seed: task.options.seed ?? DEFAULTS.seed }, runtime, task.disruption, task.given);
}

export async function runDisruption(
  projection: Projection,
  options: Partial<EngineOptions> & { seed: number },
  runtime: Partial<EngineRuntime>,
  task: DisruptionTask,
  given?: GivenMeasures,
): Promise<DisruptionOutcome> {
  let started = performance.now();
  const analysis = await analyse(projection, options, runtime, given);
  const timings: Record<string, number> = { analysis: round(performance.now() - started) };
  const net = disruptionNetwork(projection, analysis, options.seed);
  const warnings = [...analysis.warnings];

  started = performance.now();
  if (task.kind === 'plan') {
    const n = net.csr.n;
    let candidates = 0;
    for (let v = 0; v < n; v++) candidates += net.candidate[v]!;
    const k = task.k < 1 ? fractionOf(task.k, n) : task.k;
    if (n > 0 && k > candidates) {
      return {
        ok: false,
        message: 'the budget is larger than the network',
        details: [{ path: 'body.k', message: `asks for ${k} removals but the scope has ${candidates} people and organisations` }],
      };
    }
    const plan = planDisruption(net, {
      k: n === 0 ? 1 : k,
      strategies: task.strategies ?? STRATEGY_NAMES,
      seed: options.seed,
      pathWeights: task.pathWeights,
      paths: { exactThreshold: options.exactBetweennessUpTo, samples: options.betweennessSamples },
    });
    timings.plan = round(performance.now() - started);
    return {
      ok: true,
      timings,
      warnings,
      plan: {
        ...plan,
        k: n === 0 ? 0 : k,
        strategies: plan.strategies.map((s) => ({ ...s, targets: s.targets.map((t) => ({ ...nodeRef(net, t.node), step: t.step, reason: t.reason })) })),
      },
    };
  }

  const index = net.csr.index;
  const remove: number[] = [];
  const unknown: { path: string; message: string }[] = [];
  const leftOut: { type: string; id: string }[] = [];
  task.remove.forEach((entity, i) => {
    const at = index.get(`${entity.type}:${entity.id}`);
    if (at === undefined) {
      unknown.push({ path: `body.remove[${i}]`, message: `${entity.type} ${entity.id} is not in the scope` });
      leftOut.push({ type: entity.type, id: entity.id });
    } else remove.push(at);
  });
  if (unknown.length > 0 && !task.ignoreUnknown) return { ok: false, message: `${unknown.length} of the entities to remove are not in the scope`, details: unknown };
  for (const u of unknown) warnings.push(`${u.path}: ${u.message}; left out (ignoreUnknown)`);
  const result = whatIf(net, [...new Set(remove)], { seed: options.seed, exactThreshold: options.exactBetweennessUpTo, samples: options.betweennessSamples });
  timings.whatIf = round(performance.now() - started);
  return { ok: true, timings, warnings, whatIf: { ...result, leftOut } };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** A fractional budget as a count of the n nodes: the nearest whole number, at least 1 (0.05 of 101 is 5). */
export function fractionOf(k: number, n: number): number {
  return Math.max(1, Math.round(k * n));
}
