import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { allowedInvestigations } from '../auth/principal.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { principalOf } from '../plugins/auth.js';
import type { ResolutionService } from '../resolution/resolution-service.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import {
  CandidatePageSchema,
  CandidateQuerySchema,
  DecisionListQuerySchema,
  DecisionListSchema,
  DecisionMadeSchema,
  DecisionParamsSchema,
  DecisionRequestSchema,
  DecisionSchema,
} from '../schemas/resolution.js';

/**
 * Entity resolution: candidates are read with `read` (they show what the caller may already
 * read of entities, as search does); decisions need `analyse` (an analyst's judgement that
 * changes what analyses see, not a load of data: the ingest role neither reads nor analyses).
 */
export const resolutionRoutes: FastifyPluginAsyncZod<{ resolution: ResolutionService }> = async (app, { resolution }) => {
  app.get(
    '/resolution/candidates',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['resolution'],
        summary: 'Pairs of same-type records likely to be one entity, with the evidence weighed and any decision on them',
        querystring: CandidateQuerySchema,
        response: { 200: CandidatePageSchema, 400: ErrorResponseSchema, ...databaseErrorResponses },
      },
    },
    async (request) => resolution.candidates(request.query, allowedInvestigations(principalOf(request))),
  );

  app.post(
    '/resolution/decisions',
    {
      config: { permission: 'analyse', auditChanges: true },
      schema: {
        tags: ['resolution'],
        summary: 'Accept or reject records as one entity, in one investigation; the records stay as loaded',
        body: DecisionRequestSchema,
        response: {
          201: DecisionMadeSchema,
          400: ErrorResponseSchema.describe('Bad input, an investigation you cannot see, or a record it does not hold (by field path)'),
          ...databaseErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const made = await resolution.decide(request.body, principal, allowedInvestigations(principal), request.id);
      request.auditContext = { investigations: [made.investigation], entities: made.records.map((id) => `${made.type}:${id}`) };
      return reply.code(201).send(made);
    },
  );

  app.get(
    '/resolution/decisions',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['resolution'],
        summary: 'Resolution decisions in the investigations you may see, newest first',
        querystring: DecisionListQuerySchema,
        response: { 200: DecisionListSchema, 400: ErrorResponseSchema, ...databaseErrorResponses },
      },
    },
    async (request) => resolution.list(request.query, allowedInvestigations(principalOf(request))),
  );

  app.delete(
    '/resolution/decisions/:id',
    {
      config: { permission: 'analyse', auditChanges: true },
      schema: {
        tags: ['resolution'],
        summary: 'Undo a resolution decision: it stays, marked undone, for history',
        params: DecisionParamsSchema,
        response: {
          200: DecisionSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema.describe('No decision you can see by that id'),
          409: ErrorResponseSchema.describe('Already undone'),
          ...databaseErrorResponses,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const undone = await resolution.undo(request.params.id, principal, allowedInvestigations(principal));
      if (!undone) throw new NotFoundError(`no resolution decision ${request.params.id}`);
      if (undone.already) throw new ConflictError(`resolution decision ${request.params.id} was undone at ${undone.decision.undone?.at}`);
      const { decision } = undone;
      request.auditContext = { investigations: [decision.investigation], entities: decision.records.map((id) => `${decision.type}:${id}`) };
      return decision;
    },
  );
};
