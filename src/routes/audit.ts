import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { AuditLog } from '../audit/audit-log.js';
import { allowedInvestigations } from '../auth/principal.js';
import { ForbiddenError } from '../errors.js';
import { principalOf } from '../plugins/auth.js';
import type { AuditRepository } from '../repositories/audit-repository.js';
import { AuditPageSchema, AuditQuerySchema, VerificationSchema } from '../schemas/auth.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';

/**
 * The audit trail, for admins: read it with filters, and check that its hash chain is whole. An
 * admin limited to some investigations reads only their records, and cannot verify the chain
 * (that walks every investigation's records).
 */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditRepository; log: AuditLog }> = async (app, { audit, log }) => {
  const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 403: ErrorResponseSchema, ...databaseErrorResponses };

  app.get(
    '/audit',
    {
      config: { permission: 'admin' },
      schema: {
        tags: ['access'],
        summary: 'The audit trail, newest first; filter by principal, entity, investigation, time (a limited admin: records of its investigations only)',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors },
      },
    },
    async (request) => {
      const { total, rows } = await audit.list(request.query, allowedInvestigations(principalOf(request)));
      return { total, limit: request.query.limit, offset: request.query.offset, items: rows };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { permission: 'admin' },
      schema: {
        tags: ['access'],
        summary: 'Re-walk the hash chain from the first record: ok, or the first broken link and why (admins of all investigations)',
        response: { 200: VerificationSchema, ...errors },
      },
    },
    async (request) => {
      if (allowedInvestigations(principalOf(request)) !== null)
        throw new ForbiddenError('verifying the audit chain reads every investigation’s records: it is for an admin of all investigations');
      return log.verify();
    },
  );
};
