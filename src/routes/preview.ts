import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { PreviewService } from '../analysis/preview-service.js';
import { allowedInvestigations } from '../auth/principal.js';
import { principalOf } from '../plugins/auth.js';
import { ANALYSIS_BODY_BYTES, AnalysisPreviewSchema, AnalysisRequestSchema } from '../schemas/analysis.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';

export const previewRoutes: FastifyPluginAsyncZod<{ preview: PreviewService }> = async (app, { preview }) => {
  app.post(
    '/analyses/preview',
    {
      config: { permission: 'analyse' },
      bodyLimit: ANALYSIS_BODY_BYTES,
      schema: {
        tags: ['analyses'],
        summary: 'Analyse a scope now: communities and the explained harm ranking (size-capped)',
        description:
          'Reads the scope from Neo4j, detects communities (Louvain, disconnected ones split), computes centrality and brokerage, ' +
          'and ranks people and organisations by a harm score whose components add up to it, each with the evidence behind it. ' +
          'Scopes over ANALYTICS_PREVIEW_MAX_TIES ties are refused with 413.',
        body: AnalysisRequestSchema,
        response: {
          200: AnalysisPreviewSchema,
          400: ErrorResponseSchema,
          413: ErrorResponseSchema.describe('The scope is too large for a synchronous preview'),
          ...databaseErrorResponses,
        },
      },
    },
    // The body comes as JSON bytes from the worker thread: a ranking of 100k nodes would
    // otherwise serialise on the event loop. Its shape is AnalysisPreviewSchema (analysis/envelope.ts builds it).
    async (request, reply) => {
      // Only the caller's investigations are read (the projection's queries filter on them).
      const body = await preview.preview(request.body, allowedInvestigations(principalOf(request)));
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );
};
