import type { FastifyBaseLogger } from 'fastify';
import type { Driver } from 'neo4j-driver';

import { openGdsServer } from '../analysis/gds/gds-server.js';
import type { Config } from '../config.js';
import type { Queries } from '../neo4j/queries.js';
import { createAnalyticsRepository } from '../repositories/analytics-repository.js';
import { createRunRepository } from '../repositories/run-repository.js';
import { createRunResultsRepository } from '../repositories/run-results-repository.js';
import { createWorkerPool } from '../workers/pool.js';
import { ResultCache } from './result-cache.js';
import { createRunResults } from './results.js';
import { createRunService, type RunServiceOptions } from './run-service.js';
import { runAnalyser } from './storing-session.js';

/**
 * What analyses need, made one way for the HTTP service (app.ts) and the batch CLI's direct mode
 * (cli/direct.ts): the worker threads, the GDS engine's server, the repositories, the run
 * service and its results. The run service is not started here: each caller starts it when its
 * database is there. `close()` releases the worker threads and the GDS server's connection,
 * after the caller has shut the run service down.
 */
export function createRunStack(
  config: Pick<Config, 'neo4j' | 'analytics' | 'runs'>,
  db: { driver: Driver; database: string; queries: Queries },
  log: FastifyBaseLogger,
  options: Pick<RunServiceOptions, 'writeBack' | 'instance' | 'claim'> & { cacheEntries?: number },
) {
  const { driver, database, queries } = db;
  const pool = createWorkerPool(config.analytics.threads, { pathHelpers: config.analytics.pathHelpers });
  const gdsServer = openGdsServer(config, driver, queries, { warn: (m) => log.warn(m), error: (m) => log.error(m) });
  const gds = gdsServer.engine;
  const analytics = createAnalyticsRepository(driver, database, queries, { partitions: config.analytics.readPartitions });
  const runRepository = createRunRepository(driver, database, queries);
  const stored = createRunResultsRepository(driver, database, queries);
  const runs = createRunService(
    { runs: runRepository, stored, analytics, gds, analyser: runAnalyser(pool), maxTies: config.runs.maxTies, batchSize: config.runs.batchSize, log },
    { concurrency: config.runs.concurrency, heartbeatMs: config.runs.heartbeatMs, maxAttempts: config.runs.maxAttempts, ...options },
  );
  const results = createRunResults({ runs: runRepository, stored, service: runs, cache: new ResultCache(options.cacheEntries ?? 0) });
  return {
    pool,
    gdsServer,
    gds,
    analytics,
    runRepository,
    stored,
    runs,
    results,
    async close() {
      try {
        await pool.close();
      } finally {
        await gdsServer.close();
      }
    },
  };
}

export type RunStack = ReturnType<typeof createRunStack>;
