import type { AnalyticsRepository } from '../repositories/analytics-repository.js';
import type { AnalysisParameters, Scope } from '../schemas/analysis.js';
import type { LinkSuggestRequest } from '../schemas/links.js';
import type { WorkerPool } from '../workers/pool.js';
import { linksInWorker } from './links-task.js';
import { limitScope } from './scope-check.js';
import { readScope } from './scope-read.js';
import { parameterWarnings, settingsOf } from './settings.js';

/**
 * Missing-link suggestions over HTTP: the scope (the request's, or a run's) is read from Neo4j on
 * the event loop by the service's own projection, limited to the caller's investigations as the
 * preview's is; the scan and the likelihood's fit run in a worker thread. Scopes over
 * ANALYTICS_PREVIEW_MAX_TIES ties are refused with 413.
 */

/** What a run brings: its scope and parameters as applied (runs/run-view.ts). */
export type RunScopeOf = (id: string, allowed: string[] | null) => Promise<{ scope: Record<string, unknown>; parameters: Record<string, unknown> }>;

const DEFAULT_SCOPE: Scope = { minAssessment: 'D', maxSourceEvaluation: 3, projection: 'people' };

export function createLinkService(deps: { repository: AnalyticsRepository; pool: WorkerPool; maxTies: number; runScope: RunScopeOf }) {
  return {
    /** `allowed`: the caller's investigations (null: all). A run the caller cannot see is not found (404), as an unknown one. */
    async suggest(request: LinkSuggestRequest, allowed: string[] | null) {
      const { parameters } = request;
      let named = request.scope ?? DEFAULT_SCOPE;
      let analysis: AnalysisParameters = {
        resolution: 1,
        seed: parameters.seed,
        sharedLocationCap: parameters.sharedLocationCap,
        engine: 'graphology',
        tieWeights: parameters.tieWeights,
      };
      if (request.run) {
        const run = await deps.runScope(request.run, allowed);
        named = run.scope as Scope;
        const applied = run.parameters as { tieWeights?: AnalysisParameters['tieWeights']; sharedLocationCap?: number };
        analysis = { ...analysis, tieWeights: applied.tieWeights, sharedLocationCap: applied.sharedLocationCap ?? analysis.sharedLocationCap };
      }
      const { scope, warnings } = await limitScope(named, allowed, (ids) => deps.repository.knownInvestigations(ids));
      const settings = settingsOf(analysis);
      const read = await readScope(deps.repository, scope, settings, deps.maxTies);
      const people = parameters.people?.map((id) => `person:${id}`);
      const {
        ms,
        warnings: found,
        ...result
      } = await linksInWorker(deps.pool, read.projection, {
        index: parameters.index,
        limit: parameters.limit,
        offset: parameters.offset,
        seed: parameters.seed,
        people,
      });
      return {
        scope,
        parameters: { ...parameters, tieWeights: settings.tieWeights, sharedLocationCap: settings.projectionParameters.sharedLocationCap },
        ...(request.run ? { run: { id: request.run } } : {}),
        dataVersion: read.dataVersion,
        projection: read.summary,
        timings: { projection: read.projectionMs, links: ms },
        warnings: [...warnings, ...parameterWarnings(analysis), ...found],
        ...result,
      };
    },
  };
}

export type LinkService = ReturnType<typeof createLinkService>;
