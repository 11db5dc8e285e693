import { randomUUID } from 'node:crypto';

import type { FastifyBaseLogger } from 'fastify';

import { limitScope } from '../analysis/scope-check.js';
import { settingsOf } from '../analysis/settings.js';
import { ConflictError, NotFoundError, RequestRejectedError } from '../errors.js';
import type { RunFields, StoredRun } from '../repositories/run-repository.js';
import { type AnalysisRun, FINAL_STATUSES, type RunRequest, type RunStatus } from '../schemas/runs.js';
import { type ExecuteDeps, executeRun, TakenOverError } from './execute.js';
import { fingerprintOf } from './fingerprint.js';
import { createLease, type LeaseOptions } from './lease.js';
import { JobQueue } from './queue.js';
import { describeFailure, runView } from './run-view.js';

/**
 * Analysis runs, asked for over HTTP or by the batch CLI: queued, run a few at a time, stored
 * in Neo4j with their results. Each service instance holds a lease on its runs (lease.ts):
 * unfinished runs of an instance that stopped or went silent (a crash, a restart) are claimed by
 * a live one and started again, up to `maxAttempts` times, then failed with the reason: a run is
 * never silently lost. A clean shutdown marks its running runs interrupted and leaves queued
 * ones queued for whoever claims them next (itself after a restart). How a run is shown is
 * run-view.ts; one run's work is execute.ts.
 */

export interface RunServiceOptions extends Omit<LeaseOptions, 'instance'> {
  /** Runs computing at once. */
  concurrency: number;
  /** Write scores back onto the entities when a request does not say. */
  writeBack: boolean;
  /** This process's id among service instances (tests give several apps one database). */
  instance?: string;
}

type Deps = ExecuteDeps & { log: FastifyBaseLogger };

interface Active {
  controller: AbortController;
  stage: string;
  progress: number;
}

/** The key runs over the same investigations share ('' for all): ids cannot hold control characters. */
export const investigationsKey = (investigations: readonly string[] | undefined) => [...(investigations ?? [])].sort().join('\u001f');

const PROGRESS_STORE_MS = 1_000;

