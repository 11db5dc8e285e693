import { randomUUID } from 'node:crypto';

import type { FastifyBaseLogger } from 'fastify';
import type { Driver } from 'neo4j-driver';

import { loadAuditKey } from '../audit/audit-key.js';
import { createAuditLog } from '../audit/audit-log.js';
import type { Config } from '../config.js';
import { ConflictError, RequestRejectedError } from '../errors.js';
import { createDriver, isUnavailableError, redactUri } from '../neo4j/driver.js';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../neo4j/embedded.js';
import { Neo4jSetupError } from '../neo4j/jars.js';
import { applyMigrations } from '../neo4j/migrations.js';
import { loadQueries } from '../neo4j/queries.js';
import { ANALYTICS_QUERIES } from '../repositories/analytics-repository.js';
import { AUDIT_QUERIES, createAuditRepository } from '../repositories/audit-repository.js';
import { GDS_QUERIES } from '../repositories/gds-repository.js';
import { RUN_QUERIES } from '../repositories/run-repository.js';
import { RUN_RESULT_QUERIES } from '../repositories/run-results-repository.js';
import { SYSTEM_QUERIES } from '../repositories/system-repository.js';
import { createRunStack } from '../runs/run-stack.js';
import { RankingPageSchema } from '../schemas/runs.js';
import { RefusedError, UnreachableError } from './rank-errors.js';
import type { RankBackend } from './rank-jobs.js';

/**
 * Direct mode: the run service in this process, on Neo4j. Runs are stored, reused and read back
 * exactly as the service does it, so the API shows them in its history. The service is started
 * without claiming (a CLI must never take over another instance's runs) but heartbeats, so no
 * instance takes over the CLI's while it works on them.
 */

const REQUIRED_QUERIES = [...SYSTEM_QUERIES, ...ANALYTICS_QUERIES, ...GDS_QUERIES, ...RUN_QUERIES, ...RUN_RESULT_QUERIES, ...AUDIT_QUERIES, 'cli/investigations'];

export interface DirectOptions {
  log: FastifyBaseLogger;
  /** Tells the person at the terminal what takes long (starting the embedded database). */
  notice: (line: string) => void;
}

interface Connection {
  driver: Driver;
  embedded?: EmbeddedNeo4j;
}

async function reachable(config: Config, uri: string, log: FastifyBaseLogger): Promise<Driver> {
  const driver = createDriver(config.neo4j, uri, { warn: (m) => log.warn(m), error: (m) => log.error(m) });
  try {
    await driver.verifyConnectivity({ database: config.neo4j.database });
    return driver;
  } catch (error) {
    await driver.close();
    throw error;
  }
}

/** NEO4J_URI when set; else a running service's embedded database; else the embedded database started here. */
async function connect(config: Config, options: DirectOptions): Promise<Connection> {
  const given = config.neo4j.uri;
  const uri = given ?? `bolt://127.0.0.1:${config.embedded.boltPort}`;
  try {
    return { driver: await reachable(config, uri, options.log) };
  } catch (error) {
    if (given || !isUnavailableError(error)) throw new UnreachableError(`cannot reach Neo4j at ${redactUri(uri)}: ${(error as Error).message}`);
  }
  options.notice(`no Neo4j answers at ${uri}: starting the embedded database in ${config.embedded.home} (about 15 s); it stops when the ranking is done`);
  let embedded: EmbeddedNeo4j;
  try {
    embedded = await startEmbeddedNeo4j(config.embedded, { log: (line) => options.log.debug({ neo4j: line }) });
  } catch (error) {
    if (error instanceof Neo4jSetupError) throw new UnreachableError(error.message);
    throw error;
  }
  try {
    return { driver: await reachable(config, embedded.uri, options.log), embedded };
  } catch (error) {
    await embedded.stop();
    throw new UnreachableError(`cannot reach the embedded Neo4j it started at ${embedded.uri}: ${(error as Error).message}`);
  }
}

export async function openDirect(config: Config, options: DirectOptions): Promise<RankBackend> {
  const queries = await loadQueries(REQUIRED_QUERIES);
  const { driver, embedded } = await connect(config, options);
  const database = config.neo4j.database;
  const closeConnection = async () => {
    await driver.close();
    await embedded?.stop();
  };
  const instance = `cli-${randomUUID()}`;
  try {
    const { applied } = await applyMigrations(driver, database, queries);
    if (applied.length > 0) options.log.info({ applied }, 'schema migrations applied');
  } catch (error) {
    await closeConnection();
    throw isUnavailableError(error) ? new UnreachableError(`Neo4j went away: ${(error as Error).message}`) : error;
  }

  const stack = createRunStack(config, { driver, database, queries }, options.log, { writeBack: false, instance, claim: false });
  const { runs: service, results } = stack;
  service.start();
  // Direct mode reads with the database's own credentials, past the API's access control: what
  // it discloses still goes into the audit trail, under the operator's name.
  const audit = createAuditLog(createAuditRepository(driver, database, queries), { key: await loadAuditKey(config.audit, options.log) });
  let operator = 'cli';

  return {
    where: 'in the database',
    async investigations() {
      const { records } = await driver.executeQuery(queries['cli/investigations']!, {}, { database, routing: 'READ' });
      return records.map((record) => record.get('id') as string);
    },
    async submit(request, requestedBy) {
      operator = requestedBy;
      try {
        return await service.submit(request, requestedBy);
      } catch (error) {
        // Refused as the API would refuse it (exit 4), with the reasons.
        if (error instanceof RequestRejectedError) throw new RefusedError(`refused: ${error.details.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
        throw error;
      }
    },
    wait: (id, ms) => service.wait(id, ms),
    async cancel(id) {
      try {
        await service.cancel(id);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    },
    // Through the response schema, so the items are what GET /v1/analyses/{id}/rankings sends.
    async rankings(id, top) {
      const page = RankingPageSchema.parse(await results.rankings(id, { limit: top, offset: 0 }, null));
      await audit.append({
        at: new Date().toISOString(),
        requestId: randomUUID(),
        principal: operator,
        principalName: operator,
        role: 'operator (direct database access)',
        method: 'CLI',
        route: 'npm run rank',
        parameters: JSON.stringify({ runId: id, top }),
        justification: null,
        investigations: (page.run.scope.investigations as string[] | undefined) ?? ['*'],
        entities: [],
        status: 200,
        resultBytes: Buffer.byteLength(JSON.stringify(page.items)),
        changes: null,
      });
      return page;
    },
    async close() {
      try {
        await service.shutdown();
      } finally {
        try {
          await stack.close();
        } finally {
          await closeConnection();
        }
      }
    },
  };
}
