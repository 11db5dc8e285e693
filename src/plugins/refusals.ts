import { randomUUID } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import type { AuditLog } from '../audit/audit-log.js';
import type { UnchainedRecord } from '../audit/chain.js';
import { createRefusalTracker, type RefusalSettings, type RefusalSummary } from '../auth/refusals.js';
import { RateLimitedError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest for /v1: an address past its refused credentials gets 429 with Retry-After, before any database work. */
    turnAwayRefused: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** Counts a refused credential against the request's address (its audit record goes into the window's summary but the first). */
    countRefused: (request: FastifyRequest) => void;
    /** Audits a request the HTTP parser refused before fastify saw it (414, 431, 400, 408), counted as its address's refusal. */
    auditParserRefusal: (refusal: ParserRefusal) => void;
  }
}

/** What plugins/errors.ts clientErrors answered to a request the HTTP parser refused. */
export interface ParserRefusal {
  address: string | undefined;
  status: number;
  code: string;
  requestId: string;
}

/**
 * Refusals counted per client address (auth/refusals.ts), and how they are audited: a window's
 * first refusal on its own, the rest in one summary record when the window ends. Requests no
 * route takes (unknown paths, methods a path does not have: OPTIONS, PATCH…) are refusals too.
 */
export const refusalsPlugin = fp(async (app: FastifyInstance, options: { limit: RefusalSettings; log: AuditLog }) => {
  const refusals = createRefusalTracker(options.limit);
  const summarise = (summary: RefusalSummary) =>
    void options.log.append(refusalRecord(summary)).catch((error: unknown) => app.log.error({ err: error }, 'could not write the audit summary of refused credentials'));
  const windows = setInterval(() => refusals.flush(summarise), options.limit.windowMs).unref();
  app.addHook('preClose', async () => clearInterval(windows));

  app.decorate('countRefused', (request: FastifyRequest) => {
    request.auditSkipped = !refusals.refused(request.ip, summarise);
  });
  app.decorate('turnAwayRefused', async (request: FastifyRequest, reply: FastifyReply) => {
    const wait = refusals.retryAfter(request.ip);
    if (wait === undefined) return;
    request.auditSkipped = true;
    reply.header('retry-after', String(wait));
    throw new RateLimitedError(`too many refused credentials from this address: try again in ${wait} s`);
  });
  app.decorate('auditParserRefusal', ({ address, status, code, requestId }: ParserRefusal) => {
    // Nothing of the request was read: no method, no route, no principal; the address is all.
    if (!refusals.refused(address ?? 'unknown', summarise)) return;
    void options.log
      .append(parserRefusalRecord({ address, status, code, requestId }))
      .catch((error: unknown) => app.log.error({ err: error }, 'could not write the audit record of a request the HTTP parser refused'));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url !== undefined) return payload;
    app.countRefused(request);
    await app.auditRecord(request, reply, payload);
    return payload;
  });
});

/** The audit record of a request the HTTP parser refused (a window's first from its address; the rest go into the summary). */
export function parserRefusalRecord({ address, status, code, requestId }: ParserRefusal): UnchainedRecord {
  return {
    at: new Date().toISOString(),
    requestId,
    principal: 'anonymous',
    principalName: 'anonymous',
    role: 'none',
    method: '-',
    route: `not parsed: ${code}`,
    parameters: JSON.stringify({ address: address ?? 'unknown' }),
    justification: null,
    investigations: [],
    entities: [],
    status,
    resultBytes: 0,
    changes: null,
  };
}

/** One audit record for a window's refused credentials from one address, beyond the first (audited on its own). */
export function refusalRecord(summary: RefusalSummary): UnchainedRecord {
  return {
    at: new Date().toISOString(),
    requestId: randomUUID(),
    principal: 'anonymous',
    principalName: 'anonymous',
    role: 'none',
    method: '-',
    route: 'refused credentials (summary)',
    parameters: JSON.stringify(summary),
    justification: null,
    investigations: [],
    entities: [],
    status: 401,
    resultBytes: 0,
    changes: null,
  };
}
