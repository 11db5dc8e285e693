import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { allowedInvestigations } from '../auth/principal.js';
import type { MoneyService } from '../money/money-service.js';
import { principalOf } from '../plugins/auth.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';
import { FlowsQuerySchema, MoneyFlowsSchema, MoneyTraceSchema, TraceQuerySchema } from '../schemas/money.js';

const errors = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema.describe('No such entity in the scope'),
  ...databaseErrorResponses,
};

// Money views name people and who they paid, as an entity view does: they need a reason where reasons are required.
export const moneyRoutes: FastifyPluginAsyncZod<{ money: MoneyService }> = async (app, { money }) => {
  app.get(
    '/money/flows',
    {
      config: { permission: 'read', justify: true },
      schema: {
        tags: ['money'],
        summary: 'Who paid whom, and how much: payments summed per payer and payee, top payers and payees, one entity’s money in and out',
        querystring: FlowsQuerySchema,
        response: { 200: MoneyFlowsSchema, ...errors },
      },
    },
    async (request) => money.flows(request.query, allowedInvestigations(principalOf(request))),
  );

  app.get(
    '/money/trace',
    {
      config: { permission: 'read', justify: true },
      schema: {
        tags: ['money'],
        summary: 'Where an entity’s money went (or came from): chains of payments up to 6 hops, in date order',
        querystring: TraceQuerySchema,
        response: { 200: MoneyTraceSchema, ...errors },
      },
    },
    async (request) => money.trace(request.query, allowedInvestigations(principalOf(request))),
  );
};
