import type { EngineChoice } from '../schemas/analysis.js';
import type { AnalysisResult } from './engine.js';
import { rankedNodes } from './ranking.js';

/**
 * The body of POST /v1/analyses/preview: the engine's result wrapped with what the service knows
 * (the scope as applied, the data version, the projection's summary and time). Built and turned
 * into JSON in the worker thread, so a large ranking never serialises on the HTTP event loop.
 */
export interface PreviewEnvelope {
  scope: object;
  /** Parameters applied by the projection, echoed next to the engine's. */
  projectionParameters: object;
  dataVersion: number;
  projection: { kind: string; nodes: number; ties: number; relationsRead: number; dropped: { reason: string; count: number }[] };
  engine: EngineChoice;
  /** Milliseconds of what came before the worker: the projection, and the GDS engine's stages when it ran. */
  timings: Record<string, number>;
  /** The service's own, before the analysis's: investigations left out of the scope, parameters that remove ties. */
  warnings: string[];
}

export function previewBody(result: AnalysisResult, envelope: PreviewEnvelope) {
  const { options, timings, ranking, ...rest } = result;
  return {
    scope: envelope.scope,
    parameters: { ...options, ...envelope.projectionParameters },
    dataVersion: envelope.dataVersion,
    projection: envelope.projection,
    engine: envelope.engine,
    timings: { ...envelope.timings, ...timings },
    ...rest,
    warnings: [...envelope.warnings, ...rest.warnings],
    ranking: rankedNodes(ranking),
  };
}
