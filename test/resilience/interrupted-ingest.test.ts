import type { FastifyInstance } from 'fastify';
import neo4j, { type Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { cutLoadDocument, expectCleanLoad } from '../support/cut-load.js';
import { type PrivateDatabase, usePrivateDatabaseApp } from '../support/embedded.js';
import { one } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

const PEOPLE = 6000;

const load = () => cutLoadDocument('OP-CUT', PEOPLE);

describe('a load interrupted by the database process being killed', () => {
  let app: FastifyInstance;
  let database: PrivateDatabase;
  usePrivateDatabaseApp('cut', { NEO4J_HEALTH_INTERVAL_MS: '200', NEO4J_MAX_RETRY_MS: '1000', INGEST_BATCH_SIZE: '50' }, (a, db) => {
    app = a;
    database = db;
  });

  it('says which batches committed, and re-sending it leaves no duplicates and nothing missing', async () => {
    const watcher: Driver = neo4j.driver(database.uri);
    const pending = app.inject({ method: 'POST', url: '/v1/ingest', payload: load() });
    await waitFor(async () => (await one<{ n: number }>(watcher, 'MATCH (p:Person) RETURN count(p) AS n')).n > 0, 30_000, 50);
    await watcher.close();
    // Killed, not stopped: no checkpoint, no goodbye to the driver; the next start recovers.
    await database.kill();

    const cut = await pending;
    expect(cut.statusCode).toBe(503);
    const body = cut.json();
    expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.error.message).toMatch(/batches were committed before the load stopped .*; re-sending the whole load is safe/);
    expect(body.report.status).toBe('interrupted');
    // The batches the report lists are confirmed; one in flight when the connection broke may
    // have committed without confirmation, so what is stored is at least what the report says.
    const confirmed = (body.report.batches as { rows: number }[]).reduce((n, b) => n + b.rows, 0);
    expect(body.report.batches.length).toBeLessThan((2 * PEOPLE) / 50);

    await database.start();
    const stored = neo4j.driver(database.uri);
    const before = await one<{ n: number }>(stored, 'MATCH (p:Person) RETURN count(p) AS n');
    await stored.close();
    expect(before.n).toBeGreaterThanOrEqual(confirmed);
    expect(before.n).toBeGreaterThan(0);
    expect(before.n).toBeLessThan(PEOPLE);

    await waitFor(async () => (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, 30_000);
    const again = await app.inject({ method: 'POST', url: '/v1/ingest', payload: load() });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'completed', accepted: 2 * PEOPLE, placeholders: { count: 0 } });

    // What a clean load of the document leaves: every person and link once, no placeholder left open.
    await expectCleanLoad(database.uri, PEOPLE);
    // Starts a JVM in the test itself: on two cores shared with the rest of the suite that alone
    // has taken over a minute, and the default 120 s was not always enough.
  }, 240_000);
});
