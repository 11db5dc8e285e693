import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { allowedInvestigations } from '../auth/principal.js';
import { NotFoundError } from '../errors.js';
import { principalOf } from '../plugins/auth.js';
import type { PathRepository } from '../repositories/path-repository.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import { PathQuerySchema, PathsSchema } from '../schemas/paths.js';

export const pathRoutes: FastifyPluginAsyncZod<{ paths: PathRepository }> = async (app, { paths }) => {
  app.get(
    '/paths',
    {
      config: { permission: 'read', justify: true },
      schema: {
        tags: ['paths'],
        summary: 'How is one entity connected to another: the k shortest paths, with the evidence of every tie',
        querystring: PathQuerySchema,
        response: { 200: PathsSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema.describe('No such entity at either end'), ...databaseErrorResponses },
      },
    },
    async (request) => {
      const found = await paths.find(request.query, allowedInvestigations(principalOf(request)));
      if (!found) throw new NotFoundError('no such entity at one end of the path');
      return found;
    },
  );
};
