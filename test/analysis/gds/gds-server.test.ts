import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { useTestApp } from '../../support/app.js';
import { uniqueTag } from '../../support/graph.js';
import { taggedNetwork } from '../../support/network.js';

/**
 * A dedicated GDS server (NEO4J_GDS_URI), on the one Neo4j this machine runs: reached through a
 * URI of its own (neo4j://localhost, a routing driver of its own, the service driver's bookmarks),
 * and a GDS server that does not answer, which must not take the service's own database with it.
 */

async function loadNetwork(app: FastifyInstance): Promise<string[]> {
  const { document } = taggedNetwork(150, 5, uniqueTag());
  const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
  expect(loaded.statusCode, loaded.body).toBe(200);
  return document.investigations.map((i) => i.id);
}

const previewOf = (app: FastifyInstance, investigations: string[], engine: string) =>
  app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope: { investigations }, parameters: { engine } } });

describe('a dedicated GDS server', () => {
  let app: FastifyInstance;
  let investigations: string[];
  const gdsUri = inject('neo4jUri').replace(/^bolt:\/\/127\.0\.0\.1/, 'neo4j://localhost');
  useTestApp({ NEO4J_GDS_URI: gdsUri }, (a) => (app = a));

  beforeAll(async () => {
    investigations = await loadNetwork(app);
  });

  it('runs the GDS engine there, on what the service has just written', async () => {
    expect(gdsUri).toMatch(/^neo4j:\/\/localhost:\d+$/);
    const [gds, own] = await Promise.all([previewOf(app, investigations, 'gds'), previewOf(app, investigations, 'graphology')]);
    expect(gds.statusCode, gds.body).toBe(200);
    expect(gds.json().engine).toEqual({ requested: 'gds', used: 'gds', reason: 'asked for' });
    expect(gds.json().timings).toHaveProperty('gdsPagerank');
    expect(gds.json().graph).toEqual(own.json().graph);
  });

  it('is shown by GET /v1/system with its plugins', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().gdsServer).toEqual({ uri: gdsUri, reachable: true, plugins: { gds: expect.stringMatching(/^2\.13\./), apoc: expect.any(String) } });
  });
});

describe('a dedicated GDS server that does not answer', () => {
  let app: FastifyInstance;
  let investigations: string[];
  // Port 1: nothing listens there, the connection is refused at once.
  const gdsUri = 'bolt://127.0.0.1:1';
  useTestApp({ NEO4J_GDS_URI: gdsUri }, (a) => (app = a));

  beforeAll(async () => {
    investigations = await loadNetwork(app);
  });

  it('answers 503 GDS_SERVER_UNAVAILABLE with Retry-After to a request for gds, and the database stays ready', async () => {
    const response = await previewOf(app, investigations, 'gds');
    expect(response.statusCode, response.body).toBe(503);
    expect(response.json().error).toMatchObject({ code: 'GDS_SERVER_UNAVAILABLE', message: expect.stringMatching(/^the GDS server \(NEO4J_GDS_URI\) cannot be reached: /) });
    expect(response.headers['retry-after']).toBe('5');
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('lets auto run the service’s own engine, saying why', async () => {
    const response = await previewOf(app, investigations, 'auto');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().engine).toEqual({ requested: 'auto', used: 'graphology', reason: 'the GDS server (NEO4J_GDS_URI) cannot be reached' });
  });

  it('fails a run that asks for gds with the same code, and the run says so', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/analyses?wait=true', payload: { scope: { investigations }, parameters: { engine: 'gds' } } });
    expect(response.json()).toMatchObject({ status: 'failed', error: { code: 'GDS_SERVER_UNAVAILABLE', message: expect.stringContaining('cannot be reached') } });
  });

  it('is shown by GET /v1/system as unreachable', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/system' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().gdsServer).toEqual({ uri: gdsUri, reachable: false, plugins: null });
  });
});
