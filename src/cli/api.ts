import { setTimeout as sleep } from 'node:timers/promises';

import type { z } from 'zod';

import { InvestigationListSchema } from '../schemas/investigations.js';
import { AnalysisRunSchema, RankingPageSchema, RunSubmittedSchema } from '../schemas/runs.js';
import { RefusedError, UnreachableError } from './rank-errors.js';
import type { RankBackend } from './rank-jobs.js';

/**
 * API mode: the same jobs through the service's HTTP API, with the key from SNA_API_KEY (or
 * --key). What it may rank is what GET /v1/investigations shows the key. POST /v1/analyses
 * waits up to SUBMIT_WAIT_S for the run (small scopes end within it), then GET
 * /v1/analyses/{id} is polled. Responses are checked against the API's own schemas.
 */

const SUBMIT_WAIT_S = 10;
/** The largest page GET /v1/investigations serves. */
const INVESTIGATIONS_PAGE = 1000;
/** A request that takes this much longer than it asked to wait has hung. */
const REQUEST_TIMEOUT_MS = 60_000;

class HttpStatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

export function createApiBackend(base: string, key?: string): RankBackend {
  const root = base.endsWith('/') ? base : `${base}/`;

  async function call<T>(method: string, path: string, schema: z.ZodType<T>, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const what = `${method} ${new URL(path, root).pathname}`;
    let response: Response;
    try {
      response = await fetch(new URL(path, root), {
        method,
        headers: {
          accept: 'application/json',
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new UnreachableError(`cannot reach the API at ${base}: ${cause}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } | undefined)?.error;
      const details = error?.details?.length ? ` (${error.details.map((d) => `${d.path}: ${d.message}`).join('; ')})` : '';
      const hint = response.status === 401 && key === undefined ? ' (no API key was sent: set SNA_API_KEY)' : '';
      const message = `${what}: ${response.status} ${error ? `${error.code}: ${error.message}${details}` : text.slice(0, 200) || response.statusText}${hint}`;
      if ([502, 503, 504].includes(response.status)) throw new UnreachableError(`the API at ${base} cannot serve: ${message}`);
      if (response.status >= 400 && response.status < 500 && response.status !== 404 && response.status !== 409) throw new RefusedError(`the API refused ${message}`);
      throw new HttpStatusError(message, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new Error(`${what}: unexpected answer (is ${base} this service?): ${parsed.error.issues[0]?.message ?? 'not JSON'}`);
    return parsed.data;
  }

  const runPath = (id: string) => `v1/analyses/${encodeURIComponent(id)}`;

  return {
    where: 'that this API key may see',
    async investigations() {
      const ids: string[] = [];
      for (let offset = 0; ; offset += INVESTIGATIONS_PAGE) {
        const page = await call('GET', `v1/investigations?limit=${INVESTIGATIONS_PAGE}&offset=${offset}`, InvestigationListSchema);
        ids.push(...page.items.map((item) => item.id));
        if (page.items.length < INVESTIGATIONS_PAGE || ids.length >= page.total) return ids;
      }
    },
    async submit(request, requestedBy) {
      const { reused, ...run } = await call('POST', 'v1/analyses', RunSubmittedSchema, {
        body: request,
        headers: { prefer: `wait=${SUBMIT_WAIT_S}`, 'x-requested-by': requestedBy },
      });
      return { run, reused };
    },
    async wait(id, ms) {
      await sleep(ms);
      return call('GET', runPath(id), AnalysisRunSchema);
    },
    async cancel(id) {
      try {
        await call('DELETE', runPath(id), AnalysisRunSchema);
      } catch (error) {
        // 409: it has ended meanwhile.
        if (!(error instanceof HttpStatusError && error.status === 409)) throw error;
      }
    },
    rankings: (id, top) => call('GET', `${runPath(id)}/rankings?limit=${top}`, RankingPageSchema),
    async close() {},
  };
}
