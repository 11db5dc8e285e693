import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createGdsEngine } from '../../src/analysis/engine-choice.js';
import { tieParameters } from '../../src/analysis/gds/config.js';
import { readTies } from '../../src/analysis/gds/gds-analysis.js';
import { projectScope } from '../../src/analysis/scope-read.js';
import { settingsOf } from '../../src/analysis/settings.js';
import type { Projection } from '../../src/analytics/projection/types.js';
import { loadQueries, type Queries } from '../../src/neo4j/queries.js';
import { ANALYTICS_QUERIES, createAnalyticsRepository, scopeParameters } from '../../src/repositories/analytics-repository.js';
import { createGdsRepository, type GdsRepository } from '../../src/repositories/gds-repository.js';
import { createRunRepository, RUN_QUERIES } from '../../src/repositories/run-repository.js';
import { createRunResultsRepository, RUN_RESULT_QUERIES, type RunResultsRepository, type StoredTie } from '../../src/repositories/run-results-repository.js';
import { createSystemRepository } from '../../src/repositories/system-repository.js';
import { packTies, unpackTies } from '../../src/runs/result-rows.js';
import { createRunService } from '../../src/runs/run-service.js';
import { strongestInternalTies } from '../../src/runs/store-task.js';
import { runAnalyser } from '../../src/runs/storing-session.js';
import { RunRequestSchema } from '../../src/schemas/runs.js';
import { createWorkerPool, type WorkerPool } from '../../src/workers/pool.js';
import { useTestApp } from '../support/app.js';
import { TEST_GDS_QUERIES } from '../support/gds.js';
import { uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';
import { waitFor } from '../support/wait.js';

/**
 * A run on the GDS engine stores its ties without reading one into the service: Neo4j packs them
 * from the projected graph (sna.ties.parts) and finds each community's strongest
 * (sna.ties.strongest), and the service writes what it is handed. What is stored must be what the
 * service's own packing would have stored from the same ties (src/runs/result-rows.ts packTies,
 * store-task.ts strongestInternalTies), read here through the tie query the service would read
 * (readTies): ends and relations per kind exactly, strength and money to 1e-12.
 */
describe('a run on the GDS engine stores its ties from Neo4j', () => {
  let app: FastifyInstance;
  let driver: Driver;
  let queries: Queries;
  let stored: RunResultsRepository;
  let gds: GdsRepository;
  let pool: WorkerPool;
  let investigations: string[];
  /** The scope's ties as the service reads them, and their parameters. */
  let own: Projection;
  let params: object;
  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    queries = await loadQueries([...RUN_QUERIES, ...RUN_RESULT_QUERIES, ...ANALYTICS_QUERIES, ...TEST_GDS_QUERIES]);
    stored = createRunResultsRepository(driver, 'neo4j', queries);
    gds = createGdsRepository(driver, 'neo4j', queries);
    pool = createWorkerPool(1, { pathHelpers: 0 });
    const { document } = taggedNetwork(300, 11, uniqueTag());
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    investigations = document.investigations.map((i) => i.id);
    const request = RunRequestSchema.parse({ scope: { investigations } });
    const settings = settingsOf(request.parameters);
    params = { ...scopeParameters(request.scope), ...tieParameters(settings.tieWeights, request.scope.tieKinds, settings.projectionParameters.sharedLocationCap, settings.money) };
    const analytics = createAnalyticsRepository(driver, 'neo4j', queries);
    const withoutTies = await projectScope(analytics, request.scope, {
      tieWeights: settings.tieWeights,
      sharedLocationCap: settings.projectionParameters.sharedLocationCap,
      money: settings.money,
      gatherTies: false,
    });
    own = await readTies(gds, withoutTies.projection, params);
    expect(own.ties.source.length).toBeGreaterThan(300);
  });

  afterAll(async () => pool?.close());

  const close = (name: string, x: ArrayLike<number>, y: ArrayLike<number>) => {
    expect(x.length, name).toBe(y.length);
    for (let t = 0; t < x.length; t++) expect(Math.abs(x[t]! - y[t]!), `${name} of tie ${t}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y[t]!)));
  };

  it('packs the parts as packTies does, a part boundary inside a node’s ties included', async () => {
    const graph = `stored-${uniqueTag()}`;
    await gds.project(
      graph,
      own.nodes.map((node) => node.key),
      params,
      own.tieKinds,
    );
    try {
      const parts = [];
      for await (const part of gds.parts(graph, own.tieKinds.length, 37)) parts.push({ ...part, tieKinds: [...own.tieKinds] });
      const expected = packTies(own, 37);
      expect(parts.map((p) => [p.part, p.ties])).toEqual(expected.map((p) => [p.part, p.ties]));
      for (const [i, part] of parts.entries()) {
        expect(Array.from(part.source), `part ${i}`).toEqual(Array.from(expected[i]!.source));
        expect(Array.from(part.target), `part ${i}`).toEqual(Array.from(expected[i]!.target));
        expect(Array.from(part.kindCount), `part ${i}`).toEqual(Array.from(expected[i]!.kindCount));
      }
      const ties = unpackTies(parts);
      close('strength', ties.strength, own.ties.strength);
      close('money', ties.money, own.ties.money);
      expect(ties.money.some((m) => m > 0)).toBe(true);
    } finally {
      await gds.drop(graph);
    }
  });

  it('runs without reading a tie into the service and stores what the service’s own packing would', async () => {
    const system = createSystemRepository(driver, 'neo4j', queries);
    const readNone: GdsRepository = {
      ...gds,
      ties: () => {
        throw new Error('the service read the ties');
      },
    };
    const service = createRunService(
      {
        runs: createRunRepository(driver, 'neo4j', queries),
        stored,
        analytics: createAnalyticsRepository(driver, 'neo4j', queries),
        gds: createGdsEngine(readNone, () => system.plugins(), { aboveRelations: 2_000_000, concurrency: 2 }),
        analyser: runAnalyser(pool),
        maxTies: 1_000_000,
        batchSize: 100,
        log: app.log,
      },
      { concurrency: 1, writeBack: false, heartbeatMs: 60_000, maxAttempts: 1, instance: `gds-ties-${uniqueTag()}`, claim: false },
    );
    service.start();
    try {
      const { run } = await service.submit(RunRequestSchema.parse({ scope: { investigations }, parameters: { engine: 'gds' }, force: true }), 'test');
      await waitFor(async () => ['done', 'failed'].includes((await service.get(run.id)).status), 120_000);
      const done = await service.get(run.id);
      expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'done', summary: { engine: { used: 'gds' }, graph: { ties: own.ties.source.length } } });
      expect(Object.keys(done.timings ?? {})).toEqual(expect.arrayContaining(['gdsTiesStored', 'gdsStrongestTies', 'gdsStructure']));

      const ties = unpackTies(await stored.artefacts(run.id));
      expect(Array.from(ties.source)).toEqual(Array.from(own.ties.source));
      expect(Array.from(ties.target)).toEqual(Array.from(own.ties.target));
      expect(Array.from(ties.kindCount)).toEqual(Array.from(own.ties.kindCount));
      expect(ties.tieKinds).toEqual([...own.tieKinds]);
      close('strength', ties.strength, own.ties.strength);
      close('money', ties.money, own.ties.money);

      // Each community's strongest ties, as the service would pick them from the same ties and the run's communities.
      const members = new Map((await stored.memberships(run.id)).map((row) => [row.key, row.community]));
      const communityIds = [...new Set(members.values())];
      const ranking = {
        nodes: own.nodes,
        community: Int32Array.from(own.nodes, (node) => communityIds.indexOf(members.get(node.key)!)),
        communityIds,
      };
      const expected = strongestInternalTies(own, ranking);
      const rows = (await stored.communitiesPage(run.id, { limit: 10_000, offset: 0 })).rows;
      expect(rows.length).toBe(communityIds.length);
      let compared = 0;
      for (const row of rows) {
        const theirs = JSON.parse(row.strongestTies) as StoredTie[];
        const mine = expected.get(row.id)?.strongest ?? [];
        expect(
          theirs.map((t) => [t.source, t.target, t.kinds]),
          row.id,
        ).toEqual(mine.map((t) => [t.source, t.target, t.kinds]));
        close(
          `${row.id} strength`,
          theirs.map((t) => t.strength),
          mine.map((t) => t.strength),
        );
        close(
          `${row.id} money`,
          theirs.map((t) => t.money),
          mine.map((t) => t.money),
        );
        compared += theirs.length;
      }
      expect(compared).toBeGreaterThan(50);
    } finally {
      await service.shutdown();
    }
  });
});
