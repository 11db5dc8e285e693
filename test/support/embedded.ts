import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';

import { buildApp } from '../../src/app.js';
import { type EmbeddedNeo4jConfig, loadConfig } from '../../src/config.js';
import { type EmbeddedNeo4j, startEmbeddedNeo4j } from '../../src/neo4j/embedded.js';
import { asAdmin, TEST_ADMIN_KEY, untilDatabaseReady } from './app.js';
import { testAuditEnv } from './audit-env.js';
import { freePort } from './ports.js';

/** Settings for an extra embedded Neo4j that a test starts and stops itself. */
export async function privateNeo4jConfig(name: string): Promise<EmbeddedNeo4jConfig> {
  return {
    home: await mkdtemp(join(tmpdir(), `sna-${name}-`)),
    boltPort: await freePort(),
    heap: '512m',
    pageCache: '64m',
    startTimeoutMs: 180_000,
    javaHome: process.env.JAVA_HOME,
  };
}

/** An app (as the test admin, silent logs) on the Neo4j at `uri`, ready. */
export async function appOn(uri: string, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = asAdmin(
    await buildApp(
      loadConfig({
        NEO4J_URI: uri,
        LOG_LEVEL: 'silent',
        ADMIN_API_KEY: TEST_ADMIN_KEY,
        RATE_LIMIT_MAX: '100000',
        RATE_LIMIT_ANON_MAX: '100000',
        ...testAuditEnv(),
        ...env,
      }),
    ),
  );
  await app.ready();
  await untilDatabaseReady(app);
  return app;
}

/** A private embedded Neo4j a test may stop and start again; its URI stays the same. */
export interface PrivateDatabase {
  readonly uri: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

/**
 * For one describe block: a private Neo4j and an app connected to it (env on top of the URI and
 * silent logs), ready, closed and deleted after the block. The caller keeps its own variables:
 * `usePrivateDatabaseApp('cut', env, (a, db) => { app = a; database = db; })`.
 */
export function usePrivateDatabaseApp(name: string, env: Record<string, string>, set: (app: FastifyInstance, database: PrivateDatabase) => void): void {
  let config: EmbeddedNeo4jConfig | undefined;
  let running: EmbeddedNeo4j | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    const settings = await privateNeo4jConfig(name);
    config = settings;
    running = await startEmbeddedNeo4j(settings);
    const database: PrivateDatabase = {
      uri: running.uri,
      stop: async () => running?.stop(),
      kill: async () => running?.kill(),
      start: async () => {
        running = await startEmbeddedNeo4j(settings);
      },
    };
    app = await appOn(running.uri, env);
    set(app, database);
  });
  afterAll(async () => {
    await app?.close();
    await running?.stop();
    if (config) await rm(config.home, { recursive: true, force: true });
  });
}
