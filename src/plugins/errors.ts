import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { RequestRejectedError, RETRY_AFTER_SECONDS } from '../errors.js';
import { IngestInterruptedError } from '../ingest/loader.js';
import { isUnavailableError } from '../neo4j/driver.js';
import type { ErrorDetail, ErrorResponse } from '../schemas/errors.js';

/**
 * One error handler for the whole app: every error leaves in the ErrorResponse shape.
 * Validation problems become 400 with one detail per field path; a lost database becomes
 * 503 with Retry-After (and tells the health monitor); constraint violations become 409;
 * anything else unexpected becomes a 500 whose body says nothing about internals.
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(body('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`, request.id));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof IngestInterruptedError) {
      const unavailable = isUnavailableError(error.cause);
      const conflict = isConstraintError(error.cause);
      if (unavailable) app.dbHealth?.markUnavailable(String((error.cause as Error).message));
      request.log.error({ err: error.cause, batches: error.report.committedBatches }, 'ingest interrupted');
      if (unavailable) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      const message =
        `${error.report.committedBatches} batches were committed before the load stopped (one in flight may have ` + 'committed too); re-sending the whole load is safe';
      const [status, code] = unavailable ? [503, 'DATABASE_UNAVAILABLE'] : conflict ? [409, 'CONFLICT'] : [500, 'INTERNAL'];
      return reply.code(status).send({ ...body(code, message, request.id), report: error.report });
    }
    if (Array.isArray(error.validation) && error.validation.length > 0) {
      const where = error.validationContext ?? 'request';
      const details: ErrorDetail[] = error.validation.map((issue) => ({
        path: fieldPath(where, issue.instancePath),
        message: issue.message ?? 'is invalid',
      }));
      return reply.code(400).send(body('VALIDATION_FAILED', `${where} is invalid`, request.id, details));
    }
    if (error instanceof RequestRejectedError) {
      return reply.code(400).send(body(error.code, error.message, request.id, error.details));
    }
    // Before a lost database: the GDS server's message quotes the driver's ("ECONNREFUSED"),
    // and the service's own database may be fine.
    if (error.code === 'GDS_SERVER_UNAVAILABLE') {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.code(503).send(body(error.code, error.message, request.id));
    }
    if (error.code === 'DATABASE_UNAVAILABLE' || isUnavailableError(error)) {
      if (error.code !== 'DATABASE_UNAVAILABLE') app.dbHealth?.markUnavailable(error.message);
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      const message = error.code === 'DATABASE_UNAVAILABLE' ? error.message : 'the database is unavailable: connection lost';
      return reply.code(503).send(body('DATABASE_UNAVAILABLE', message, request.id));
    }
    if (isConstraintError(error)) {
      return reply.code(409).send(body('CONFLICT', 'the data conflicts with what is stored', request.id));
    }
    const status = error.statusCode ?? 500;
    if (status === 401) reply.header('www-authenticate', 'Bearer');
    if (status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
    if (status === 503 && error.code === 'AUDIT_UNAVAILABLE') {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return reply.code(503).send(body(error.code, error.message, request.id));
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send(body(clientCode(error), error.message, request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', 'internal error; quote the request id when reporting it', request.id));
  });
});

/**
 * Errors fastify meets while routing, before any handler or hook (a URL that does not decode, a
 * path parameter over the router's length limit): the ErrorResponse shape too. Passed to
 * Fastify({ frameworkErrors }).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'BAD_REQUEST';
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is longer than the limit' : 'the URL is not valid: a percent-escape does not decode to UTF-8 text';
  reply
    .code(status)
    .header('x-request-id', request.id)
    .send(body(code, message, request.id));
}

/**
 * What Node's HTTP parser refuses before fastify sees a request (a URL over the 16 KB limit:
 * 414; headers over it: 431; a request that is not HTTP: 400), answered in the ErrorResponse
 * shape too, then the connection closed, and audited through `audit` (plugins/refusals.ts). Passed
 * to Fastify({ clientErrorHandler }).
 */
export function clientErrors(
  error: Error & { code?: string; rawPacket?: unknown; bytesParsed?: number },
  socket: Socket,
  audit: (refusal: { address: string | undefined; status: number; code: string; requestId: string }) => void = () => {},
): void {
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW' && inRequestLine(error.rawPacket, error.bytesParsed)
      ? [414, 'URI_TOO_LONG', 'the URL is longer than the server takes (16 KB with the headers)']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'the request headers are larger than the server takes (16 KB in all)']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'REQUEST_TIMEOUT', 'the request did not arrive in time']
          : [400, 'BAD_REQUEST', 'the request is not valid HTTP'];
  const requestId = randomUUID();
  audit({ address: socket.remoteAddress, status, code, requestId });
  const json = JSON.stringify(body(code, message, requestId));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
      `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * The parser counts the request line into the same 16 KB as the headers and says only "header
 * overflow". When the data it overflowed in starts a request and has no line break before the
 * point it stopped at, it was the URL. (A URL that arrived in several pieces reads as headers:
 * 431, still in the one shape.)
 */
function inRequestLine(packet: unknown, stoppedAt: number | undefined): boolean {
  if (!Buffer.isBuffer(packet) || stoppedAt === undefined) return false;
  const read = packet.subarray(0, stoppedAt);
  return /^[A-Z]+ \S/.test(read.subarray(0, 16).toString('latin1')) && !read.includes(0x0a);
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Neo.ClientError.Schema.ConstraintValidationFailed');
}

function body(code: string, message: string, requestId: string, details?: ErrorDetail[]): ErrorResponse {
  return { error: { code, message, ...(details ? { details } : {}), requestId } };
}

/** `body` + `/people/0/id` → `body.people[0].id` */
export function fieldPath(context: string, instancePath: string): string {
  return instancePath
    .split('/')
    .filter((segment) => segment.length > 0)
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), context);
}

function clientCode(error: FastifyError): string {
  if (error.statusCode === 429) return 'RATE_LIMITED';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'PAYLOAD_TOO_LARGE';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.name === 'SyntaxError') return 'MALFORMED_BODY';
  if (error.code?.startsWith('FST_ERR_CTP')) return 'BAD_REQUEST';
  return error.code && !error.code.startsWith('FST_') ? error.code : 'BAD_REQUEST';
}
