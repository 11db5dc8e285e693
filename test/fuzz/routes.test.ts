import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { uniqueTag } from '../support/graph.js';
import { taggedNetwork } from '../support/network.js';
import { waitFor } from '../support/wait.js';
import { type FuzzContext, type FuzzRequest, type Operation, operationsOf, requestArb } from './requests.js';
import type { OpenApiDocument } from './schema-values.js';
import { errorShape, send, soundness } from './send.js';
import { anyBodyText, anyString, contentType } from './values.js';

/**
 * Property-based fuzzing of every operation in the OpenAPI document (so a route added later is
 * fuzzed too), the documentation itself, and paths and methods the document does not have:
 * random and malformed bodies, content types, query strings, path parameters and headers, on
 * top of a small network of the fuzz's own and a finished run over it, whose ids are swapped
 * in now and then so that requests also get past "not found". For every request: an answer
 * within HANG_MS, never a 5xx, and Object.prototype untouched; errors that leave without the
 * ErrorResponse shape are gathered and checked by the last test (send.ts). The seed is fixed
 * so a failure is reproducible (FUZZ_SEED and FUZZ_RUNS explore further by hand). Keys and runs
 * the fuzz happens to create are revoked and purged after.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 25);
/** An operation with no parameters and no body varies only by headers and a stray body: fewer runs. */
const RUNS_WITHOUT_INPUTS = 5;

const FAMILIES: { name: string; paths: RegExp }[] = [
  { name: 'health and documentation', paths: /^\/(healthz|readyz|docs)\b/ },
  { name: 'API keys and the audit trail', paths: /^\/v1\/(keys|audit)\b/ },
  { name: 'system', paths: /^\/v1\/system\b/ },
  { name: 'ingest', paths: /^\/v1\/ingest\b/ },
  { name: 'entities', paths: /^\/v1\/entities\b/ },
  { name: 'money', paths: /^\/v1\/money\b/ },
  { name: 'analyses and rankings', paths: /^\/v1\/(analyses|rankings)\b/ },
  { name: 'disruption', paths: /^\/v1\/disruption\b/ },
];

/** Served but not in the document. */
const UNDOCUMENTED: Operation[] = ['/docs/json', '/docs/yaml', '/docs'].map((path) => ({ method: 'GET', path, parameters: [] }));

