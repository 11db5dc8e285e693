import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildTestApp } from '../support/app.js';

describe('health and system routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('/healthz says the process is alive', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
  });

  it('/readyz says ready once Neo4j answers and the schema is applied', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: { status: 'ready', since: expect.any(String) } });
  });

  it('/v1/system names the Neo4j server and the applied migrations', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.service).toEqual({ name: 'smuggling-network-analytics', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(body.database).toMatchObject({ name: 'neo4j', version: expect.stringMatching(/^5\.26\./), embedded: false });
    expect(typeof body.database.nodes).toBe('number');
    expect(body.schema.migrations.map((m: { id: string }) => m.id)).toContain('001-schema-migrations');
  });
});
