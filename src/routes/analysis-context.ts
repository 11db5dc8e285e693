import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { allowedInvestigations } from '../auth/principal.js';
import { principalOf } from '../plugins/auth.js';
import type { RunContext } from '../runs/run-context.js';
import { AnalysisContextSchema } from '../schemas/analysis-context.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import { RunIdSchema } from '../schemas/runs.js';

// The context names vessels, places and payments, as an entity view does: it needs a reason where reasons are required.
export const analysisContextRoutes: FastifyPluginAsyncZod<{ context: RunContext }> = async (app, { context }) => {
  app.get(
    '/analyses/:id/context',
    {
      config: { permission: 'read', justify: true },
      schema: {
        tags: ['analyses'],
        summary: 'What to draw around a run’s analysed people: the vessels, crossings, payments and places of its scope, and their relations',
        params: z.object({ id: RunIdSchema }),
        response: { 200: AnalysisContextSchema, 404: ErrorResponseSchema.describe('No such run'), ...databaseErrorResponses },
      },
    },
    async (request) => context.context(request.params.id, allowedInvestigations(principalOf(request))),
  );
};
