import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

import { SERVICE } from '../service.js';
import { OPERATIONS } from './openapi-operations.js';

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponse' };
const REQUEST_ID = '7b0c2a4e-3f7d-4b8e-9d57-2f0f5a7f3e11';

/** The errors every /v1 operation can answer, each with an example of its own code (a route's own entries win). */
const ERRORS: Record<number, { description: string; code: string; message: string; details?: { path: string; message: string }[]; when?: 'input' | 'path' | 'declared' }> = {
  400: {
    description: 'The request is not valid: every problem with its field path',
    code: 'VALIDATION_FAILED',
    message: 'request query is invalid',
    details: [{ path: 'query.limit', message: 'Too big: expected number to be <=200' }],
    when: 'input',
  },
  401: {
    description: 'No credential, or one that is unknown, revoked, expired or malformed (WWW-Authenticate: Bearer)',
    code: 'UNAUTHORIZED',
    message: 'unknown or revoked API key',
  },
  403: { description: 'The credential’s role does not allow this operation', code: 'FORBIDDEN', message: 'role viewer may not analyse' },
  404: {
    description: 'Nothing with this id that the caller may see (another investigation’s reads the same)',
    code: 'NOT_FOUND',
    message: 'no person with id P-0042',
    when: 'path',
  },
  409: { description: 'The request conflicts with the current state', code: 'CONFLICT', message: 'run 01JD8ZQ3 has ended: nothing to cancel', when: 'declared' },
  413: { description: 'The body is larger than the route takes', code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than the limit of 1048576 bytes', when: 'declared' },
  415: { description: 'The body is not of a type the route takes', code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send text/csv', when: 'declared' },
  429: {
    description: 'Too many requests from this principal, or too many refused credentials from this address; retry after Retry-After seconds',
    code: 'RATE_LIMITED',
    message: 'rate limit exceeded, retry in 12 seconds',
  },
  500: {
    description: 'Internal error; the body never contains internals: quote the request id',
    code: 'INTERNAL',
    message: 'internal error; quote the request id when reporting it',
  },
  503: {
    description: 'Neo4j is unreachable or not answering; retry after the Retry-After seconds',
    code: 'DATABASE_UNAVAILABLE',
    message: 'the database is unavailable: connection lost',
  },
};

type Json = Record<string, unknown>;

/**
 * The document as the zod registry makes it, tidied for readers: components no operation
 * reaches are left out (the registry holds every named schema twice, as input and output, and
 * a request's output form only ever describes what the service made of it), and a nullable
 * reference to an object is "that object, or null" (`nullable` beside an allOf lets no null through).
 */
function transformObject(input: Parameters<typeof jsonSchemaTransformObject>[0]): ReturnType<typeof jsonSchemaTransformObject> {
  const document = jsonSchemaTransformObject(input) as Json & { paths?: Json; components?: { schemas?: Record<string, Json> } };
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const node = value as Json;
    const ref = typeof node.$ref === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1] : undefined;
    if (ref && !reached.has(ref)) {
      reached.add(ref);
      walk(schemas[ref]);
    }
    if (node.nullable === true && node.type === undefined) {
      const only = [node.allOf, node.anyOf, node.oneOf].find((list) => Array.isArray(list) && list.length === 1) as Json[] | undefined;
      const target = typeof only?.[0]?.$ref === 'string' ? schemas[(only[0].$ref as string).split('/').pop()!] : undefined;
      // `nullable` does not reach into allOf (a null fails the reference, as Redocly and Ajv read
      // OpenAPI 3.0): say "the object or null" as two alternatives.
      if (target?.type === 'object') {
        for (const key of ['allOf', 'anyOf', 'oneOf', 'nullable']) delete node[key];
        node.anyOf = [only![0], { type: 'object', nullable: true, enum: [null] }];
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(document.paths);
  describeFiles(document.paths ?? {});
  if (document.components?.schemas) document.components.schemas = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return document as ReturnType<typeof jsonSchemaTransformObject>;
}

type Media = { schema?: Json; example?: unknown };
type Operation = { requestBody?: unknown; responses?: Record<string, { content?: Record<string, Media> }> };

/**
 * What zod cannot say: the bodies a route reads as a stream (NDJSON, CSV) and the files it
 * answers, with examples (plugins/openapi-operations.ts), and that a 204 has no body.
 */
function describeFiles(paths: Json): void {
  for (const [path, operations] of Object.entries(paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const entry = OPERATIONS[`${method.toUpperCase()} ${path}`];
      const body = entry?.streamedBody;
      if (body) {
        const media = { schema: { type: 'string', description: body.description }, example: body.example };
        operation.requestBody = { required: true, content: Object.fromEntries(body.contentTypes.map((type) => [type, media])) };
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (status === '204') delete response.content;
        for (const [type, file] of Object.entries(entry?.files ?? {})) {
          // fastify-swagger gives every content type of a response the same media object: each gets its own.
          const media = response.content?.[type];
          if (!media || !status.startsWith('2')) continue;
          response.content![type] =
            'binary' in file ? { ...media, schema: { ...media.schema, format: 'binary' } } : { ...media, schema: file.schema ?? media.schema, example: file.example };
        }
      }
    }
  }
}

type Schema = Record<string, unknown> & { response?: Record<string, unknown>; params?: unknown; querystring?: unknown; body?: unknown };

/**
 * The zod schemas as OpenAPI, and what a route does not declare itself: its operationId and
 * description (plugins/openapi-operations.ts), bearer authentication on every /v1 operation
 * (none on the probes), and the errors it can answer, with examples of their own codes.
 */
function transform(input: Parameters<typeof jsonSchemaTransform>[0]): ReturnType<typeof jsonSchemaTransform> {
  const out = jsonSchemaTransform(input);
  // Swagger UI's own routes and the explorer's files are not in the document.
  if ((input.schema as { hide?: boolean } | undefined)?.hide) return out;
  const method = [input.route.method].flat()[0]!.toUpperCase();
  const key = `${method} ${out.url.replace(/:(\w+)/g, '{$1}')}`;
  const operation = OPERATIONS[key];
  if (!operation) throw new Error(`openapi: ${key} has no entry in plugins/openapi-operations.ts (operationId, description)`);
  const schema = { ...(out.schema as Schema) };
  schema.operationId = operation.operationId;
  if (operation.description && !schema.description) schema.description = operation.description;
  if (!out.url.startsWith('/v1/')) return { ...out, schema: { ...schema, security: [] } };
  schema.security = [{ bearerAuth: [] }];
  const hasInput = Boolean(schema.params || schema.querystring || schema.body);
  const declared = (schema.response ?? {}) as Record<string, { description?: string; allOf?: unknown[] }>;
  const errors = Object.entries(ERRORS)
    .filter(([status, e]) => (e.when === 'input' ? hasInput : e.when === 'path' ? Boolean(schema.params) : e.when === 'declared' ? status in declared : true))
    // A route's own error with a shape other than ErrorResponse (an ingest report) stays as it is.
    .filter(([status]) => !(status in declared) || JSON.stringify(declared[status]).includes('#/components/schemas/ErrorResponse'))
    .map(([status, e]) => [
      status,
      {
        description: declared[status]?.description ?? e.description,
        content: {
          'application/json': {
            schema: ERROR_SCHEMA,
            example: { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}), requestId: REQUEST_ID } },
          },
        },
      },
    ]);
  schema.response = { ...declared, ...Object.fromEntries(errors) };
  return { ...out, schema };
}

