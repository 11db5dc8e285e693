import { Readable } from 'node:stream';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import type { AuditLog } from '../audit/audit-log.js';
import type { UnchainedRecord } from '../audit/chain.js';
import { allowedInvestigations } from '../auth/principal.js';
import { AuditUnavailableError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Record what the request changed (the response's counts): ingest and erasure. */
    auditChanges?: boolean;
  }
  interface FastifyRequest {
    /** What a handler knows that the URL does not say: the investigations and entities it touched. */
    auditContext: { investigations?: string[]; entities?: string[] } | null;
    auditFailed: boolean;
    /** A refused credential summed into its window's summary instead of recorded on its own (auth/refusals.ts). */
    auditSkipped: boolean;
  }
}

/**
 * The audit trail of every /v1 request (UK DPA 2018 Part 3, s.62: consultation, disclosure,
 * alteration, erasure…): who, role, when, route, parameters (secrets redacted), justification,
 * investigations, entities named, status, result size, and what a write changed. The response
 * leaves only once its record is committed; if it cannot be, the request fails with 503.
 */
export const auditPlugin = fp(async (app: FastifyInstance, options: { log: AuditLog }) => {
  app.decorateRequest('auditContext', null);
  app.decorateRequest('auditFailed', false);
  app.decorateRequest('auditSkipped', false);
  /** Appends a request's record; one that cannot be written fails the request, unless it failed anyway. */
  async function write(request: FastifyRequest, record: UnchainedRecord, failedAnyway: boolean): Promise<void> {
    try {
      await options.log.append(record);
    } catch (error) {
      request.auditFailed = true;
      // A request that failed anyway (the database is down, say) keeps its own answer.
      if (failedAnyway) return void request.log.error({ err: error, status: record.status }, 'audit record of a failed request not written');
      request.log.error({ err: error }, 'audit record not written; the request fails');
      throw new AuditUnavailableError((error as Error).message);
    }
  }
  app.decorate('auditStarted', async (request: FastifyRequest) =>
    write(request, { ...recordOf(request, { statusCode: 0 } as FastifyReply, undefined), changes: JSON.stringify({ status: 'started' }) }, false),
  );
  app.decorate('auditRecord', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.auditFailed || request.auditSkipped) return;
    await write(request, recordOf(request, reply, payload), reply.statusCode >= 400);
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    auditRecord: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<void>;
    /**
     * A record that a write has begun (status 0, changes {"status":"started"}), before its first
     * batch: a load killed mid-way still names who wrote, and what; its answer's record, with
     * the same requestId, completes it. Throws (the request fails with 503) if it cannot be written.
     */
    auditStarted: (request: FastifyRequest) => Promise<void>;
  }
}

const SECRET = /key|token|password|secret|authori[sz]ation|cookie/i;
const SMALL = 4_096;
const DEEP = 6;

/**
 * A value as recorded: secrets redacted; a large body as its shape (arrays as counts); a
 * streamed body (NDJSON, CSV: the request stream itself) as a marker; nothing deeper than DEEP.
 */
export function summarise(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Readable) return '[stream]';
  if (depth >= DEEP) return '[…]';
  if (Array.isArray(value)) return depth > 2 || JSON.stringify(value).length > SMALL ? { count: value.length } : value.map((v) => summarise(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = SECRET.test(key) ? '[redacted]' : summarise(inner, depth + 1);
  return out;
}

function named(values: unknown): string[] {
  if (typeof values === 'string') return [values];
  if (!Array.isArray(values)) return [];
  return values.flatMap((v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? [(v as { id: string }).id] : []));
}

function recordOf(request: FastifyRequest, reply: FastifyReply, payload: unknown): UnchainedRecord {
  const params = (request.params ?? {}) as Record<string, string>;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body as Record<string, unknown> | undefined;
  const context = request.auditContext ?? {};
  const principal = request.principal;

  const investigations = new Set<string>([
    ...named(query.investigation),
    ...named(query.investigations),
    ...named(body && typeof body === 'object' ? body.investigations : undefined),
    ...named(body && typeof body === 'object' ? (body.scope as { investigations?: unknown } | undefined)?.investigations : undefined),
    ...(context.investigations ?? []),
  ]);
  if (investigations.size === 0 && principal) for (const id of allowedInvestigations(principal) ?? ['*']) investigations.add(id);

  const entities = new Set<string>(context.entities ?? []);
  const entityId = params.entityId ?? (params.type ? params.id : undefined);
  if (params.type && entityId) entities.add(`${params.type}:${entityId}`);
  for (const ref of Array.isArray(body?.remove) ? (body.remove as { type?: unknown; id?: unknown }[]) : [])
    if (typeof ref?.type === 'string' && typeof ref.id === 'string') entities.add(`${ref.type}:${ref.id}`);

  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : Buffer.isBuffer(payload) ? payload.length : 0;
  let changes: string | null = null;
  if (request.routeOptions.config.auditChanges && reply.statusCode < 300 && typeof payload === 'string' && bytes < 1_000_000) {
    try {
      changes = JSON.stringify(summarise(JSON.parse(payload)));
    } catch {
      changes = null;
    }
  }
  const justification = request.headers['x-justification'];
  return {
    at: new Date().toISOString(),
    requestId: request.id,
    principal: principal?.id ?? 'anonymous',
    principalName: principal?.name ?? 'anonymous',
    role: principal?.role ?? 'none',
    method: request.method,
    route: request.routeOptions.url ?? request.url.split('?')[0]!,
    // Who cannot be named by a principal is named by the address the request came from.
    parameters: JSON.stringify({ params, query: summarise(query), body: body === undefined ? null : summarise(body), ...(principal ? {} : { address: request.ip }) }),
    justification: typeof justification === 'string' && justification.trim() ? justification.trim().slice(0, 1_000) : null,
    investigations: [...investigations].sort(),
    entities: [...entities].sort(),
    status: reply.statusCode,
    resultBytes: bytes,
    changes,
  };
}
