import Draft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildApp } from '../src/app.js';
import { asAdmin, testConfig } from './support/app.js';
import { type Document, eachOperation, exampleOf, type MediaType } from './support/openapi.js';

/**
 * The examples Swagger UI shows and client authors copy: every request body and every 2xx
 * answer of every operation has one of its own (Swagger UI would otherwise make one up from
 * the schema: `additionalProp1` for a record, 9007199254740991 for an unbounded integer), and
 * each is valid against its schema as Ajv, a JSON-schema validator nobody here wrote, reads it.
 */
/** Examples are data, not schema: Ajv's draft 4 would read an example's `id` as a schema id. */
const withoutExamples = (key: string, value: unknown): unknown => (key === 'example' ? undefined : value);

describe('OpenAPI examples', () => {
  let app: FastifyInstance;
  let doc: Document;

  beforeAll(async () => {
    app = asAdmin(await buildApp(testConfig()));
    await app.ready();
    doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
  });
  afterAll(() => app.close());

  /** Ajv for OpenAPI 3.0 schemas: draft 4 (boolean exclusiveMinimum), `nullable`, formats checked, OpenAPI's own keywords let through. */
  function openapiValidator(): InstanceType<typeof Draft04.default> {
    const ajv = new Draft04.default({ strict: false, allErrors: true });
    addFormats.default(ajv as never);
    return ajv;
  }

  /** Every body and 2xx answer of every operation, as `METHOD /path <what> <media type>`. */
  function media(): { where: string; media: MediaType }[] {
    return eachOperation(doc).flatMap(({ where, operation }) => [
      ...Object.entries(operation.requestBody?.content ?? {}).map(([type, m]) => ({ where: `${where} request body ${type}`, media: m })),
      ...Object.entries(operation.responses)
        .filter(([status]) => /^2/.test(status))
        .flatMap(([status, response]) => Object.entries(response.content ?? {}).map(([type, m]) => ({ where: `${where} ${status} ${type}`, media: m }))),
    ]);
  }

  it('gives every request body and every 2xx answer an example (binary files excepted)', () => {
    const missing = media()
      .filter(({ media: m }) => exampleOf(doc, m) === undefined && (m.schema as { format?: string } | undefined)?.format !== 'binary')
      .map(({ where }) => `${where}: no example (give its zod schema .meta({ example }), or its entry in plugins/openapi-operations.ts one)`);
    expect(missing).toEqual([]);
    // Not vacuous: the operations the issue names are among those checked.
    const checked = media().map(({ where }) => where);
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /v1/entities (searchEntities) 200 application/json',
        'POST /v1/ingest/csv/{kind} (ingestCsv) request body text/csv',
        'POST /v1/disruption/plan (planDisruption) request body application/json',
      ]),
    );
  });

  it('has examples that are valid against their own schemas (Ajv, formats checked)', () => {
    const ajv = openapiValidator();
    // The document's schemas, reachable from each checked schema by its own #/components/schemas/… reference.
    const rebased = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"openapi.json#/components/schemas/'), withoutExamples) as object;
    ajv.addSchema(rebased({ components: doc.components }), 'openapi.json');
    const invalid: string[] = [];
    let validated = 0;
    for (const { where, media: m } of media()) {
      const example = exampleOf(doc, m);
      if (example === undefined || !m.schema) continue;
      const validate = ajv.compile(rebased(m.schema));
      validated++;
      if (!validate(example)) invalid.push(`${where}: example invalid: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
    }
    expect(invalid).toEqual([]);
    expect(validated).toBeGreaterThanOrEqual(35);
  });

  it('the validator is not blind: a wrong example of a named schema fails', () => {
    const ajv = openapiValidator();
    const rebased = JSON.parse(
      JSON.stringify({ components: doc.components }).replaceAll('"#/components/schemas/', '"openapi.json#/components/schemas/'),
      withoutExamples,
    ) as object;
    ajv.addSchema(rebased, 'openapi.json');
    const validate = ajv.compile({ $ref: 'openapi.json#/components/schemas/SearchResult' });
    const hit = { type: 'person', id: 'P-001', label: 'Rekan Aziz', name: 'Rekan Aziz', kind: null, identifiers: [], investigations: ['OP-TIDE'], latestRank: null, score: 3.2 };
    expect(validate({ total: 1, limit: 20, offset: 0, items: [{ ...hit, unresolved: false }] })).toBe(true);
    expect(validate({ total: 1, limit: 20, offset: 0, items: [{ ...hit, unresolved: 'no' }] })).toBe(false);
    expect(ajv.errorsText(validate.errors)).toContain('/items/0/unresolved must be boolean');
  });

  it('has no made-up values in any example anywhere in the document (additionalProp…, 9007199254740991)', () => {
    const found: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}/${i}`));
      if (value === null || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (key === 'example' || key === 'examples') {
          const text = JSON.stringify(child);
          for (const bad of ['additionalProp', '9007199254740991']) if (text.includes(bad)) found.push(`${path}/${key}: contains ${bad}`);
        }
        walk(child, `${path}/${key}`);
      }
    };
    walk(doc, '#');
    expect(found).toEqual([]);
  });
});
