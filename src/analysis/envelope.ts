import type { AnalysisResult } from '../analytics/engine.js';
import { rankedNodes } from '../analytics/ranking.js';
import type { EngineChoice, PreviewTie, Scope } from '../schemas/analysis.js';
import type { PreparedAnalysis } from './engine-choice.js';

/**
 * What every synchronous analysis answer (the preview, a disruption plan, a what-if) starts
 * with: the scope as applied, the parameters as applied, the data version, the projection's
 * summary, the engine and why, the timings and the warnings. Built once on the event loop;
 * the worker's work adds its own timings and warnings after the service's.
 */
export interface AnalysisEnvelope {
  scope: Scope;
  parameters: Record<string, unknown>;
  dataVersion: number;
  /** The projection's summary: its kind, nodes, ties, relations read, what was dropped and why. */
  projection: PreparedAnalysis['summary'];
  engine: EngineChoice;
  /** Milliseconds: the projection, the GDS engine's stages when it ran, then the worker's. */
  timings: Record<string, number>;
  /** The service's own first (investigations left out of the scope, parameters that remove ties), then the analysis's. */
  warnings: string[];
}

export function envelopeOf(scope: Scope, read: PreparedAnalysis, parameters: Record<string, unknown>, warnings: string[]): AnalysisEnvelope {
  return {
    scope,
    parameters,
    dataVersion: read.dataVersion,
    projection: read.summary,
    engine: read.engine,
    timings: { projection: read.projectionMs, ...read.gdsTimings },
    warnings,
  };
}

/** The envelope with the worker's timings and warnings after the service's. */
export function withWork(envelope: AnalysisEnvelope, work: { timings: Record<string, number>; warnings: readonly string[] }): AnalysisEnvelope {
  return { ...envelope, timings: { ...envelope.timings, ...work.timings }, warnings: [...envelope.warnings, ...work.warnings] };
}

/**
 * The body of POST /v1/analyses/preview: the engine's result in its envelope. Built and turned
 * into JSON in the worker thread (analysis/preview-task.ts), so a large ranking never
 * serialises on the HTTP event loop.
 */
export function previewBody(result: AnalysisResult, envelope: AnalysisEnvelope, ties?: PreviewTie[]) {
  const { options: _options, timings, ranking, ...rest } = result;
  const { timings: allTimings, warnings } = withWork(envelope, { timings, warnings: rest.warnings });
  return {
    scope: envelope.scope,
    parameters: envelope.parameters,
    dataVersion: envelope.dataVersion,
    projection: envelope.projection,
    engine: envelope.engine,
    timings: allTimings,
    ...rest,
    warnings,
    ranking: rankedNodes(ranking),
    // Only when asked: the answer is otherwise unchanged.
    ...(ties ? { ties } : {}),
  };
}
