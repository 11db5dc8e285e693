import { appliedParameters } from '../analysis/settings.js';
import type { StoredRun } from '../repositories/run-repository.js';
import type { AnalysisParameters } from '../schemas/analysis.js';
import type { AnalysisRun, RunStatus } from '../schemas/runs.js';

/**
 * A run as the API shows it (AnalysisRunSchema): the stored run, its live stage and progress
 * while this instance runs it, its place in the queue, its parameters as applied, and whether
 * its data has changed since; and how a failed run's error is told.
 */

const json = <T>(text: string | undefined): T | null => (text === undefined ? null : (JSON.parse(text) as T));

/** `current`: the run's scope's data version now, for `stale`. */
export function runView(run: StoredRun, state: { live?: { stage: string; progress: number }; queuePosition?: number }, current?: number): AnalysisRun {
  const status = run.status as RunStatus;
  return {
    id: run.id,
    status,
    stage: state.live?.stage ?? run.stage ?? null,
    progress: state.live?.progress ?? run.progress ?? (status === 'done' ? 100 : 0),
    queuePosition: state.queuePosition ?? null,
    scope: JSON.parse(run.scope) as Record<string, unknown>,
    parameters: appliedParameters(JSON.parse(run.parameters) as AnalysisParameters),
    communitiesFrom: run.communitiesFrom ?? null,
    writeBack: run.writeBack,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt ?? null,
    finishedAt: run.finishedAt ?? null,
    submittedDataVersion: run.submittedDataVersion,
    dataVersion: run.dataVersion ?? null,
    scopeVersion: run.scopeVersion ?? null,
    stale: run.scopeVersion !== undefined && current !== undefined && current > run.scopeVersion,
    attempts: run.attempts,
    error: json(run.error),
    summary: json(run.summary),
    timings: json(run.timings),
  };
}

/** The service's own refusals a run can meet, kept by their code. */
const REFUSALS = new Set(['SCOPE_TOO_LARGE', 'GDS_UNAVAILABLE', 'GDS_SERVER_UNAVAILABLE', 'GDS_INSUFFICIENT_MEMORY']);

export function describeFailure(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && REFUSALS.has(code)) return { code, message: (error as Error).message };
  if (typeof code === 'string' && code.startsWith('Neo.')) return { code: 'DATABASE', message: `Neo4j: ${(error as Error).message}` };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
