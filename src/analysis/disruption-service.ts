import { PATH_WEIGHTS } from '../analytics/weights.js';
import { disruptInWorker, type DisruptionTask } from '../disruption/task.js';
import { RequestRejectedError } from '../errors.js';
import type { AnalyticsRepository } from '../repositories/analytics-repository.js';
import type { AnalysisParameters, Scope } from '../schemas/analysis.js';
import type { DisruptionPlanRequest, WhatIfRequest } from '../schemas/disruption.js';
import type { WorkerPool } from '../workers/pool.js';
import { type GdsEngine, prepareAnalysis } from './engine-choice.js';
import { envelopeOf, withWork } from './envelope.js';
import { limitScope } from './scope-check.js';
import { echoedParameters, parameterWarnings, settingsOf } from './settings.js';

/**
 * The disruption planner over HTTP: the scope is read from Neo4j on the event loop, then the
 * analysis and the plan (or what-if) run in a worker thread. Scopes over the synchronous limit
 * (ANALYTICS_PREVIEW_MAX_TIES) are refused with 413, as for the preview. With the GDS engine,
 * the analysis the plan starts from is GDS's (engine-choice.ts); strategies that recompute
 * after each removal do so in the service.
 */
export function createDisruptionService(deps: { repository: AnalyticsRepository; gds: GdsEngine; pool: WorkerPool; maxTies: number }) {
  async function run(named: Scope, allowed: readonly string[] | null, parameters: AnalysisParameters, task: DisruptionTask, echo: Record<string, unknown> = {}) {
    const { scope, warnings } = await limitScope(named, allowed, (ids) => deps.repository.knownInvestigations(ids));
    const settings = settingsOf(parameters);
    const read = await prepareAnalysis(deps, scope, settings, settings.requestedEngine, { maxTies: deps.maxTies, gdsMaxTies: deps.maxTies, ties: true });
    const outcome = await disruptInWorker(deps.pool, read.projection, settings.engine, task, read.given);
    if (!outcome.ok) throw new RequestRejectedError(outcome.message, outcome.details);
    const envelope = envelopeOf(scope, read, { ...echoedParameters(settings), ...echo }, [...warnings, ...parameterWarnings(parameters)]);
    return {
      envelope: withWork(envelope, outcome),
      outcome,
    };
  }

  return {
    /** `allowed`: the caller's investigations (null: all). */
    async plan(request: DisruptionPlanRequest, allowed: readonly string[] | null) {
      // Left out, the path strategies run under both weightings and compete (the analysis itself measures strength).
      const pathWeights = request.parameters.pathWeights ? [request.parameters.pathWeights] : [...PATH_WEIGHTS];
      const { envelope, outcome } = await run(
        request.scope,
        allowed,
        request.parameters,
        { kind: 'plan', k: request.k, strategies: request.strategies, pathWeights },
        { pathWeights },
      );
      return { ...envelope, ...outcome.plan! };
    },
    async whatIf(request: WhatIfRequest, allowed: readonly string[] | null) {
      const { envelope, outcome } = await run(request.scope, allowed, request.parameters, { kind: 'what-if', remove: request.remove, ignoreUnknown: request.ignoreUnknown });
      return { ...envelope, ...outcome.whatIf! };
    },
  };
}

export type DisruptionService = ReturnType<typeof createDisruptionService>;
