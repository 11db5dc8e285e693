import { ScopeTooLargeError } from '../errors.js';
import type { AnalyticsRepository } from '../repositories/analytics-repository.js';
import type { AnalysisRequest } from '../schemas/analysis.js';
import { DEFAULTS as ENGINE_DEFAULTS, type EngineOptions } from './engine.js';
import { DEFAULT_MONEY, type MoneySettings } from './money.js';
import type { AnalyticsPool } from './pool.js';
import { TooManyTiesError } from './projection/tie-accumulator.js';
import { DEFAULT_HARM_WEIGHTS, DEFAULT_TIE_WEIGHTS, type TieKind } from './weights.js';

/**
 * Runs an analysis end to end: the projection is read from Neo4j on the event loop (it is
 * I/O, streamed), the computation runs in a worker thread. A request's parameters are merged
 * over the documented defaults and echoed back whole, so a result says how it was made.
 */
export function createAnalysisService(deps: { repository: AnalyticsRepository; pool: AnalyticsPool; previewMaxTies: number }) {
  return {
    /** The preview's response body, as JSON text made in the worker. */
    async preview(request: AnalysisRequest): Promise<string> {
      const { scope, parameters: p } = request;
      const money: MoneySettings = {
        reportingCurrency: p.reportingCurrency ?? DEFAULT_MONEY.reportingCurrency,
        exchangeRates: { ...DEFAULT_MONEY.exchangeRates, ...p.exchangeRates },
      };
      const tieWeights = { ...DEFAULT_TIE_WEIGHTS, ...p.tieWeights };
      const engine: EngineOptions = {
        resolution: p.resolution,
        seed: p.seed,
        betweennessSamples: p.betweennessSamples ?? ENGINE_DEFAULTS.betweennessSamples,
        exactBetweennessUpTo: p.exactBetweennessUpTo ?? ENGINE_DEFAULTS.exactBetweennessUpTo,
        harmWeights: { ...DEFAULT_HARM_WEIGHTS, ...p.harmWeights },
        money,
        previousCommunities: p.previousCommunities,
      };

      const started = performance.now();
      let read;
      try {
        read = await deps.repository.project(scope, {
          tieWeights,
          tieKinds: scope.tieKinds ? new Set<TieKind>(scope.tieKinds) : undefined,
          sharedLocationCap: p.sharedLocationCap,
          maxTies: deps.previewMaxTies,
          money,
        });
      } catch (error) {
        if (error instanceof TooManyTiesError) throw new ScopeTooLargeError(error.limit);
        throw error;
      }
      const projectionMs = Math.round((performance.now() - started) * 10) / 10;
      const { projection, dataVersion } = read;
      return deps.pool.preview(projection, engine, {
        scope,
        projectionParameters: { tieWeights, sharedLocationCap: p.sharedLocationCap },
        dataVersion,
        projection: {
          kind: projection.kind,
          nodes: projection.nodes.length,
          ties: projection.ties.source.length,
          relationsRead: projection.relationsRead,
          dropped: projection.dropped,
        },
        projectionMs,
      });
    },
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
