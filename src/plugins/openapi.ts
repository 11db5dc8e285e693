import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

import { SERVICE } from '../service.js';

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
      tags: [
        { name: 'health', description: 'Liveness and readiness probes' },
        { name: 'system', description: 'Service and database information' },
        { name: 'ingest', description: 'Loading networks: JSON documents, NDJSON streams, CSV files' },
        { name: 'investigations', description: 'The investigations you may see, what each holds and how fresh its ranking is' },
        { name: 'entities', description: 'Reading back: one entity with provenance, search, neighbourhoods, erasure' },
        { name: 'analyses', description: 'Communities, centrality and the explained harm ranking' },
        { name: 'disruption', description: 'Who to remove, what breaks, and what if' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
});
