import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { KeyService } from '../auth/key-service.js';
import { allowedInvestigations } from '../auth/principal.js';
import { NotFoundError, RequestRejectedError } from '../errors.js';
import { principalOf } from '../plugins/auth.js';
import { KeyRequestSchema, KeySchema, NewKeySchema } from '../schemas/auth.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';

/**
 * API keys, for admins: make one (shown once), list them (never the keys), revoke one (at once).
 * An admin limited to some investigations makes, sees and revokes only keys within them.
 */
export const keyRoutes: FastifyPluginAsyncZod<{ keys: KeyService }> = async (app, { keys }) => {
  const admin = { permission: 'admin' as const };
  const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, ...databaseErrorResponses };

  app.post(
    '/keys',
    {
      config: admin,
      bodyLimit: 64 * 1024,
      schema: { tags: ['access'], summary: 'Make an API key (the key is in this answer only)', body: KeyRequestSchema, response: { 201: NewKeySchema, ...errors } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const own = allowedInvestigations(principal);
      // An admin limited to some investigations grants no more than those.
      const beyond = own === null ? [] : request.body.investigations.filter((id) => !own.includes(id));
      if (beyond.length > 0) {
        throw new RequestRejectedError(
          'a key may not see investigations its maker cannot',
          beyond.map((id) => ({ path: `body.investigations[${request.body.investigations.indexOf(id)}]`, message: `${id} is not one of yours` })),
        );
      }
      return reply.code(201).send(await keys.create(request.body, principal.id));
    },
  );

  app.get(
    '/keys',
    {
      config: admin,
      schema: {
        tags: ['access'],
        summary: 'Every API key the caller may see (a limited admin: keys within its investigations; hashes and keys never shown)',
        response: { 200: z.array(KeySchema), ...errors },
      },
    },
    async (request) => keys.list(allowedInvestigations(principalOf(request))),
  );

  app.delete(
    '/keys/:id',
    {
      config: admin,
      schema: {
        tags: ['access'],
        summary: 'Revoke an API key: refused from the next request on (a limited admin: only keys within its investigations)',
        params: z.object({ id: z.uuid() }),
        response: { 200: KeySchema, 404: ErrorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      // A key wider than a limited admin's investigations is as if it did not exist for it.
      const revoked = await keys.revoke(request.params.id, principal.id, allowedInvestigations(principal));
      if (!revoked) throw new NotFoundError(`no API key ${request.params.id}`);
      return revoked;
    },
  );
};