describe(`fuzzing every route (fast-check seed ${SEED}, ${RUNS_PER_OPERATION} runs per operation, ${RUNS_WITHOUT_INPUTS} without inputs)`, () => {
  let app: FastifyInstance;
  let operations: Operation[];
  let ctx: FuzzContext;
  const tag = uniqueTag();
  const made = { keys: [] as string[], runs: [] as string[] };
  /** Errors without the ErrorResponse shape, by status and code, the shortest request of each. */
  const misshapen = new Map<string, string>();

  // Waits for runs (?wait=true, Prefer: wait) end well inside the hang timeout.
  useTestApp({ ANALYSIS_MAX_WAIT_MS: '2000' }, (a) => (app = a));

  beforeAll(async () => {
    const docs = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    const doc = docs.json<OpenApiDocument>();
    operations = [...operationsOf(doc), ...UNDOCUMENTED];

    const { document } = taggedNetwork(100, 11, tag);
    const loaded = await app.inject({ method: 'POST', url: '/v1/ingest', payload: document as object });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const investigations = document.investigations.map((i) => i.id);
    const run = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope: { investigations } } });
    expect(run.statusCode, run.body).toBeLessThan(300);
    const runId = run.json<{ id: string }>().id;
    made.runs.push(runId);
    await waitFor(async () => (await app.inject({ method: 'GET', url: `/v1/analyses/${runId}` })).json<{ status: string }>().status === 'done', 120_000);
    const communities = (await app.inject({ method: 'GET', url: `/v1/analyses/${runId}/communities?limit=3` })).json<{ items: { id: string }[] }>().items;
    const records = Object.values(document).flatMap((value) => (Array.isArray(value) ? (value as { id?: string }[]).slice(0, 3).flatMap((r) => (r.id ? [r.id] : [])) : []));
    ctx = { doc, tag, words: [tag, ...investigations, ...records, ...communities.map((c) => c.id)], uuids: [runId] };
  });

  afterAll(async () => {
    for (const id of made.keys) await app.inject({ method: 'DELETE', url: `/v1/keys/${id}` });
    for (const id of made.runs) {
      await app.inject({ method: 'DELETE', url: `/v1/analyses/${id}` });
      await app.inject({ method: 'DELETE', url: `/v1/analyses/${id}?purge=true` });
    }
  });

  /** Keys and runs that a (valid, by chance) request created, to be cleared after. */
  function remember(request: FuzzRequest, response: LightMyRequestResponse): void {
    if (response.statusCode >= 300 || request.method !== 'POST') return;
    const body = JSON.parse(response.body) as { id?: string; reused?: boolean };
    if (request.url.startsWith('/v1/keys') && body.id) made.keys.push(body.id);
    if (/^\/v1\/analyses(\?|$)/.test(request.url) && body.id && !body.reused) made.runs.push(body.id);
  }

  /** Every problem over the runs (the property itself never fails, so fast-check runs them all). */
  async function fuzz(requests: fc.Arbitrary<FuzzRequest>, numRuns: number): Promise<string[]> {
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const response = await send(app, request).catch((error: Error) => error);
        if (response instanceof Error) return void problems.push(response.message);
        remember(request, response);
        const problem = soundness(request, response);
        if (problem) problems.push(problem);
        const shape = errorShape(request, response);
        const kind = `${response.statusCode} ${/"code":"(\w+)"/.exec(response.body)?.[1] ?? ''}`;
        if (shape && shape.length < (misshapen.get(kind)?.length ?? Infinity)) misshapen.set(kind, shape);
      }),
      { numRuns, seed: SEED },
    );
    return problems;
  }

  const familyOf = (path: string) => FAMILIES.find((family) => family.paths.test(path));

  async function fuzzOperations(mine: Operation[]): Promise<string[]> {
    const problems: string[] = [];
    for (const op of mine) {
      problems.push(...(await fuzz(requestArb(op, ctx), op.parameters.length > 0 || op.body ? RUNS_PER_OPERATION : RUNS_WITHOUT_INPUTS)));
    }
    return problems;
  }

  for (const family of FAMILIES) {
    it(`${family.name}: no 5xx, no hang`, async () => {
      const mine = operations.filter((op) => familyOf(op.path) === family);
      expect(mine.length).toBeGreaterThan(0);
      expect(await fuzzOperations(mine)).toEqual([]);
    });
  }

  it('routes of no family above (added later): no 5xx, no hang', async () => {
    expect(await fuzzOperations(operations.filter((op) => !familyOf(op.path)))).toEqual([]);
  });

  it('methods and paths the document does not have: no 5xx, no hang', async () => {
    const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
    const paths = ctx.doc.paths;
    const documented = (method: string, path: string) => Object.keys(paths[path] ?? {}).some((m) => m.toUpperCase() === method || (method === 'HEAD' && m === 'get'));
    const otherMethod = fc
      .tuple(fc.constantFrom(...Object.keys(paths)), fc.constantFrom(...METHODS), anyString)
      .filter(([path, method]) => !documented(method, path))
      .map(([path, method, value]) => ({ method, path: path.replace(/\{\w+\}/g, encodeURIComponent(value)) }));
    // Encoded, so a random path is one segment and never reaches a DELETE route.
    const unknownPath = fc
      .tuple(fc.constantFrom(...METHODS), fc.constantFrom('/', '/v1/', '/v2/', '/docs/'), anyString)
      .map(([method, prefix, value]) => ({ method, path: `${prefix}${encodeURIComponent(value)}` }));
    const requests = fc
      .tuple(fc.oneof(otherMethod, unknownPath), fc.option(fc.record({ text: anyBodyText, type: contentType }), { nil: undefined }))
      .map(([{ method, path }, body]): FuzzRequest => ({
        method,
        url: path,
        headers: body?.type ? { 'content-type': body.type } : {},
        ...(body && method !== 'GET' && method !== 'HEAD' ? { payload: body.text } : {}),
      }));
    expect(await fuzz(requests, 60)).toEqual([]);
  });

  it('every error the fuzz above met has the ErrorResponse shape', () => {
    expect([...misshapen.values()]).toEqual([]);
  });
});
