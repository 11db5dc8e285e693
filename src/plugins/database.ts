import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Driver } from 'neo4j-driver';

import type { Config } from '../config.js';
import { DatabaseUnavailableError } from '../errors.js';
import { createCallGuard } from '../neo4j/call-guard.js';
import { createDriver, redactUri } from '../neo4j/driver.js';
import { DatabaseHealth } from '../neo4j/health.js';
import { applyMigrations } from '../neo4j/migrations.js';
import type { Queries } from '../neo4j/queries.js';

export interface Neo4jHandle {
  driver: Driver;
  database: string;
  /** URI without credentials. */
  uri: string;
  embedded: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    neo4j: Neo4jHandle;
    dbHealth: DatabaseHealth;
  }
}

export interface DatabasePluginOptions {
  settings: Config['neo4j'];
  uri: string;
  embedded: boolean;
  queries: Queries;
  /** A driver owned by the caller (tests share one); otherwise the plugin creates and closes its own. */
  driver?: Driver;
}

/**
 * The process's one Neo4j driver and the health monitor that gates every database route.
 * The monitor starts when the app is ready and applies schema migrations whenever the
 * database (re)appears; the app never waits for Neo4j to start serving /healthz and /readyz.
 * The app's driver is guarded: while the monitor's pings go unanswered, its calls fail with a
 * 503 rather than wait (neo4j/call-guard.ts). The monitor pings through a driver of its own.
 */
export const databasePlugin = fp(async (app: FastifyInstance, options: DatabasePluginOptions) => {
  const { settings, uri, queries } = options;
  const guard = createCallGuard();
  const own = options.driver ?? createDriver(settings, uri, app.log);
  const driver = guard.wrap(own);
  const probe = createDriver({ ...settings, poolSize: 1, acquireTimeoutMs: settings.pingTimeoutMs }, uri);
  const health = new DatabaseHealth({
    driver: probe,
    database: settings.database,
    ping: queries['system/ping']!,
    intervalMs: settings.healthIntervalMs,
    pingTimeoutMs: settings.pingTimeoutMs,
    pings: guard,
    prepare: async () => {
      const { applied } = await applyMigrations(driver, settings.database, queries);
      if (applied.length > 0) app.log.info({ applied }, 'schema migrations applied');
    },
    onChange: (state) => (state.status === 'ready' ? app.log.info({ uri: redactUri(uri) }, 'database ready') : app.log.warn({ reason: state.reason }, `database ${state.status}`)),
  });

  app.decorate('neo4j', { driver, database: settings.database, uri: redactUri(uri), embedded: options.embedded });
  app.decorate('dbHealth', health);
  app.addHook('onReady', async () => health.start());
  app.addHook('onClose', async () => {
    await health.stop();
    await probe.close();
    if (!options.driver) await own.close();
  });
});

/** onRequest hook for routes that need Neo4j: answer 503 at once while it is down. */
export const requireDatabase: onRequestHookHandler = async function (this: FastifyInstance) {
  if (!this.dbHealth.ready) throw new DatabaseUnavailableError(this.dbHealth.state.reason ?? this.dbHealth.state.status);
};
