import type { ConfidenceSpec } from '../analytics/confidence/spec.js';
import { DEFAULTS as ENGINE_DEFAULTS, type EngineOptions } from '../analytics/engine.js';
import { DEFAULT_MONEY, type MoneySettings } from '../analytics/money.js';
import { DEFAULT_HARM_WEIGHTS, DEFAULT_TIE_WEIGHTS } from '../analytics/weights.js';
import type { AnalysisParameters } from '../schemas/analysis.js';

/**
 * A request's parameters over the documented defaults, worked out once: the engine's options,
 * the projection's settings, and what every answer echoes as applied (the preview, a plan, a
 * run's view), so a result says how it was made.
 */

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
  const confidence: ConfidenceSpec | undefined = p.confidence ? { ...p.confidence, seed: p.confidence.seed ?? p.seed } : undefined;
  return {
    engine,
    money,
    tieWeights,
    requestedEngine: p.engine,
    confidence,
    projectionParameters: { tieWeights, sharedLocationCap: p.sharedLocationCap, engine: p.engine, ...(confidence ? { confidence } : {}) },
  };
}

export type Settings = ReturnType<typeof settingsOf>;

/** The parameters an answer echoes: the engine's options (without the previous communities, which can be long) and the projection's. */
export function echoedParameters(settings: Settings) {
  const { previousCommunities: _previous, ...options } = settings.engine;
  return { ...options, ...settings.projectionParameters };
}

/** A run's parameters as applied, defaults filled in: what the preview echoes, and how many previous communities it was given. */
export function appliedParameters(parameters: AnalysisParameters) {
  const settings = settingsOf(parameters);
  const { previousCommunities } = settings.engine;
  return { ...echoedParameters(settings), ...(previousCommunities ? { previousCommunities: previousCommunities.length } : {}) };
}

/** What a request's parameters do that an analyst may not mean: a tie kind weighted 0 makes no ties. */
export function parameterWarnings(p: AnalysisParameters): string[] {
  return Object.entries(p.tieWeights ?? {})
    .filter(([, weight]) => weight === 0)
    .map(([kind]) => `parameters.tieWeights.${kind} is 0: ${kind} relations make no ties`);
}
