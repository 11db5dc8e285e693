import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';

/**
 * A valid JSON body nested thousands deep overflowed the stack of the well-formed-text check and
 * of the audit trail's summary (a 500, found by the route fuzz): every JSON entry point now
 * refuses bodies nested deeper than 64 levels, with a 400 saying so.
 */
describe('deeply nested JSON', () => {
  let app: FastifyInstance;
  useTestApp({}, (a) => (app = a));
  const deep = '['.repeat(5_000) + ']'.repeat(5_000);

  it.each(['/readyz', '/v1/analyses/preview', '/v1/ingest', '/v1/keys'])('is refused with 400 at %s', async (url) => {
    const response = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: deep });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'MALFORMED_BODY', message: 'the JSON nests deeper than 64 levels' });
  });

  it('is refused in an NDJSON line, naming the line', async () => {
    const body = `${JSON.stringify({ kind: 'header', investigations: [{ id: 'OP-DEEP' }] })}\n{"kind":"person","record":${deep}}\n`;
    const response = await app.inject({ method: 'POST', url: '/v1/ingest/ndjson', headers: { 'content-type': 'application/x-ndjson' }, payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('line 2: the JSON nests deeper than 64 levels');
  });
});
