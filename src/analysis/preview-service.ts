import type { AnalyticsRepository } from '../repositories/analytics-repository.js';
import type { AnalysisRequest } from '../schemas/analysis.js';
import type { WorkerPool } from '../workers/pool.js';
import { drawInPool } from './confidence-task.js';
import { type GdsEngine, prepareAnalysis } from './engine-choice.js';
import { envelopeOf } from './envelope.js';
import { previewInWorker } from './preview-task.js';
import { limitScope } from './scope-check.js';
import { echoedParameters, parameterWarnings, settingsOf } from './settings.js';

/**
 * The preview, end to end: the projection is read from Neo4j on the event loop, the analysis
 * runs in a worker thread, which also makes the JSON body. A request's parameters are merged
 * over the documented defaults and echoed back whole, so a result says how it was made.
 */
export function createPreviewService(deps: { repository: AnalyticsRepository; gds: GdsEngine; pool: WorkerPool; previewMaxTies: number }) {
  return {
    /** The preview's response body, JSON made in the worker (UTF-8 bytes). `allowed`: the caller's investigations (null: all). */
    async preview(request: AnalysisRequest, allowed: readonly string[] | null): Promise<Buffer> {
      const { parameters } = request;
      const { scope, warnings } = await limitScope(request.scope, allowed, (ids) => deps.repository.knownInvestigations(ids));
      const settings = settingsOf(parameters);
      const limit = deps.previewMaxTies;
      const ties = request.include?.includes('ties') ?? false;
      const read = await prepareAnalysis(deps, scope, settings, settings.requestedEngine, { maxTies: limit, gdsMaxTies: limit, ties });
      const envelope = envelopeOf(scope, read, echoedParameters(settings), [...warnings, ...parameterWarnings(parameters)]);
      let draws;
      if (settings.confidence) {
        const started = performance.now();
        draws = await drawInPool(deps.pool, read.projection, settings.engine, settings.confidence);
        envelope.timings.confidenceDraws = Math.round((performance.now() - started) * 10) / 10;
      }
      return previewInWorker(deps.pool, read.projection, settings.engine, envelope, read.given, ties, draws);
    },
  };
}

export type PreviewService = ReturnType<typeof createPreviewService>;
