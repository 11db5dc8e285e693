import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadQueries, type Queries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, createAnalyticsRepository } from '../../src/repositories/analytics-repository.js';
import { createRunRepository, RUN_QUERIES, type RunRepository, type StoredRun } from '../../src/repositories/run-repository.js';
import { createRunResultsRepository, RUN_RESULT_QUERIES, type RunResultsRepository } from '../../src/repositories/run-results-repository.js';
import { createRunResults } from '../../src/runs/results.js';
import { createRunService, investigationsKey, type RunServiceOptions } from '../../src/runs/run-service.js';
import { type RunAnalyser, runAnalyser } from '../../src/runs/storing-session.js';
import { RunRequestSchema } from '../../src/schemas/runs.js';
import { createWorkerPool, type WorkerPool } from '../../src/workers/pool.js';
import { useTestApp } from '../support/app.js';
import { gc } from '../support/gc.js';
import { TEST_GDS_QUERIES, testGdsEngine } from '../support/gds.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

/**
 * The run lifecycle against the real database: cancelling a running and a queued run, a clean
 * shutdown that leaves a run interrupted and another instance that finishes it, a crashed
 * instance's run taken over with its partial results deleted, and one interrupted too often.
 * An analysis that never ends by itself (`stuck`) holds a run in its running state for as long
 * as a test needs; the rest is the real queue, repository and Neo4j.
 */

/** The workers' analysis for a run, reporting its first stage, its second 1.2 s later, then waiting until the run is aborted. */
const stuck: RunAnalyser = {
  analyseToStore: (_projection, _options, _runId, control) =>
    new Promise((_resolve, reject) => {
      const signal = control!.signal!;
      if (signal.aborted) return reject(signal.reason);
      control?.onStage?.('csr');
      const later = setTimeout(() => control?.onStage?.('louvain'), 1_200);
      signal.addEventListener('abort', () => {
        clearTimeout(later);
        reject(signal.reason);
      });
    }),
};

