import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { allowedInvestigations } from '../auth/principal.js';
import { principalOf } from '../plugins/auth.js';
import type { InvestigationRepository } from '../repositories/investigation-repository.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import { InvestigationListQuerySchema, InvestigationListSchema } from '../schemas/investigations.js';

export const investigationRoutes: FastifyPluginAsyncZod<{ investigations: InvestigationRepository }> = async (app, { investigations }) => {
  app.get(
    '/investigations',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['investigations'],
        summary: 'The investigations you may see, by id: what each holds, its data version and its latest finished run',
        description:
          'A `*` principal sees every investigation; any other only those assigned to it (the total counts those too). Counts are of ' +
          'what was loaded under each investigation; the latest run is the newest finished run over exactly that investigation, ' +
          'stale when the investigation’s data has changed since it read it.',
        querystring: InvestigationListQuerySchema,
        response: { 200: InvestigationListSchema, 400: ErrorResponseSchema, ...databaseErrorResponses },
      },
    },
    async (request) => investigations.list(request.query, allowedInvestigations(principalOf(request))),
  );
};
