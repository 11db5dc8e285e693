import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { LinkService } from '../analysis/links-service.js';
import { allowedInvestigations } from '../auth/principal.js';
import { principalOf } from '../plugins/auth.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import { LinkSuggestionsSchema, LinkSuggestRequestSchema } from '../schemas/links.js';

export const linkRoutes: FastifyPluginAsyncZod<{ links: LinkService }> = async (app, { links }) => {
  app.post(
    '/analyses/links/suggest',
    {
      config: { permission: 'analyse' },
      schema: {
        tags: ['analyses'],
        summary: 'Suggest missing links: untied pairs of people, scored, with their shared contacts (size-capped)',
        body: LinkSuggestRequestSchema,
        response: {
          200: LinkSuggestionsSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema.describe('No run with that id that you can see'),
          413: ErrorResponseSchema.describe('The scope is too large for a synchronous answer'),
          ...databaseErrorResponses,
        },
      },
    },
    // Only the caller's investigations are read (the projection's queries filter on them).
    async (request) => links.suggest(request.body, allowedInvestigations(principalOf(request))),
  );
};
