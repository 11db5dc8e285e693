import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { allowedInvestigations, can, scopedInvestigations } from '../auth/principal.js';
import { ForbiddenError } from '../errors.js';
import { principalOf } from '../plugins/auth.js';
import type { RunResults } from '../runs/results.js';
import type { RunService } from '../runs/run-service.js';
import { ANALYSIS_BODY_BYTES } from '../schemas/analysis.js';
import { EntityTypeSchema } from '../schemas/entity-views.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import { IdSchema } from '../schemas/provenance.js';
import {
  AnalysisRunSchema,
  CommunityDetailSchema,
  CommunityPageSchema,
  CompareQuerySchema,
  EntityResultSchema,
  ExportQuerySchema,
  FINAL_STATUSES,
  LatestQuerySchema,
  PageQuerySchema,
  RankingPageSchema,
  RankingQuerySchema,
  RunComparisonSchema,
  RunIdSchema,
  RunListQuerySchema,
  RunListSchema,
  RunRequestSchema,
  RunSubmittedSchema,
} from '../schemas/runs.js';

/**
 * Analysis runs over HTTP: queue one, follow it, cancel it, page through its results, compare
 * two, export the analysed graph. A caller sees only runs whose investigations it may all see,
 * and its runs' scopes are limited to its investigations.
 */

const IdParams = z.object({ id: RunIdSchema });
const notFound = { 404: ErrorResponseSchema.describe('No such run') };
const notDone = { 409: ErrorResponseSchema.describe('The run has not finished (or failed): no results') };

/** `Prefer: wait=N` (RFC 7240) in seconds, or `wait` alone for the longest wait allowed. */
function preferredWaitMs(request: FastifyRequest, wait: boolean, maxMs: number): number {
  if (wait) return maxMs;
  const prefer = request.headers.prefer;
  const match = typeof prefer === 'string' ? /(?:^|[,;\s])wait(?:=(\d+))?(?:$|[,;\s])/i.exec(prefer) : null;
  if (!match) return 0;
  return match[1] === undefined ? maxMs : Math.min(maxMs, Number(match[1]) * 1000);
}

/** Who asked: the principal, and on whose behalf when a batch job says so (X-Requested-By). */
const requesterOf = (request: FastifyRequest) => {
  const principal = principalOf(request);
  const given = request.headers['x-requested-by'];
  const onBehalf = typeof given === 'string' && given.trim() !== '' ? ` for ${given.trim().slice(0, 200)}` : '';
  return `${principal.name} (${principal.id})${onBehalf}`;
};

const allowed = (request: FastifyRequest) => allowedInvestigations(principalOf(request));
const read = { permission: 'read' as const };

