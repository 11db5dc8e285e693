import { ScopeTooLargeError } from '../errors.js';
import type { AnalyticsRepository } from '../repositories/analytics-repository.js';
import type { AnalysisParameters, AnalysisRequest, Scope } from '../schemas/analysis.js';
import { DEFAULTS as ENGINE_DEFAULTS, type EngineOptions } from './engine.js';
import { DEFAULT_MONEY, type MoneySettings } from './money.js';
import { prepareAnalysis, type GdsEngine } from './engine-choice.js';
import { limitScope } from './scope-check.js';
import type { AnalyticsPool } from './pool.js';
import { TooManyTiesError } from './projection/tie-accumulator.js';
import { DEFAULT_HARM_WEIGHTS, DEFAULT_TIE_WEIGHTS, type TieKind } from './weights.js';

/** The engine's options and the projection's settings a request's parameters give, over the documented defaults. */
export function settingsOf(p: AnalysisParameters) {
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
    pathWeights: p.pathWeights ?? ENGINE_DEFAULTS.pathWeights,
    previousCommunities: p.previousCommunities,
  };
  return { engine, money, tieWeights, requestedEngine: p.engine, projectionParameters: { tieWeights, sharedLocationCap: p.sharedLocationCap, engine: p.engine } };
}

/** What a request's parameters do that an analyst may not mean: a tie kind weighted 0 makes no ties. */
export function parameterWarnings(p: AnalysisParameters): string[] {
  return Object.entries(p.tieWeights ?? {})
    .filter(([, weight]) => weight === 0)
    .map(([kind]) => `parameters.tieWeights.${kind} is 0: ${kind} relations make no ties`);
}

/**
 * Reads a scope's projection from Neo4j (on the event loop: it is I/O, streamed), refusing it
 * with 413 as soon as it passes `maxTies`.
 */
export async function readScope(repository: AnalyticsRepository, scope: Scope, settings: ReturnType<typeof settingsOf>, maxTies: number, signal?: AbortSignal, gatherTies = true) {
  const { money, tieWeights, projectionParameters } = settings;
  const started = performance.now();
  let read;
  try {
    read = await repository.project(scope, {
      tieWeights,
      tieKinds: scope.tieKinds ? new Set<TieKind>(scope.tieKinds) : undefined,
      sharedLocationCap: projectionParameters.sharedLocationCap,
      maxTies,
      money,
      gatherTies,
    }, signal);
  } catch (error) {
    if (error instanceof TooManyTiesError) throw new ScopeTooLargeError(error.limit);
    throw error;
  }
  const { projection, dataVersion, scopeVersion } = read;
  return {
    projection,
    dataVersion,
    scopeVersion,
    projectionMs: Math.round((performance.now() - started) * 10) / 10,
    summary: {
      kind: projection.kind,
      nodes: projection.nodes.length,
      ties: projection.ties.source.length,
      relationsRead: projection.relationsRead,
      dropped: projection.dropped,
    },
  };
}

/**
 * Runs an analysis end to end: the projection is read from Neo4j on the event loop, the
 * computation runs in a worker thread. A request's parameters are merged over the documented
 * defaults and echoed back whole, so a result says how it was made.
 */
export function createAnalysisService(deps: { repository: AnalyticsRepository; gds: GdsEngine; pool: AnalyticsPool; previewMaxTies: number }) {
  return {
    /** The preview's response body, JSON made in the worker (UTF-8 bytes). `allowed`: the caller's investigations (null: all). */
    async preview(request: AnalysisRequest, allowed: readonly string[] | null): Promise<Buffer> {
      const { parameters } = request;
      const { scope, warnings: scopeWarnings } = await limitScope(request.scope, allowed, (ids) => deps.repository.knownInvestigations(ids));
      const settings = settingsOf(parameters);
      const { engine, projectionParameters } = settings;
      const limit = deps.previewMaxTies;
      const read = await prepareAnalysis(deps, scope, settings, settings.requestedEngine, { maxTies: limit, gdsMaxTies: limit });
      return deps.pool.preview(
        read.projection,
        engine,
        {
          scope,
          projectionParameters,
          dataVersion: read.dataVersion,
          projection: read.summary,
          engine: read.engine,
          timings: { projection: read.projectionMs, ...read.gdsTimings },
          warnings: [...scopeWarnings, ...parameterWarnings(parameters)],
        },
        read.given,
      );
    },
  };
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
