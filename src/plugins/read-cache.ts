import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { StampedCache } from '../cache/stamped-cache.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** GET answers kept in memory for as long as the read stamp has not moved (plugins/read-cache.ts). */
    readCache?: boolean;
  }
  interface FastifyRequest {
    readCacheHit: boolean;
  }
  interface FastifyInstance {
    /** preHandler: answers a readCache route from memory when it can. */
    cachedAnswer: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
    /** onSend: keeps a readCache route's 200 answer for the next caller with the same view. */
    keepAnswer: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** Per entry besides the body's bytes: the key, the Buffer's and the Map's own bookkeeping, roughly. */
const ENTRY_OVERHEAD = 256;

/**
 * The serialised answers of read routes that opt in (`config.readCache`): a finished run's
 * ranking pages and entities, the newest ranking, an entity view. An answer is kept under the
 * request's read stamp (cache/read-stamp.ts), so any load, erasure, purge, revocation or run
 * ending (here or on another instance) retires every kept answer before the next request is
 * served; and under the caller's role and visible investigations with the URL, so an answer made
 * for one view of the data never answers a caller with another. Authentication, the rate limit
 * and the audit record happen for every request as before; only the route's own work is saved.
 * `Cache-Control: no-cache` (or no-store) on a request makes it computed afresh. The answer says
 * `x-read-cache: hit` or `miss`.
 */
export const readCachePlugin = fp(async (app: FastifyInstance, options: { maxBytes: number }) => {
  // Kept as the UTF-8 bytes that go out: a hit is sent without encoding its text again (a ranking
  // page is 60 KiB) or measuring it for Content-Length and the audit record's resultBytes.
  const answers = new StampedCache<Buffer>(options.maxBytes, (body) => body.length + ENTRY_OVERHEAD);
  app.decorateRequest('readCacheHit', false);

  const cacheable = (request: FastifyRequest) =>
    request.routeOptions.config.readCache === true && request.method === 'GET' && request.readStamp !== null && request.principal !== null;
  const keyOf = (request: FastifyRequest) => {
    const { role, investigations } = request.principal!;
    return `${role}\u0000${[...investigations].sort().join('\u001f')}\u0000${request.url}`;
  };

  app.decorate('cachedAnswer', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(request) || /no-cache|no-store/i.test(String(request.headers['cache-control'] ?? ''))) return undefined;
    const kept = answers.peek(request.readStamp!, keyOf(request));
    if (kept === undefined) return undefined;
    const body = await kept;
    request.readCacheHit = true;
    return reply.header('content-type', JSON_TYPE).header('x-read-cache', 'hit').send(body);
  });

  app.decorate('keepAnswer', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!cacheable(request) || request.readCacheHit) return payload;
    reply.header('x-read-cache', 'miss');
    if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const body = Buffer.from(payload);
    answers.put(request.readStamp!, keyOf(request), body);
    return body;
  });
});
