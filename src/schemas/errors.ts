import { z } from 'zod';

/** The one shape of every error response. */
export const ErrorDetailSchema = z
  .object({
    path: z.string().describe('Where the problem is, e.g. `body.people[0].id`'),
    message: z.string(),
  })
  .meta({ id: 'ErrorDetail' });

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED'),
      message: z.string(),
      details: z.array(ErrorDetailSchema).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({
    id: 'ErrorResponse',
    example: {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'request body is invalid',
        details: [{ path: 'body.people[0].id', message: 'Too small: expected string to have >=1 characters' }],
        requestId: '7b0c2a4e-3f7d-4b8e-9d57-2f0f5a7f3e11',
      },
    },
  });

export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

/** Error responses every route can give, for the OpenAPI document. */
export const commonErrorResponses = {
  500: ErrorResponseSchema.describe('Internal error; the body never contains internals'),
} as const;

export const databaseErrorResponses = {
  ...commonErrorResponses,
  503: ErrorResponseSchema.describe('Neo4j is unreachable; retry after the Retry-After seconds'),
} as const;
