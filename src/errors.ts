import createError from '@fastify/error';

/** Domain errors of the service: each has a stable code, an HTTP status and a message. */

export const DatabaseUnavailableError = createError<[string]>('DATABASE_UNAVAILABLE', 'the database is unavailable: %s', 503);

export const NotFoundError = createError<[string]>('NOT_FOUND', '%s', 404);

/** Seconds a client should wait before retrying while the database is down. */
export const RETRY_AFTER_SECONDS = 5;

export const UnsupportedMediaTypeError = createError<[string]>('UNSUPPORTED_MEDIA_TYPE', '%s', 415);

export const MalformedBodyError = createError<[string]>('MALFORMED_BODY', '%s', 400);

export const PayloadTooLargeError = createError<[number]>('PAYLOAD_TOO_LARGE', 'the body is larger than the limit of %d bytes', 413);

export const GdsMemoryError = createError<[string, string, string, string]>(
  'GDS_INSUFFICIENT_MEMORY',
  'Neo4j cannot fit this analysis in memory: GDS estimates that %s needs up to %s, and %s of heap is available (heap max %s): narrow the scope, or give the Neo4j server more heap',
  413,
);

export const GdsUnavailableError = createError<[string]>(
  'GDS_UNAVAILABLE',
  'engine "gds" was asked for, but %s (GET /v1/system shows its plugins): use engine "auto" or "graphology"',
  422,
);

/** The dedicated GDS server (NEO4J_GDS_URI) does not answer; the service's own database may. */
export const GdsServerUnavailableError = createError<[string]>('GDS_SERVER_UNAVAILABLE', 'the GDS server (NEO4J_GDS_URI) cannot be reached: %s', 503);

export const ScopeTooLargeError = createError<[number]>(
  'SCOPE_TOO_LARGE',
  'the scope has more than %d ties, the limit of a synchronous preview: narrow it (investigations, from/to, tieKinds)',
  413,
);

/**
 * A request that is well-formed but cannot be carried out on the data it names (a budget larger
 * than the network, ids that are not in the scope): 400 with one detail per field path.
 */
export class RequestRejectedError extends Error {
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    readonly details: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'RequestRejectedError';
  }
}

/** The request does not fit the resource's state (cancelling a finished run, reading a run still running). */
export const ConflictError = createError<[string]>('CONFLICT', '%s', 409);

export const UnauthorizedError = createError<[string]>('UNAUTHORIZED', '%s', 401);
export const RateLimitedError = createError<[string]>('RATE_LIMITED', '%s', 429);

export const ForbiddenError = createError<[string]>('FORBIDDEN', '%s', 403);

export const JustificationRequiredError = createError<[string]>('JUSTIFICATION_REQUIRED', '%s', 400);

/** The audit record of a request could not be written: the request fails rather than go unrecorded. */
export const AuditUnavailableError = createError<[string]>(
  'AUDIT_UNAVAILABLE',
  'the audit trail could not be written (%s); the request is refused rather than left unrecorded',
  503,
);