export const analysisRoutes: FastifyPluginAsyncZod<{ service: RunService; results: RunResults; maxWaitMs: number }> = async (app, { service, results, maxWaitMs }) => {
  app.post(
    '/analyses',
    {
      config: { permission: 'analyse' },
      bodyLimit: ANALYSIS_BODY_BYTES,
      schema: {
        tags: ['analyses'],
        summary: 'Queue an analysis run (stored, with history); 202 with its id',
        description:
          'Queues an analysis of the scope. The run is stored in Neo4j with every result and, unless writeBack is false, writes ' +
          'harmScore, harmRank, communityId and lastAnalysis onto the entities. The same scope and parameters on unchanged data ' +
          'answer with the stored run (200, reused: true) unless force. `?wait=true` or `Prefer: wait=N` waits up to N seconds ' +
          '(at most ANALYSIS_MAX_WAIT_MS) and answers 200 when the run has ended by then.',
        querystring: z.strictObject({
          wait: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true')
            .describe('true: wait for the run to end (up to ANALYSIS_MAX_WAIT_MS)'),
        }),
        body: RunRequestSchema,
        response: {
          200: RunSubmittedSchema.describe('Ended (waited for), or reused'),
          202: RunSubmittedSchema.describe('Queued or running: follow it at Location'),
          400: ErrorResponseSchema,
          ...databaseErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { run, reused } = await service.submit(request.body, requesterOf(request), allowed(request));
      // A reused run may still be queued or running (for an earlier request): it is waited for too.
      const waitMs = preferredWaitMs(request, request.query.wait, maxWaitMs);
      const now = waitMs > 0 && !FINAL_STATUSES.includes(run.status) ? await service.wait(run.id, waitMs, allowed(request)) : run;
      reply.header('location', `/v1/analyses/${run.id}`);
      if (waitMs > 0) reply.header('preference-applied', `wait=${Math.round(waitMs / 1000)}`);
      const ended = FINAL_STATUSES.includes(now.status);
      return reply.code(ended ? 200 : 202).send({ ...now, reused });
    },
  );

  app.get(
    '/analyses',
    {
      config: read,
      schema: {
        tags: ['analyses'],
        summary: 'Run history, newest first',
        querystring: RunListQuerySchema,
        response: { 200: RunListSchema, 400: ErrorResponseSchema, ...databaseErrorResponses },
      },
    },
    async (request) => service.list(request.query, allowed(request)),
  );

  app.get(
    '/analyses/:id',
    {
      config: read,
      schema: {
        tags: ['analyses'],
        summary: 'A run: status, progress, parameters, the data version it saw, timings, summary or error',
        params: IdParams,
        response: { 200: AnalysisRunSchema, 400: ErrorResponseSchema, ...notFound, ...databaseErrorResponses },
      },
    },
    async (request) => service.get(request.params.id, allowed(request)),
  );

  app.delete(
    '/analyses/:id',
    {
      config: { permission: 'analyse' },
      schema: {
        tags: ['analyses'],
        summary: 'Cancel a queued or running run (its partial results are deleted); with ?purge=true, delete an ended run and its results',
        params: IdParams,
        querystring: z.strictObject({
          purge: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true')
            .describe('true: delete an ended run (done, failed, cancelled) with everything it stored'),
        }),
        response: {
          200: AnalysisRunSchema.describe('The cancelled run'),
          204: z.null().describe('Purged'),
          400: ErrorResponseSchema,
          ...notFound,
          403: ErrorResponseSchema.describe('Purging needs the admin role'),
          409: ErrorResponseSchema.describe('Cancel: the run has already ended. Purge: the run has not'),
          ...databaseErrorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.query.purge) return service.cancel(request.params.id, allowed(request));
      const principal = principalOf(request);
      if (!can(principal, 'admin')) throw new ForbiddenError(`the ${principal.role} role may not purge runs (admin)`);
      await service.purge(request.params.id, allowed(request));
      results.forget(request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/analyses/:id/rankings',
    {
      config: { ...read, readCache: true },
      schema: {
        tags: ['analyses'],
        summary: 'A page of a finished run’s explained ranking, optionally one entity type or community',
        params: IdParams,
        querystring: RankingQuerySchema,
        response: { 200: RankingPageSchema, 400: ErrorResponseSchema, ...notFound, ...notDone, ...databaseErrorResponses },
      },
    },
    async (request) => results.rankings(request.params.id, request.query, allowed(request)),
  );

  app.get(
    '/analyses/:id/communities',
    {
      config: read,
      schema: {
        tags: ['analyses'],
        summary: 'A page of a finished run’s communities, largest first',
        params: IdParams,
        querystring: PageQuerySchema,
        response: { 200: CommunityPageSchema, 400: ErrorResponseSchema, ...notFound, ...notDone, ...databaseErrorResponses },
      },
    },
    async (request) => results.communities(request.params.id, request.query, allowed(request)),
  );

  app.get(
    '/analyses/:id/communities/:communityId',
    {
      config: read,
      schema: {
        tags: ['analyses'],
        summary: 'One community: its report, members (paged, by harm), strongest internal ties, brokers',
        params: IdParams.extend({ communityId: z.string().min(1).max(100) }),
        querystring: PageQuerySchema,
        response: { 200: CommunityDetailSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema.describe('No such run or community'), ...notDone, ...databaseErrorResponses },
      },
    },
    async (request) => results.community(request.params.id, request.params.communityId, request.query, allowed(request)),
  );

  app.get(
    '/analyses/:id/entities/:type/:entityId',
    {
      config: { permission: 'read', justify: true, readCache: true },
      schema: {
        tags: ['analyses'],
        summary: 'One entity in a finished run: score, components with evidence, explanation, measures',
        params: IdParams.extend({ type: EntityTypeSchema, entityId: IdSchema }),
        response: {
          200: EntityResultSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema.describe('No such run, or the entity was not in it'),
          ...notDone,
          ...databaseErrorResponses,
        },
      },
    },
    async (request) => results.entity(request.params.id, request.params.type, request.params.entityId, allowed(request)),
  );

  app.get(
    '/analyses/:id/compare/:otherId',
    {
      config: read,
      schema: {
        tags: ['analyses'],
        summary: 'What changed from run :id to run :otherId: top-N entries and exits, rank moves, communities merged or split',
        params: IdParams.extend({ otherId: RunIdSchema }),
        querystring: CompareQuerySchema,
        response: { 200: RunComparisonSchema, 400: ErrorResponseSchema, ...notFound, ...notDone, ...databaseErrorResponses },
      },
    },
    async (request) => results.compare(request.params.id, request.params.otherId, request.query.top, allowed(request)),
  );

  app.get(
    '/analyses/:id/export',
    {
      config: { permission: 'analyse', justify: true },
      schema: {
        tags: ['analyses'],
        summary: 'The analysed graph as a file: GEXF (Gephi), GraphML, CSV (zip of nodes and edges) or graphology JSON',
        description:
          'Nodes carry community, harm score, rank and every measure; ties their strength, money and relation counts per kind. ' +
          'The json format also gives the run, with `handling`: how many graded facts of its scope carry each handling code (P, C), for marking what is shown, and `dates`: the first and last date among them.',
        params: IdParams,
        querystring: ExportQuerySchema,
        produces: ['application/gexf+xml', 'application/graphml+xml', 'application/zip', 'application/json'],
        response: { 200: z.string().describe('The file'), 400: ErrorResponseSchema, ...notFound, ...notDone, ...databaseErrorResponses },
      },
    },
    async (request, reply) => {
      const file = await results.export(request.params.id, request.query.format, allowed(request));
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body as never);
    },
  );

  app.get(
    '/rankings/latest',
    {
      config: { ...read, readCache: true },
      schema: {
        tags: ['analyses'],
        summary: 'The newest finished run over these investigations, and a page of its ranking',
        querystring: LatestQuerySchema,
        response: { 200: RankingPageSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema.describe('No finished run over this scope'), ...databaseErrorResponses },
      },
    },
    async (request) => {
      const { investigation, ...query } = request.query;
      const principal = principalOf(request);
      return results.latest(scopedInvestigations(principal, investigation === undefined ? undefined : [investigation].flat()), query, allowed(request));
    },
  );
};
