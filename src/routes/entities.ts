import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { allowedInvestigations } from '../auth/principal.js';
import { NotFoundError } from '../errors.js';
import { principalOf } from '../plugins/auth.js';
import type { EntityRepository } from '../repositories/entity-repository.js';
import { EntityParamsSchema, EntityViewSchema, ErasureSchema, NetworkQuerySchema, NetworkSchema, SearchQuerySchema, SearchResultSchema } from '../schemas/entity-views.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';

const notFound = { 404: ErrorResponseSchema.describe('No such entity'), 400: ErrorResponseSchema, ...databaseErrorResponses };

export const entityRoutes: FastifyPluginAsyncZod<{ entities: EntityRepository }> = async (app, { entities }) => {
  app.get(
    '/entities',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['entities'],
        summary: 'Search entities by words, exact identifier or filters; hits carry what tells them apart',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, 400: ErrorResponseSchema, ...databaseErrorResponses },
      },
    },
    async (request) => {
      return entities.search(request.query, allowedInvestigations(principalOf(request)));
    },
  );

  app.get(
    '/entities/:type/:id',
    {
      config: { permission: 'read', justify: true, readCache: true },
      schema: {
        tags: ['entities'],
        summary: 'One entity with its relations and the provenance of each',
        params: EntityParamsSchema,
        response: { 200: EntityViewSchema, ...notFound },
      },
    },
    async (request) => {
      const { type, id } = request.params;
      const view = await entities.get(type, id, allowedInvestigations(principalOf(request)));
      if (!view) throw new NotFoundError(`no ${type} with id ${id}`);
      return view;
    },
  );

  app.get(
    '/entities/:type/:id/network',
    {
      config: { permission: 'read', justify: true },
      schema: {
        tags: ['entities'],
        summary: 'The neighbourhood of an entity as {nodes, edges}, up to 3 steps, capped',
        params: EntityParamsSchema,
        querystring: NetworkQuerySchema,
        response: { 200: NetworkSchema, ...notFound },
      },
    },
    async (request) => {
      const { type, id } = request.params;
      const network = await entities.network(type, id, request.query.depth, request.query.limit, allowedInvestigations(principalOf(request)));
      if (!network) throw new NotFoundError(`no ${type} with id ${id}`);
      return network;
    },
  );

  app.delete(
    '/entities/:type/:id',
    {
      config: { permission: 'admin', auditChanges: true },
      schema: {
        tags: ['entities'],
        summary: 'Erase an entity and its relations; the erasure itself is recorded',
        params: EntityParamsSchema,
        response: { 200: ErasureSchema, ...notFound },
      },
    },
    async (request) => {
      const { type, id } = request.params;
      const erased = await entities.erase(type, id, request.id, allowedInvestigations(principalOf(request)));
      if (!erased) throw new NotFoundError(`no ${type} with id ${id}`);
      request.log.info({ type, id, relationsRemoved: erased.relationsRemoved }, 'entity erased');
      return { type, id, erased: true as const, ...erased };
    },
  );
};
