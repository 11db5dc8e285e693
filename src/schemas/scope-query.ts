import { z } from 'zod';

import { ScopeSchema } from './analysis.js';
import { IdSchema } from './provenance.js';

/**
 * An analysis scope's filters as query-string parameters (money flows, resolution candidates):
 * investigations repeated, the grading filters coerced from text, with the scope's own
 * descriptions and defaults.
 */

const scope = ScopeSchema.shape;

export const InvestigationsQuerySchema = z
  .union([IdSchema, z.array(IdSchema).min(1).max(100)])
  .optional()
  .describe('Investigation ids (repeat for several); left out: every investigation you may see');

export const gradingQueryFields = {
  minAssessment: scope.minAssessment,
  maxSourceEvaluation: z.coerce
    .number()
    .int()
    .min(1)
    .max(3)
    .default(3)
    .describe(scope.maxSourceEvaluation.description ?? ''),
};
