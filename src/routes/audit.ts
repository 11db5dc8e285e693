import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { AuditLog } from '../audit/audit-log.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import { AuditPageSchema, AuditQuerySchema, VerificationSchema } from '../schemas/auth.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';

/** The audit trail, for admins: read it with filters, and check that its hash chain is whole. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditRepository; log: AuditLog }> = async (app, { audit, log }) => {
  const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, ...databaseErrorResponses };

  app.get(
    '/audit',
    {
      config: { permission: 'admin' },
      schema: {
        tags: ['access'],
        summary: 'The audit trail, newest first; filter by principal, entity, investigation, time',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors },
      },
    },
    async (request) => {
      const { total, rows } = await audit.list(request.query);
      return { total, limit: request.query.limit, offset: request.query.offset, items: rows };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { permission: 'admin' },
      schema: { tags: ['access'], summary: 'Re-walk the hash chain from the first record: ok, or the first broken link and why', response: { 200: VerificationSchema, ...errors } },
    },
    async () => log.verify(),
  );
};
