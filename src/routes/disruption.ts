import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import type { DisruptionService } from '../analysis/disruption-service.js';
import { allowedInvestigations } from '../auth/principal.js';
import { principalOf } from '../plugins/auth.js';
import { ANALYSIS_BODY_BYTES } from '../schemas/analysis.js';
import { DisruptionPlanRequestSchema, DisruptionPlanSchema, WhatIfRequestSchema, WhatIfSchema } from '../schemas/disruption.js';
import { databaseErrorResponses, ErrorResponseSchema } from '../schemas/errors.js';

export const disruptionRoutes: FastifyPluginAsyncZod<{ disruption: DisruptionService }> = async (app, { disruption }) => {
  app.post(
    '/disruption/plan',
    {
      config: { permission: 'analyse' },
      bodyLimit: ANALYSIS_BODY_BYTES,
      schema: {
        tags: ['disruption'],
        summary: 'Plan a disruption: with a budget of k removals, which people break the network most, by each strategy',
        description:
          'Analyses the scope, then compares static top-k lists (harm, betweenness, degree, PageRank, brokers first), adaptive attacks ' +
          '(the measure recomputed after each removal), the greedy key-player set (fragmentation) and a swap search from the best set. ' +
          'Each strategy gives its targets in order, why each was picked, and the network after each removal; the best is the one ' +
          'leaving the smallest largest component (ties: higher fragmentation). Scopes over ANALYTICS_PREVIEW_MAX_TIES ties: 413.',
        body: DisruptionPlanRequestSchema,
        response: {
          200: DisruptionPlanSchema,
          400: ErrorResponseSchema.describe('Invalid request, or a budget larger than the network'),
          413: ErrorResponseSchema.describe('The scope is too large for a synchronous plan'),
          ...databaseErrorResponses,
        },
      },
    },
    async (request) => disruption.plan(request.body, allowedInvestigations(principalOf(request))),
  );

  app.post(
    '/disruption/what-if',
    {
      config: { permission: 'analyse' },
      bodyLimit: ANALYSIS_BODY_BYTES,
      schema: {
        tags: ['disruption'],
        summary: 'What if these entities were removed: the network before and after, what breaks, who takes over',
        description:
          'Removes the listed entities from the analysed scope and reports the largest component, fragmentation, components, ' +
          'payment volume and crossings cut off, the communities that fall apart, and the likely replacement: the candidate left ' +
          'with the highest betweenness afterwards. Entities not in the scope: 400 listing them, unless ignoreUnknown.',
        body: WhatIfRequestSchema,
        response: {
          200: WhatIfSchema,
          400: ErrorResponseSchema.describe('Invalid request, or entities that are not in the scope'),
          413: ErrorResponseSchema.describe('The scope is too large for a synchronous what-if'),
          ...databaseErrorResponses,
        },
      },
    },
    async (request) => disruption.whatIf(request.body, allowedInvestigations(principalOf(request))),
  );
};