/** OpenAPI 3 generated from the routes' zod schemas: JSON at /docs/json, Swagger UI at /docs. */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Smuggling network analytics',
        description:
          'Stores people-smuggling networks in Neo4j, finds communities and central actors, and ranks the ' +
          'highest-harm people for disruption with an explanation for every score. Errors always have the ' +
          'ErrorResponse shape.',
        version: SERVICE.version,
      },
      servers: [{ url: '/', description: 'This service' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (sna_…) or a JWT from the configured issuer' } } },
      tags: [
        { name: 'health', description: 'Liveness and readiness probes' },
        { name: 'system', description: 'Service and database information' },
        { name: 'ingest', description: 'Loading networks: JSON documents, NDJSON streams, CSV files' },
        { name: 'investigations', description: 'The investigations you may see, what each holds and how fresh its ranking is' },
        { name: 'entities', description: 'Reading back: one entity with provenance, search, neighbourhoods, erasure' },
        { name: 'money', description: 'Money: who paid whom (flows, top payers and payees, one entity’s money in and out) and where money went (traces)' },
        { name: 'resolution', description: 'Entity resolution: records likely to be one entity, and analysts’ decisions that analyses take (scope.resolution)' },
        { name: 'paths', description: 'How one entity is connected to another: the k shortest paths and the evidence of every tie' },
        { name: 'analyses', description: 'Communities, centrality and the explained harm ranking' },
        { name: 'disruption', description: 'Who to remove, what breaks, and what if' },
        { name: 'access', description: 'API keys and the audit trail (admins; a limited admin within its own investigations)' },
      ],
    },
    transform,
    transformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
});