export function createRunService(deps: Deps, options: RunServiceOptions) {
  const { runs, log } = deps;
  const instance = options.instance ?? randomUUID();
  const active = new Map<string, Active>();
  const settled = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const queue = new JobQueue(options.concurrency, execute, (id, error) => log.error({ err: error, run: id }, 'analysis run job threw'));
  let stopping = false;
  const lease = createLease(
    deps,
    { ...options, instance },
    {
      running: () => active,
      known: () => [...active.keys(), ...settled.keys()],
      enqueue,
      stopping: () => stopping,
    },
  );

  function settlement(id: string) {
    let entry = settled.get(id);
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      entry = { promise, resolve };
      settled.set(id, entry);
    }
    return entry;
  }

  function settle(id: string) {
    settled.get(id)?.resolve();
    settled.delete(id);
  }

  function enqueue(id: string) {
    settlement(id);
    queue.enqueue(id);
  }

  /** `current`: the run's scope's data version now, for `stale`. */
  function view(run: StoredRun, current?: number): AnalysisRun {
    return runView(run, { live: active.get(run.id), queuePosition: queue.positionOf(run.id) }, current);
  }

  async function currentScopeVersion(run: StoredRun): Promise<number> {
    const { investigations } = JSON.parse(run.scope) as { investigations?: string[] };
    return (await runs.dataVersion(investigations ?? null)).scopeVersion;
  }

  /**
   * How a run this instance was running ended, if it still owns it (runs/settle.cypher); false
   * when another instance took it over meanwhile, or the database is away (logged).
   */
  async function recordEnd(id: string, fields: RunFields): Promise<boolean> {
    try {
      if (await runs.settle(id, instance, fields)) return true;
      log.warn({ run: id, status: fields.status }, 'analysis run taken over by another instance; its end is recorded there');
    } catch (error) {
      log.error({ err: error, run: id, fields: Object.keys(fields) }, 'could not record the run’s state');
    }
    return false;
  }

  async function discardResults(id: string): Promise<void> {
    try {
      await deps.stored.deleteResults(id);
    } catch (error) {
      log.error({ err: error, run: id }, 'could not delete a run’s partial results; they go when it is claimed again');
    }
  }

  async function execute(id: string): Promise<void> {
    const controller = new AbortController();
    const state: Active = { controller, stage: 'starting', progress: 0 };
    let run: StoredRun | undefined;
    try {
      const waiting = await runs.get(id);
      if (!waiting || waiting.status !== 'queued' || stopping) return;
      const startedAt = new Date().toISOString();
      const queued = Date.parse(startedAt) - Date.parse(waiting.createdAt);
      // Started only if still queued and still this instance's: another may have taken it over.
      run = await runs.start(id, instance, { status: 'running', stage: 'starting', progress: 0, startedAt, attempts: waiting.attempts + 1, error: null });
      if (!run) {
        log.warn({ run: id }, 'queued analysis run was taken over by another instance; not started here');
        return;
      }
      active.set(id, state);
      await deps.stored.deleteResults(id);
      log.info({ run: id, attempt: run.attempts }, 'analysis run started');
      // Progress lives in memory here and is stored at most once a second, so the run's page on
      // another instance (or a CLI's run seen through the API) moves too.
      let stored = Date.now();
      const outcome = await executeRun(deps, run, controller.signal, (stage, progress) => {
        Object.assign(state, { stage, progress });
        if (Date.now() - stored < PROGRESS_STORE_MS) return;
        stored = Date.now();
        runs.progress(id, stage, progress).catch((error: unknown) => log.warn({ err: error, run: id }, 'could not store a run’s progress'));
      });
      const settled = await runs.settle(id, instance, {
        status: 'done',
        stage: null,
        progress: 100,
        finishedAt: outcome.finishedAt,
        dataVersion: outcome.dataVersion,
        scopeVersion: outcome.scopeVersion,
        summary: JSON.stringify(outcome.summary),
        timings: JSON.stringify({ queued, ...outcome.timings }),
      });
      if (settled) log.info({ run: id, nodes: outcome.summary.graph.nodes, ties: outcome.summary.graph.ties }, 'analysis run done');
      else log.warn({ run: id }, 'analysis run taken over by another instance before it was recorded done here; the other one records it');
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error instanceof TakenOverError ? 'taken over' : undefined;
      const finishedAt = new Date().toISOString();
      if (reason === 'taken over') {
        // The other instance owns the run, its status and its results now: leave them alone.
        log.warn({ run: id }, 'analysis run taken over by another instance (this one’s heartbeat lapsed); stopped here');
      } else if (reason === 'shutdown') {
        // Partial results go when the run is claimed again; a shutdown should not wait for them.
        await recordEnd(id, { status: 'interrupted', stage: null, progress: 0 });
        log.warn({ run: id }, 'analysis run interrupted by shutdown');
      } else if (reason === 'cancel') {
        // Recorded first: from then on the run's writes are refused, so nothing comes after the discard.
        if (await recordEnd(id, { status: 'cancelled', stage: null, finishedAt })) await discardResults(id);
        log.info({ run: id }, 'analysis run cancelled');
      } else if (run) {
        const failure = describeFailure(error);
        if (failure.code === 'INTERNAL') log.error({ err: error, run: id }, 'analysis run failed');
        else log.warn({ run: id, error: failure }, 'analysis run failed');
        if (await recordEnd(id, { status: 'failed', stage: null, finishedAt, error: JSON.stringify(failure) })) await discardResults(id);
      } else {
        log.error({ err: error, run: id }, 'could not start an analysis run; it is claimed again when the database answers');
      }
    } finally {
      active.delete(id);
      settle(id);
    }
  }

  return {
    instance,

    /** Begins heartbeats and claims (call when the database is ready; again on each return). */
    start(): void {
      if (stopping) return;
      lease.start();
    },

    /**
     * Queues a run (or answers a stored one). `allowed`: the investigations the caller may see
     * (null: all). A run is stored and reused, so a scope naming an investigation the caller
     * cannot see (or that does not exist) is refused with 400, not narrowed (scope-check.ts);
     * left out, the scope is the caller's investigations.
     */
    async submit(request: RunRequest, requestedBy: string, allowed: string[] | null = null): Promise<{ run: AnalysisRun; reused: boolean }> {
      const { parameters, communitiesFrom, force } = request;
      const { scope } = await limitScope(request.scope, allowed, (ids) => deps.analytics.knownInvestigations(ids), true);
      const writeBack = request.writeBack ?? options.writeBack;
      if (communitiesFrom) {
        const from = await runs.get(communitiesFrom, allowed);
        if (from?.status !== 'done') {
          throw new RequestRejectedError('communitiesFrom must name a finished run', [
            { path: 'body.communitiesFrom', message: from ? `the run is ${from.status}` : 'no such run' },
          ]);
        }
      }
      const settings = settingsOf(parameters);
      const fingerprint = fingerprintOf({ scope, engine: settings.engine, projection: settings.projectionParameters, communitiesFrom: communitiesFrom ?? null });
      const versions = await runs.dataVersion(scope.investigations ?? null);
      if (!force) {
        const found = await runs.reusable(fingerprint, versions.scopeVersion);
        // A run that did not write back does not answer one that asks to.
        if (found && (found.writeBack || !writeBack)) return { run: view(found, versions.scopeVersion), reused: true };
      }
      const run: StoredRun = {
        id: randomUUID(),
        status: 'queued',
        progress: 0,
        fingerprint,
        scope: JSON.stringify(scope),
        parameters: JSON.stringify(parameters),
        scopeInvestigations: [...(scope.investigations ?? [])].sort(),
        investigationsKey: investigationsKey(scope.investigations),
        ...(communitiesFrom ? { communitiesFrom } : {}),
        writeBack,
        requestedBy,
        createdAt: new Date().toISOString(),
        submittedDataVersion: versions.version,
        submittedScopeVersion: versions.scopeVersion,
        attempts: 0,
        owner: instance,
      };
      await lease.ensureAlive();
      await runs.create(run);
      enqueue(run.id);
      return { run: view(run, versions.scopeVersion), reused: false };
    },

    /** A run the caller may see (`allowed`, null: all); others are not found. */
    async get(id: string, allowed: string[] | null = null): Promise<AnalysisRun> {
      return (await this.versioned(id, allowed)).run;
    },

    /** The run, and the version of its scope's data now (what cached results are keyed by). */
    async versioned(id: string, allowed: string[] | null = null): Promise<{ run: AnalysisRun; scopeVersion: number }> {
      const found = await runs.getVersioned(id, allowed);
      if (!found) throw new NotFoundError(`no analysis run ${id}`);
      return { run: view(found.run, found.scopeVersion), scopeVersion: found.scopeVersion };
    },

    async list(filter: { status?: RunStatus; investigation?: string; limit: number; offset: number }, allowed: string[] | null = null) {
      const { total, rows } = await runs.list(filter, allowed);
      const items = await Promise.all(rows.map(async (run) => view(run, await currentScopeVersion(run))));
      return { total, limit: filter.limit, offset: filter.offset, items };
    },

    /**
     * Waits up to `ms` for a run to end, then answers it as it is: a run of this process is
     * awaited, another's (a reused run queued elsewhere) is read again every half second.
     */
    async wait(id: string, ms: number, allowed: string[] | null = null): Promise<AnalysisRun> {
      const deadline = Date.now() + ms;
      for (;;) {
        const entry = settled.get(id);
        const left = deadline - Date.now();
        if (entry && left > 0) {
          let timeout: NodeJS.Timeout | undefined;
          await Promise.race([entry.promise, new Promise<void>((resolve) => (timeout = setTimeout(resolve, left)))]);
          clearTimeout(timeout);
        }
        const run = await this.get(id, allowed);
        if (FINAL_STATUSES.includes(run.status) || Date.now() >= deadline) return run;
        if (!settled.has(id)) await new Promise((resolve) => setTimeout(resolve, Math.min(500, deadline - Date.now())));
      }
    },

    /** Cancels a queued or running run; its partial results are deleted. */
    async cancel(id: string, allowed: string[] | null = null): Promise<AnalysisRun> {
      const run = await runs.get(id, allowed);
      if (!run) throw new NotFoundError(`no analysis run ${id}`);
      if (queue.remove(id)) {
        await runs.update(id, { status: 'cancelled', stage: null, finishedAt: new Date().toISOString() });
        settle(id);
      } else if (active.has(id)) {
        const entry = settled.get(id);
        active.get(id)!.controller.abort('cancel');
        await entry?.promise;
      } else if (FINAL_STATUSES.includes(run.status as RunStatus)) {
        throw new ConflictError(`the run has already ended (${run.status}); only a queued or running run can be cancelled (?purge=true deletes an ended run with its results)`);
      } else if (run.status === 'running' && run.owner !== instance) {
        throw new ConflictError('the run is running in another service instance; cancel it there');
      } else {
        // Queued or interrupted, waiting to be claimed: nothing is running it.
        await deps.stored.deleteResults(id);
        await runs.update(id, { status: 'cancelled', stage: null, finishedAt: new Date().toISOString() });
      }
      return this.get(id, allowed);
    },

    /** Deletes an ended run and everything it stored (the history forgets it). */
    async purge(id: string, allowed: string[] | null = null): Promise<void> {
      const run = await runs.get(id, allowed);
      if (!run) throw new NotFoundError(`no analysis run ${id}`);
      if (!FINAL_STATUSES.includes(run.status as RunStatus)) throw new ConflictError(`the run is ${run.status}: cancel it first, then purge it`);
      await deps.stored.deleteResults(id);
      await runs.delete(id);
      log.info({ run: id }, 'analysis run purged');
    },

    /** Stops taking work; running runs end as interrupted, queued ones stay queued for the next claim. */
    async shutdown(): Promise<void> {
      stopping = true;
      lease.stop();
      queue.stop();
      const running = [...active.keys()].map((id) => settled.get(id)?.promise);
      for (const job of active.values()) job.controller.abort('shutdown');
      await Promise.all(running);
      await lease.retire();
    },
  };
}

export type RunService = ReturnType<typeof createRunService>;
