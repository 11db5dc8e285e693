import { type GdsEngine, prepareAnalysis, withoutProjection } from '../analysis/engine-choice.js';
import type { TieStore } from '../analysis/gds/gds-analysis.js';
import { type Settings, settingsOf } from '../analysis/settings.js';
import type { EntityType } from '../model/graph-model.js';
import type { AnalyticsRepository } from '../repositories/analytics-repository.js';
import type { RunRepository, StoredRun } from '../repositories/run-repository.js';
import type { RunResultsRepository } from '../repositories/run-results-repository.js';
import type { AnalysisParameters, Scope } from '../schemas/analysis.js';
import type { RunSummary } from '../schemas/runs.js';
import { afterEngineStage, PHASES, within } from './progress.js';
import { TIES_PER_PART } from './result-rows.js';
import { STRONGEST_TIES } from './store-task.js';
import type { RunAnalyser } from './storing-session.js';

/**
 * One run's work, start to end: read the scope from Neo4j, analyse it in a worker thread, store
 * every result (fetched from the worker a batch at a time), write the scores back onto the entities. Progress goes to `report`; `signal`
 * stops it between records, between batches, or by ending the worker thread. It leaves no run
 * status behind: the run service records how it ended, and deletes what a run that did not
 * finish had stored.
 */

export interface ExecuteDeps {
  runs: RunRepository;
  /** What runs store: results, communities, packed ties, scores written back. */
  stored: RunResultsRepository;
  analytics: AnalyticsRepository;
  gds: GdsEngine;
  /** The worker threads, as a run uses them (storing-session.ts). */
  analyser: RunAnalyser;
  maxTies: number;
  /** Results per write transaction. */
  batchSize: number;
}

export interface Outcome {
  dataVersion: number;
  scopeVersion: number;
  summary: RunSummary;
  timings: Record<string, number>;
  finishedAt: string;
}

