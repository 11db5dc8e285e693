import type { FastifyBaseLogger } from 'fastify';

import type { RunRepository } from '../repositories/run-repository.js';
import type { RunResultsRepository } from '../repositories/run-results-repository.js';

/**
 * This instance's lease on its runs: a heartbeat in Neo4j every `heartbeatMs`, the runs it works
 * on stopped when another instance has taken them over (its heartbeat lapsed), and the runs of
 * instances that stopped or went silent claimed and queued here again, up to `maxAttempts`
 * starts, then failed with the reason. A run is never silently lost.
 */

export interface LeaseOptions {
  instance: string;
  heartbeatMs: number;
  /** Starts before an interrupted run is failed instead of started again. */
  maxAttempts: number;
  /** Take over runs other instances left (false for the batch CLI, which only runs its own). */
  claim?: boolean;
}

/** What the lease needs of the run service. */
export interface LeaseWork {
  /** The runs running here, each stopped with the reason 'taken over' when another instance owns it. */
  running(): ReadonlyMap<string, { controller: AbortController }>;
  /** Every run this instance has (running, queued or ending): never claimed from itself. */
  known(): string[];
  /** Queues a claimed run here. */
  enqueue(id: string): void;
  stopping(): boolean;
}

export function createLease(deps: { runs: RunRepository; stored: RunResultsRepository; log: FastifyBaseLogger }, options: LeaseOptions, work: LeaseWork) {
  const { runs, log } = deps;
  const { instance } = options;
  let timer: NodeJS.Timeout | undefined;
  let alive = false;

  /** The first heartbeat is written before this instance owns a run, so no other takes it meanwhile. */
  async function heartbeat(): Promise<void> {
    const now = Date.now();
    await runs.heartbeat(instance, now, now + 3 * options.heartbeatMs);
    alive = true;
  }

  /** Heartbeat, then take over runs nobody works on. Runs on a timer and whenever the database comes back. */
  async function tick(): Promise<void> {
    if (work.stopping()) return;
    const now = Date.now();
    try {
      await heartbeat();
      // A run another instance took over while this one's heartbeat had lapsed is stopped here.
      const active = work.running();
      if (active.size > 0) {
        const owned = await runs.owned(instance, [...active.keys()]);
        for (const [id, state] of active) if (!owned.has(id)) state.controller.abort('taken over');
      }
      if (options.claim === false) return;
      for (const run of await runs.claim(instance, now, now - 3 * options.heartbeatMs, work.known())) {
        if (work.stopping()) return;
        if (run.status === 'queued') {
          log.info({ run: run.id }, 'queued analysis run taken over');
          work.enqueue(run.id);
          continue;
        }
        await deps.stored.deleteResults(run.id);
        if (run.attempts >= options.maxAttempts) {
          const error = { code: 'INTERRUPTED', message: `interrupted ${run.attempts} times (shutdowns or crashes); not started again` };
          await runs.update(run.id, { status: 'failed', stage: null, finishedAt: new Date().toISOString(), error: JSON.stringify(error) });
          log.error({ run: run.id, attempts: run.attempts }, 'interrupted analysis run failed: too many attempts');
        } else {
          await runs.update(run.id, { status: 'queued', stage: null, progress: 0 });
          log.warn({ run: run.id, was: run.status, attempts: run.attempts }, 'interrupted analysis run queued again');
          work.enqueue(run.id);
        }
      }
    } catch (error) {
      log.warn({ err: error }, 'analysis runs: heartbeat or claim failed; trying again');
    }
  }

  return {
    instance,
    /** Begins heartbeats and claims; again, a tick at once (the database came back). */
    start(): void {
      void tick();
      if (!timer) {
        timer = setInterval(() => void tick(), options.heartbeatMs);
        timer.unref();
      }
    },
    /** Before this instance owns a new run: a heartbeat, unless one has been written. */
    async ensureAlive(): Promise<void> {
      if (!alive) await heartbeat();
    },
    stop(): void {
      clearInterval(timer);
    },
    /** Says this instance has stopped, so its runs are claimed at once rather than when its heartbeat is stale. */
    async retire(): Promise<void> {
      try {
        await runs.retire(instance);
      } catch (error) {
        log.warn({ err: error }, 'analysis runs: could not retire this instance; its runs are taken over when its heartbeat is stale');
      }
    },
  };
}