describe('run lifecycle', () => {
  let app: FastifyInstance;
  let driver: Driver;
  let queries: Queries;
  let runs: RunRepository;
  let stored: RunResultsRepository;
  let pool: WorkerPool;
  let realAnalyser: RunAnalyser;
  const tag = uniqueTag();
  const investigation = `OP-LIFE-${tag}`;
  const request = RunRequestSchema.parse({ scope: { investigations: [investigation] }, force: true });
  const options = (instance: string, extra: Partial<RunServiceOptions> = {}): RunServiceOptions => ({
    concurrency: 1,
    writeBack: false,
    heartbeatMs: 60_000,
    maxAttempts: 3,
    instance: `${instance}-${tag}`,
    claim: false,
    ...extra,
  });
  const service = (analyser: RunAnalyser, opts: RunServiceOptions) =>
    createRunService(
      {
        runs,
        stored,
        analytics: createAnalyticsRepository(driver, 'neo4j', queries),
        gds: testGdsEngine(driver, queries),
        analyser,
        maxTies: 1_000_000,
        batchSize: 3,
        log: app.log,
      },
      opts,
    );
  const status = async (id: string) => (await runs.get(id))?.status;
  const resultCount = (runId: string) => one<{ n: number }>(driver, 'MATCH (x:AnalysisResult {runId: $runId}) RETURN count(x) AS n', { runId }).then((r) => r.n);

  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    queries = await loadQueries([...RUN_QUERIES, ...RUN_RESULT_QUERIES, ...ANALYTICS_QUERIES, ...TEST_GDS_QUERIES]);
    runs = createRunRepository(driver, 'neo4j', queries);
    stored = createRunResultsRepository(driver, 'neo4j', queries);
    pool = createWorkerPool(1, { pathHelpers: 0 });
    realAnalyser = runAnalyser(pool);
    const people = ['A', 'B', 'C', 'D', 'E'].map((p) => ({ id: `${p}-${tag}`, name: `${p} ${tag}` }));
    const loaded = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: investigation }],
        defaults: { source: `REP-${tag}`, grading: GRADING },
        people,
        links: [
          ['A', 'B'],
          ['B', 'C'],
          ['C', 'D'],
          ['D', 'E'],
          ['A', 'C'],
        ].map(([from, to]) => ({ id: `LK-${from}${to}-${tag}`, type: 'communication', from: `${from}-${tag}`, to: `${to}-${tag}`, count: 3 })),
      },
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
  });

  afterAll(async () => pool?.close());

  it('keeps nothing of the projection on this thread once the worker has it, until the run is stored', async () => {
    // At 1M ties the projection's nodes and evidence were most of the service's heap, kept by the
    // run's frame for the whole analysis: every major GC marked them again (half-second pauses).
    let held: WeakRef<object> | undefined;
    const collectedByFirstBatch: boolean[] = [];
    const watching: RunAnalyser = {
      analyseToStore: async (projection, options, runId, control) => {
        held = new WeakRef(projection.nodes);
        const session = await realAnalyser.analyseToStore(projection, options, runId, control);
        return {
          ...session,
          rows: (from, to) => {
            if (from === 0) {
              gc();
              collectedByFirstBatch.push(held!.deref() === undefined);
            }
            return session.rows(from, to);
          },
        };
      },
    };
    const h = service(watching, options('H'));
    h.start();
    try {
      const { run } = await h.submit(request, 'test');
      await waitFor(async () => (await h.get(run.id)).status === 'done', 60_000);
      expect(collectedByFirstBatch).toEqual([true]);
      expect(await resultCount(run.id)).toBe(5);
    } finally {
      await h.shutdown();
    }
  });

  it('cancels a running run and a queued one, keeping no results of either', async () => {
    const a = service(stuck, options('A'));
    a.start();
    const running = (await a.submit(request, 'test')).run;
    const queued = (await a.submit(request, 'test')).run;
    await waitFor(async () => (await a.get(running.id)).stage === 'analysing:csr', 30_000);
    expect(await a.get(running.id)).toMatchObject({ status: 'running', progress: 26.5, attempts: 1 });
    // Stored too (at most once a second), for readers on other instances.
    await waitFor(async () => (await runs.get(running.id))?.stage === 'analysing:louvain', 30_000);
    expect((await runs.get(running.id))?.progress).toBe(36.5);
    expect(await a.get(queued.id)).toMatchObject({ status: 'queued', queuePosition: 1 });
    await expect(a.purge(running.id)).rejects.toMatchObject({ statusCode: 409, message: 'the run is running: cancel it first, then purge it' });

    expect(await a.cancel(queued.id)).toMatchObject({ status: 'cancelled', queuePosition: null });
    const cancelled = await a.cancel(running.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', finishedAt: expect.any(String) });
    expect(await resultCount(running.id)).toBe(0);
    await expect(a.cancel(running.id)).rejects.toMatchObject({ statusCode: 409 });
    await a.shutdown();
  });

  it('marks a run interrupted on shutdown; another instance takes it over and finishes it', async () => {
    const b = service(stuck, options('B'));
    b.start();
    const { run } = await b.submit(request, 'test');
    await waitFor(async () => (await b.get(run.id)).status === 'running', 30_000);
    await b.shutdown();
    expect(await status(run.id)).toBe('interrupted');

    const c = service(realAnalyser, options('C', { claim: true, heartbeatMs: 500 }));
    c.start();
    try {
      await waitFor(async () => (await status(run.id)) === 'done', 60_000);
      expect(await c.get(run.id)).toMatchObject({ status: 'done', attempts: 2, error: null, summary: { graph: { nodes: 5 } } });
      const ranking = await createRunResults({ runs, stored, service: c }).rankings(run.id, { limit: 10, offset: 0 }, null);
      expect(ranking.total).toBe(5);
    } finally {
      await c.shutdown();
    }
  });

  describe('runs a crashed instance left', () => {
    /** A run of this test's scope as another instance left it, stored as it is; returns its id. */
    async function leftRun(fields: Partial<StoredRun>): Promise<string> {
      const id = crypto.randomUUID();
      await runs.create({
        id,
        status: 'running',
        fingerprint: `left-${id}`,
        scope: JSON.stringify(request.scope),
        parameters: JSON.stringify(request.parameters),
        scopeInvestigations: [investigation],
        investigationsKey: investigationsKey([investigation]),
        writeBack: false,
        requestedBy: 'test',
        createdAt: new Date().toISOString(),
        submittedDataVersion: 0,
        submittedScopeVersion: 0,
        attempts: 1,
        owner: `crashed-${tag}`,
        ...fields,
      });
      return id;
    }

    /** A run as a process that died mid-way leaves it: owner gone (no heartbeat), some results stored. */
    async function orphan(fields: Partial<StoredRun>): Promise<string> {
      const id = await leftRun(fields);
      // Written as the dead process did, past the fence (which refuses writes into a run not running).
      await one(driver, "CREATE (:AnalysisResult {runId: $id, position: 0, index: 0, key: 'person:half-written'})", { id });
      return id;
    }

    it('starts it again without its partial results, or fails it after too many attempts', async () => {
      const retried = await orphan({});
      const exhausted = await orphan({ status: 'interrupted', attempts: 3 });
      // Its own, left running by a database outage (the job could not record how it ended).
      const own = await orphan({ owner: `D-${tag}` });
      const d = service(realAnalyser, options('D', { claim: true, heartbeatMs: 500 }));
      d.start();
      try {
        await waitFor(async () => (await status(retried)) === 'done' && (await status(exhausted)) === 'failed' && (await status(own)) === 'done', 60_000);
        expect(await d.get(own)).toMatchObject({ attempts: 2 });
        expect(await d.get(retried)).toMatchObject({ attempts: 2, summary: { graph: { nodes: 5 } } });
        expect(await resultCount(retried)).toBe(5);
        expect(await stored.result(retried, 'person:half-written')).toBeUndefined();
        expect(await d.get(exhausted)).toMatchObject({ error: { code: 'INTERRUPTED', message: 'interrupted 3 times (shutdowns or crashes); not started again' } });
        expect(await resultCount(exhausted)).toBe(0);
      } finally {
        await d.shutdown();
      }
    });

    it('leaves alone the runs of an instance whose heartbeat is fresh', async () => {
      const alive = `alive-${tag}`;
      await runs.heartbeat(alive, Date.now(), Date.now() + 3_600_000);
      const owned = await orphan({ owner: alive });
      const e = service(realAnalyser, options('E', { claim: true, heartbeatMs: 200 }));
      e.start();
      try {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(await runs.get(owned)).toMatchObject({ status: 'running', owner: alive });
      } finally {
        await e.shutdown();
        await runs.retire(alive);
        await runs.update(owned, { status: 'cancelled' });
        await stored.deleteResults(owned);
      }
    });

    it('fences a run taken over while it ran: the old owner can neither write results nor record its end', async () => {
      const id = await orphan({ owner: `stalled-${tag}` });
      expect(await stored.writeResults(id, `stalled-${tag}`, [{ runId: id, position: 1, index: 1, key: 'person:before' } as never])).toBe(true);
      // The stalled instance has no heartbeat: the next claim takes the run.
      const taken = await runs.claim(`H-${tag}`, Date.now(), Date.now() + 1_000, []);
      expect(taken.map((r) => r.id)).toContain(id);
      expect(await stored.writeResults(id, `stalled-${tag}`, [{ runId: id, position: 2, index: 2, key: 'person:after' } as never])).toBe(false);
      expect(await stored.writeCommunities(id, `stalled-${tag}`, [])).toBe(false);
      expect(await runs.settle(id, `stalled-${tag}`, { status: 'done' })).toBeUndefined();
      expect(await stored.result(id, 'person:after')).toBeUndefined();
      expect(await runs.get(id)).toMatchObject({ status: 'running', owner: `H-${tag}` });
      await runs.update(id, { status: 'cancelled' });
      await stored.deleteResults(id);
    });

    it('two live instances claiming the same queued runs at once run each exactly once', async () => {
      // Queued by an instance that is gone, so both live ones may take them from their first tick
      // (both tick as they start). A lease of 15 s (3 heartbeats): a loaded machine's stalls stay
      // well inside it, so no run is taken over from a live owner here.
      const queued: string[] = [];
      for (let i = 0; i < 6; i++) {
        queued.push(await leftRun({ status: 'queued', attempts: 0, owner: `gone-${tag}`, createdAt: new Date(Date.now() - 60_000).toISOString() }));
      }
      const started = new Map<string, string[]>();
      const counting = (name: string): RunAnalyser => ({
        analyseToStore: (projection, options, runId, control) => {
          started.set(runId, [...(started.get(runId) ?? []), name]);
          return realAnalyser.analyseToStore(projection, options, runId, control);
        },
      });
      const f = service(counting('F'), options('F', { claim: true, heartbeatMs: 5_000, concurrency: 2 }));
      const g = service(counting('G'), options('G', { claim: true, heartbeatMs: 5_000, concurrency: 2 }));
      f.start();
      g.start();
      try {
        await waitFor(async () => (await Promise.all(queued.map(status))).every((s) => s === 'done'), 90_000);
        // Other test files' apps share this database and claim too: a run started anywhere counts
        // in `attempts` (runs/start.cypher), so 1 there means it ran once, whoever ran it.
        for (const id of queued) {
          expect(started.get(id)?.length ?? 0, id).toBeLessThanOrEqual(1);
          expect(await runs.get(id)).toMatchObject({ status: 'done', attempts: 1 });
          expect(await resultCount(id)).toBe(5);
        }
        console.log(`queued runs taken: ${queued.map((id) => started.get(id)?.[0] ?? 'another app').join(' ')}`);
      } finally {
        await f.shutdown();
        await g.shutdown();
      }
    });
  });
});