/** The run's writes were refused: another instance owns it now (runs/write-results.cypher). */
export class TakenOverError extends Error {
  override name = 'TakenOverError';
  constructor(readonly runId: string) {
    super(`runs/execute: run ${runId} was taken over by another instance`);
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;

export async function executeRun(deps: ExecuteDeps, run: StoredRun, signal: AbortSignal, report: (stage: string, progress: number) => void): Promise<Outcome> {
  const { stored } = deps;
  const scope = JSON.parse(run.scope) as Scope;
  const settings = settingsOf(JSON.parse(run.parameters) as AnalysisParameters);
  if (run.communitiesFrom) settings.engine.previousCommunities = await previousCommunities(deps.stored, run.communitiesFrom);

  report('projecting', PHASES.projecting);
  const { read, drawsMs, analysing } = await handOver(deps, run, scope, settings, signal, report);
  const session = await analysing.session;
  signal.throwIfAborted();

  const storing = performance.now();
  report('storing', PHASES.storing);
  const { communities, artefacts, total } = session;
  // Every write is fenced: refused once another instance has taken the run over.
  const { owner } = run;
  const fenced = (accepted: boolean) => {
    if (!accepted) throw new TakenOverError(run.id);
  };
  for (let from = 0; from < communities.length; from += deps.batchSize) fenced(await stored.writeCommunities(run.id, owner, communities.slice(from, from + deps.batchSize)));
  for (const part of artefacts) {
    signal.throwIfAborted();
    fenced(await stored.writeArtefact(run.id, owner, part));
  }
  const ranked = new Map<EntityType, { id: string; harmScore: number | null; rank: number | null; community: string }[]>();
  for (let from = 0; from < total; from += deps.batchSize) {
    signal.throwIfAborted();
    const rows = await session.rows(from, Math.min(total, from + deps.batchSize));
    fenced(await stored.writeResults(run.id, owner, rows));
    if (run.writeBack) {
      for (const row of rows) {
        const type = row.type as EntityType;
        if (!ranked.has(type)) ranked.set(type, []);
        ranked.get(type)!.push({ id: row.entityId, harmScore: row.harmScore, rank: row.rank, community: row.community });
      }
    }
    report('storing', within(PHASES.storing, PHASES.writingBack, from + rows.length, total));
  }
  await session.finish();
  const timings: Record<string, number> = {
    projection: read.projectionMs,
    ...read.gdsTimings,
    ...(drawsMs !== undefined ? { confidenceDraws: drawsMs } : {}),
    ...session.timings,
    storing: elapsed(storing),
  };

  const finishedAt = new Date().toISOString();
  if (run.writeBack) {
    const writing = performance.now();
    report('writing back', PHASES.writingBack);
    let done = 0;
    for (const [type, rows] of ranked) {
      for (let from = 0; from < rows.length; from += deps.batchSize) {
        signal.throwIfAborted();
        await stored.writeBack(type, rows.slice(from, from + deps.batchSize), run.id, finishedAt, scope.investigations ?? null);
        done += Math.min(deps.batchSize, rows.length - from);
        report('writing back', within(PHASES.writingBack, PHASES.done, done, total));
      }
    }
    timings.writeBack = elapsed(writing);
  }

  return {
    dataVersion: read.dataVersion,
    scopeVersion: read.scopeVersion,
    finishedAt,
    timings,
    summary: { projection: read.summary, engine: read.engine, ...session.summary },
  };
}

/**
 * Reads the run's scope and hands its projection to the worker: the analysis stays there and its
 * rows come over a batch at a time. Returns without waiting for the analysis, so once the worker
 * has the projection nothing on this thread keeps it (this frame is gone, and analyseToStore
 * holds it only while packing): at 1M ties its nodes and evidence were most of the heap, marked
 * again by every major GC while the run was analysed and stored.
 */
async function handOver(deps: ExecuteDeps, run: StoredRun, scope: Scope, settings: Settings, signal: AbortSignal, report: (stage: string, progress: number) => void) {
  // The GDS engine has no tie limit of its own in a run: its memory estimate is the limit. A run
  // stores its ties (the run's exports and link chart read them): on the GDS engine they are
  // packed in Neo4j and written here a part at a time, before the analysis (a run that does not
  // finish has them deleted with the rest); the service's own engine packs them in the worker.
  const store: TieStore = {
    perPart: TIES_PER_PART,
    strongestLimit: STRONGEST_TIES,
    write: async (part) => {
      signal.throwIfAborted();
      if (!(await deps.stored.writeArtefact(run.id, run.owner, part))) throw new TakenOverError(run.id);
    },
  };
  const prepared = await prepareAnalysis(
    { repository: deps.analytics, gds: deps.gds },
    scope,
    settings,
    settings.requestedEngine,
    { maxTies: deps.maxTies, gdsMaxTies: Number.POSITIVE_INFINITY, ties: store },
    signal,
  );

  let progress: number = PHASES.analysing;
  let drawsMs: number | undefined;
  signal.throwIfAborted();
  report('analysing', progress);
  let draws;
  if (settings.confidence) {
    if (!deps.analyser.draw) throw new Error('runs/execute: this analyser cannot draw (parameters.confidence)');
    report('analysing:confidence', progress);
    const started = performance.now();
    draws = await deps.analyser.draw(prepared.projection, settings.engine, settings.confidence, signal);
    drawsMs = elapsed(started);
    signal.throwIfAborted();
  }
  const session = deps.analyser.analyseToStore(prepared.projection, settings.engine, run.id, {
    signal,
    given: prepared.given,
    strongest: prepared.strongest,
    draws,
    onStage: (stage) => report(`analysing:${stage}`, (progress = afterEngineStage(stage, progress))),
  });
  return { read: withoutProjection(prepared), drawsMs, analysing: { session } };
}

/** A finished run's communities as the engine's previousCommunities: its ids are reused where they match. */
async function previousCommunities(stored: RunResultsRepository, runId: string) {
  const members = new Map<string, string[]>();
  for (const row of await stored.memberships(runId)) {
    if (!members.has(row.community)) members.set(row.community, []);
    members.get(row.community)!.push(row.key);
  }
  return [...members].map(([id, keys]) => ({ id, members: keys }));
}
