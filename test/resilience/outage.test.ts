import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { asAdmin, TEST_ADMIN_KEY } from '../support/app.js';
import { testAuditEnv } from '../support/audit-env.js';
import { type PrivateDatabase, usePrivateDatabaseApp } from '../support/embedded.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/wait.js';

describe('when Neo4j goes away and comes back', () => {
  let app: FastifyInstance;
  let database: PrivateDatabase;
  usePrivateDatabaseApp('outage', { NEO4J_HEALTH_INTERVAL_MS: '200' }, (a, db) => {
    app = a;
    database = db;
  });

  it('answers 503 with Retry-After while it is down and recovers by itself', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/system' })).statusCode).toBe(200);

    await database.stop();
    const down = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', message: expect.stringMatching(/unavailable/) });

    await waitFor(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 503, 10_000);
    const readyz = await app.inject({ method: 'GET', url: '/readyz' });
    expect(readyz.json()).toMatchObject({ status: 'not_ready', database: { status: 'unavailable', reason: expect.any(String) } });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const stillDown = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(stillDown.statusCode).toBe(503);
    expect(stillDown.json().error.message).toMatch(/Neo4j is not reachable/);

    await database.start();
    await waitFor(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, 30_000);
    const back = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(back.statusCode).toBe(200);
    // Starts a JVM in the test itself: on two cores shared with the rest of the suite that alone
    // has taken over a minute, and the default 120 s was not always enough.
  }, 240_000);
});

describe('when Neo4j is unreachable from the start', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const port = await freePort();
    app = asAdmin(
      await buildApp(
        loadConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_CONNECT_TIMEOUT_MS: '1000', LOG_LEVEL: 'silent', ADMIN_API_KEY: TEST_ADMIN_KEY, ...testAuditEnv() }),
      ),
    );
    await app.ready();
    await app.dbHealth.check();
  });
  afterAll(() => app.close());

  it('still serves health, docs and a clear 503', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    const readyz = await app.inject({ method: 'GET', url: '/readyz' });
    expect(readyz.statusCode).toBe(503);
    expect(readyz.json().database).toMatchObject({ status: 'starting', reason: expect.stringMatching(/Neo4j is not reachable/) });
    const system = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(system.statusCode).toBe(503);
    expect(system.headers['retry-after']).toBe('5');
  });
});
