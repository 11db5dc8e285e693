import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { buildApp } from '../../src/app.js';
import { fieldPath } from '../../src/plugins/errors.js';
import { asAdmin, testConfig } from '../support/app.js';

describe('fieldPath', () => {
  it('joins the context and a JSON pointer into a readable path', () => {
    expect(fieldPath('body', '/people/0/id')).toBe('body.people[0].id');
    expect(fieldPath('querystring', '/')).toBe('querystring');
  });
});

describe('one error shape for every error', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = asAdmin(await buildApp(testConfig()));
    // Probe routes that fail in each of the ways the handler must cover.
    const probe = app.withTypeProvider<ZodTypeProvider>();
    probe.post(
      '/probe/validate',
      {
        schema: {
          body: z.object({ people: z.array(z.object({ id: z.string().min(1), age: z.number().int() })) }),
          querystring: z.object({ limit: z.coerce.number().int().max(100).optional() }),
        },
      },
      async (request) => ({ count: request.body.people.length }),
    );
    probe.get('/probe/crash', async () => {
      throw new Error('secret internal detail at /srv/app.ts:12');
    });
    probe.get('/probe/conflict', async () => {
      throw Object.assign(new Error('Node(1) already exists with label `Person` and property `id` = p1'), {
        code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
      });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers an unknown route with 404 in the error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route for GET /v1/nothing-here', requestId: expect.any(String) },
    });
  });

  it('answers URLs the router cannot take (bad escapes, over-long parameters) in the error shape', async () => {
    const bad = await app.inject({ method: 'GET', url: '/v1/entities/person/a%ED%A0%80' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringContaining('not valid'), requestId: expect.any(String) } });
    const long = await app.inject({ method: 'GET', url: `/v1/entities/person/${'x'.repeat(200)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json().error.code).toBe('URI_TOO_LONG');
  });

  it('refuses text with unpaired surrogates, naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validate',
      headers: { 'content-type': 'application/json' },
      payload: '{"people":[{"id":"a\\ud800","age":1}]}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'body.people[0].id', message: expect.stringContaining('unpaired UTF-16 surrogate') }]);
  });

  it('answers invalid input with 400 naming every field path and reason', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validate',
      payload: {
        people: [
          { id: 'p1', age: 30 },
          { id: '', age: 1.5 },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.people[1].age', 'body.people[1].id']);
    expect(error.details.every((d: { message: string }) => d.message.length > 0)).toBe(true);
  });

  it('names the query string when that is what is wrong', async () => {
    const response = await app.inject({ method: 'POST', url: '/probe/validate?limit=500', payload: { people: [] } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'querystring.limit', message: expect.stringMatching(/100/) }]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validate',
      headers: { 'content-type': 'application/json' },
      payload: '{"people": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'MALFORMED_BODY', message: expect.any(String) });
  });

  it('answers an unsupported media type with 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/probe/validate',
      headers: { 'content-type': 'application/xml' },
      payload: '<people/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('hides internals of an unexpected error', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/secret|srv|stack/);
    expect(response.json().error.code).toBe('INTERNAL');
  });

  it('maps a Neo4j constraint violation to 409', async () => {
    const response = await app.inject({ method: 'GET', url: '/probe/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CONFLICT');
  });

  it('echoes a caller-supplied request id and makes one otherwise', async () => {
    const given = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'case-42.a' } });
    expect(given.headers['x-request-id']).toBe('case-42.a');
    expect(given.json().error.requestId).toBe('case-42.a');
    const made = await app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
