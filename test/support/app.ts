import type { FastifyInstance } from 'fastify';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, inject } from 'vitest';

import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { testAuditEnv } from './audit-env.js';

/** The admin key every test app is given (ADMIN_API_KEY) and sends unless a test says otherwise. */
export const TEST_ADMIN_KEY = 'sna_test-admin-key-0123456789abcdefghijklmnopqrstuv';

/** Config for tests: the run's Neo4j (see global-setup.ts), silent logs, env overrides on top. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: process.env.NEO4J_USER,
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD,
    LOG_LEVEL: 'silent',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    // Tests send many requests from one key (and many refused ones from one address) in a few seconds.
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_ANON_MAX: '100000',
    // The run's one Neo4j serves two test files at once on two cores: a ping slow there is load,
    // not a hung database (test/resilience/ keeps the default and hangs its own databases).
    NEO4J_PING_TIMEOUT_MS: '10000',
    ...testAuditEnv(),
    ...env,
  });
}

/**
 * `app.inject` sending the test admin key unless the request names its own Authorization
 * (an empty one sends none): the tests of every other concern run as an admin.
 */
export function asAdmin(app: FastifyInstance): FastifyInstance {
  const inject = app.inject.bind(app) as (options: object) => ReturnType<FastifyInstance['inject']>;
  const withKey = (options: { headers?: Record<string, unknown> }) => {
    const headers: Record<string, unknown> = { ...(options.headers ?? {}) };
    if (!('authorization' in headers)) headers.authorization = `Bearer ${TEST_ADMIN_KEY}`;
    else if (headers.authorization === '') delete headers.authorization;
    return inject({ ...options, headers });
  };
  app.inject = withKey as unknown as FastifyInstance['inject'];
  return app;
}

/** The app as the server builds it, ready, with the database checked and the schema applied. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = asAdmin(await buildApp(testConfig(env)));
  await app.ready();
  await untilDatabaseReady(app);
  return app;
}

/** Checks until the app's database is ready (a first ping to a database just started may miss its deadline). */
export async function untilDatabaseReady(app: FastifyInstance): Promise<void> {
  for (let attempt = 0; attempt < 30 && !app.dbHealth.ready; attempt++) {
    await app.dbHealth.check();
    if (!app.dbHealth.ready) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!app.dbHealth.ready) throw new Error(`test app: database not ready: ${app.dbHealth.state.reason}`);
}

/** A driver to the run's Neo4j for tests that talk to the database directly. */
export function testDriver(): Driver {
  const user = process.env.NEO4J_USER;
  const auth = user ? neo4j.auth.basic(user, process.env.NEO4J_PASSWORD ?? '') : undefined;
  return neo4j.driver(inject('neo4jUri'), auth);
}

/**
 * A ready test app and a driver for one describe block, closed after it. The caller keeps its
 * own variables: `useTestApp(env, (a, d) => { app = a; driver = d; })`.
 */
export function useTestApp(env: Record<string, string>, set: (app: FastifyInstance, driver: Driver) => void): void {
  let app: FastifyInstance | undefined;
  let driver: Driver | undefined;
  beforeAll(async () => {
    app = await buildTestApp(env);
    driver = testDriver();
    set(app, driver);
  });
  afterAll(async () => {
    await app?.close();
    await driver?.close();
  });
}
