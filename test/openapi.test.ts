import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../src/app.js';
import { asAdmin, testConfig } from './support/app.js';

describe('OpenAPI document', () => {
  let app: FastifyInstance;
  let doc: {
    openapi: string;
    tags: { name: string; description: string }[];
    paths: Record<
      string,
      Record<
        string,
        {
          responses: Record<string, { content?: Record<string, { example?: { error: { code: string } } }> }>;
          tags?: string[];
          operationId?: string;
          description?: string;
          summary?: string;
          security?: Record<string, string[]>[];
        }
      >
    >;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  };

  beforeAll(async () => {
    app = asAdmin(await buildApp(testConfig()));
    await app.ready();
    doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
  });
  afterAll(() => app.close());

  it('validates as OpenAPI 3 with a reader nobody here wrote (swagger-parser), and documents the audit verification it answers', async () => {
    const api = (await SwaggerParser.validate(structuredClone(doc) as never)) as unknown as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> } }>;
    };
    const verification = api.paths['/v1/audit/verify']!.get.responses['200']!.content['application/json']!.schema;
    expect(Object.keys(verification.properties).sort()).toEqual(['checked', 'checkpoints', 'firstBroken', 'ok']);
  });

  it('passes Redocly’s recommended lint with no errors and no warnings but those redocly.yaml gives reasons for', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sna-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      const run = await promisify(execFile)('node_modules/.bin/redocly', ['lint', '--config', 'redocly.yaml', '--format=json', file]).catch((error: { stdout: string }) => error);
      const problems = (JSON.parse(run.stdout) as { problems: { ruleId: string; severity: string; message: string }[] }).problems;
      expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message}`)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is OpenAPI 3 with every route, versioned under /v1', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toMatchInlineSnapshot(`
      [
        "/healthz",
        "/readyz",
        "/v1/analyses",
        "/v1/analyses/links/suggest",
        "/v1/analyses/preview",
        "/v1/analyses/{id}",
        "/v1/analyses/{id}/communities",
        "/v1/analyses/{id}/communities/{communityId}",
        "/v1/analyses/{id}/compare/{otherId}",
        "/v1/analyses/{id}/context",
        "/v1/analyses/{id}/entities/{type}/{entityId}",
        "/v1/analyses/{id}/export",
        "/v1/analyses/{id}/rankings",
        "/v1/audit",
        "/v1/audit/verify",
        "/v1/disruption/plan",
        "/v1/disruption/what-if",
        "/v1/entities",
        "/v1/entities/{type}/{id}",
        "/v1/entities/{type}/{id}/network",
        "/v1/ingest",
        "/v1/ingest/csv/links",
        "/v1/ingest/csv/{kind}",
        "/v1/ingest/ndjson",
        "/v1/investigations",
        "/v1/keys",
        "/v1/keys/{id}",
        "/v1/money/flows",
        "/v1/money/trace",
        "/v1/paths",
        "/v1/rankings/latest",
        "/v1/resolution/candidates",
        "/v1/resolution/decisions",
        "/v1/resolution/decisions/{id}",
        "/v1/system",
      ]
    `);
  });

  it('names the shared schemas and uses them by reference', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['ErrorResponse', 'SystemInfo', 'Readiness', 'AnalysisRequestInput', 'AnalysisPreview', 'RankedNode']),
    );
    expect(JSON.stringify(doc.paths['/v1/system']!.get!.responses['503'])).toContain('#/components/schemas/ErrorResponse');
  });

  it('documents 503 on every route that needs the database', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const operation of Object.values(operations)) expect(Object.keys(operation.responses)).toContain('503');
    }
  });

  it('names, describes, tags and secures every operation, and documents its errors with examples of their own codes', () => {
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer', description: expect.any(String) } });
    const declaredTags = doc.tags.map((t) => t.name);
    const ids: string[] = [];
    const codes: Record<string, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 429: 'RATE_LIMITED', 500: 'INTERNAL', 503: 'DATABASE_UNAVAILABLE' };
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(operation.operationId!);
        expect(operation.summary, where).toBeTruthy();
        expect(operation.description, where).toBeTruthy();
        for (const tag of operation.tags ?? []) expect(declaredTags, where).toContain(tag);
        if (!path.startsWith('/v1/')) {
          expect(operation.security, where).toEqual([]);
          continue;
        }
        expect(operation.security, where).toEqual([{ bearerAuth: [] }]);
        for (const [status, code] of Object.entries(codes))
          expect(operation.responses[status]?.content?.['application/json']?.example?.error.code, `${where} ${status}`).toBe(code);
        // Every documented error example carries a code of its own status, never another's.
        for (const [status, response] of Object.entries(operation.responses)) {
          const example = response.content?.['application/json']?.example;
          if (Number(status) >= 400 && example && status !== '400') expect(example.error.code, `${where} ${status}`).not.toBe('VALIDATION_FAILED');
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves Swagger UI at /docs', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger-ui');
  });
});
