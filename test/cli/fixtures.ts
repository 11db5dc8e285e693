import type { AnalysisRun } from '../../src/schemas/runs.js';

/** A run as the API shows it, valid against AnalysisRunSchema, for stand-in backends and servers. */
export function runFixture(id: string, status: AnalysisRun['status'], more: Partial<AnalysisRun> = {}): AnalysisRun {
  return {
    id,
    status,
    stage: status === 'running' ? 'analysing:louvain' : null,
    progress: status === 'done' ? 100 : status === 'running' ? 40 : 0,
    queuePosition: null,
    scope: {},
    parameters: {},
    communitiesFrom: null,
    writeBack: false,
    requestedBy: 'cli:test',
    createdAt: '2024-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: status === 'done' ? '2024-01-01T00:01:00.000Z' : null,
    submittedDataVersion: 1,
    dataVersion: status === 'done' ? 1 : null,
    scopeVersion: status === 'done' ? 1 : null,
    stale: false,
    attempts: status === 'queued' ? 0 : 1,
    error: null,
    summary: null,
    timings: null,
    ...more,
  };
}
