import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { createApiBackend } from '../../src/cli/api.js';
import { runFixture as runOf } from './fixtures.js';
import { runCli, startCli } from './run-cli.js';

/**
 * API mode against a stand-in server that answers as scripted: what the CLI sends, where it
 * takes the key from, how it checks the investigations named, and how it treats refusals, an
 * unavailable service, an answer from something else, and Ctrl-C. (The real API is exercised
 * in rank.test.ts.)
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

type Handler = (request: Seen, reply: (status: number, body: unknown) => void) => void;

const servers: Server[] = [];

async function stub(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response: ServerResponse) => {
    let text = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      const entry = { method: request.method!, url: request.url!, headers: request.headers, body: text ? JSON.parse(text) : undefined };
      seen.push(entry);
      handler(entry, (status, body) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
      });
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, seen };
}

/** A page of GET /v1/investigations over `ids`, as the API answers `url`. */
function investigationPage(ids: string[], url: string) {
  const query = new URL(url, 'http://stub').searchParams;
  const limit = Number(query.get('limit') ?? 100);
  const offset = Number(query.get('offset') ?? 0);
  const entities = { person: 0, organisation: 0, vessel: 0, location: 0, route: 0, crossing: 0, payment: 0, account: 0 };
  const items = ids.slice(offset, offset + limit).map((id) => ({ id, name: null, entities, relations: 0, dataVersion: 1, latestRun: null }));
  return { total: ids.length, limit, offset, items };
}

/** A stand-in API with these investigations; every other request goes to `handler`. */
const serving =
  (ids: string[], handler: Handler): Handler =>
  (request, reply) => {
    if (request.method === 'GET' && request.url.startsWith('/v1/investigations')) return reply(200, investigationPage(ids, request.url));
    handler(request, reply);
  };

/** Environment without a key, whatever the test runner's has. */
const NO_KEY = { SNA_API_KEY: '' };

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

describe('rank CLI, API mode', () => {
  const answering = (id: string) =>
    serving(['OP-1', 'OP-2'], (request, reply) => {
      if (request.method === 'POST') reply(200, { ...runOf(id, 'done'), reused: false });
      else reply(200, { run: runOf(id, 'done'), total: 3, limit: 7, offset: 0, items: [] });
    });

  it('checks the investigation is one the key may see, sends the request with the key from SNA_API_KEY, who asks and a short wait, then reads the top N', async () => {
    const id = randomUUID();
    const { url, seen } = await stub(answering(id));
    const result = await runCli(['--api', url, '--investigation', 'OP-1', '--top', '7', '--format', 'json'], { SNA_API_KEY: 'k-123' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /v1/investigations?limit=1000&offset=0', 'POST /v1/analyses', `GET /v1/analyses/${id}/rankings?limit=7`]);
    expect(seen[1]!.headers).toMatchObject({ authorization: 'Bearer k-123', prefer: 'wait=10', 'x-requested-by': expect.stringMatching(/^cli:./) });
    expect(seen[1]!.body).toMatchObject({ scope: { investigations: ['OP-1'] }, writeBack: false });
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer k-123', 'Bearer k-123', 'Bearer k-123']);
  });

  it('still takes the key from --key, over SNA_API_KEY, with a warning that it shows in ps and shell history', async () => {
    const id = randomUUID();
    const { url, seen } = await stub(answering(id));
    const result = await runCli(['--api', url, '--key', 'k-flag', '--investigation', 'OP-1', '--format', 'json'], { SNA_API_KEY: 'k-env' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('rank: warning: --key is visible to anyone on this machine (ps) and stays in your shell history: put the key in SNA_API_KEY instead\n');
    expect(new Set(seen.map((s) => s.headers.authorization))).toEqual(new Set(['Bearer k-flag']));
  });

  it('exits 4 naming an investigation the key may not see (or that does not exist), before any run', async () => {
    const { url, seen } = await stub(answering(randomUUID()));
    const result = await runCli(['--api', url, '--investigation', 'OP-1', '--investigation', 'OP-TYDE'], { SNA_API_KEY: 'k-123' });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('rank: no investigation OP-TYDE that this API key may see: nothing was ranked\n');
    expect(seen.map((s) => s.method)).toEqual(['GET']);
  });

  it('ranks every investigation the key may see with --all-investigations, read page by page', async () => {
    const id = randomUUID();
    const { url, seen } = await stub(answering(id));
    const result = await runCli(['--api', url, '--all-investigations', '--format', 'json'], { SNA_API_KEY: 'k-123' });
    expect(result.code, result.stderr).toBe(0);
    expect(seen.filter((s) => s.method === 'POST').map((s) => (s.body as { scope: { investigations: string[] } }).scope.investigations)).toEqual([['OP-1'], ['OP-2']]);

    const ids = Array.from({ length: 1500 }, (_, i) => `OP-${String(i).padStart(4, '0')}`);
    const many = await stub(serving(ids, (_request, reply) => reply(500, {})));
    expect(await createApiBackend(many.url, 'k').investigations()).toEqual(ids);
    expect(many.seen.map((s) => s.url)).toEqual(['/v1/investigations?limit=1000&offset=0', '/v1/investigations?limit=1000&offset=1000']);
  });

  it('says SNA_API_KEY is not set when the API asks for a key', async () => {
    const { url } = await stub((_request, reply) => reply(401, { error: { code: 'UNAUTHORIZED', message: 'missing bearer token' } }));
    const result = await runCli(['--api', url, '--investigation', 'OP-1'], NO_KEY);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe('rank: the API refused GET /v1/investigations: 401 UNAUTHORIZED: missing bearer token (no API key was sent: set SNA_API_KEY)\n');
  });

  it('exits 4 with the API’s message and its details when it refuses the request', async () => {
    const { url } = await stub(
      serving(['OP-1'], (_request, reply) =>
        reply(400, { error: { code: 'VALIDATION_FAILED', message: 'request body is invalid', details: [{ path: 'body.scope.investigations', message: 'too many' }] } }),
      ),
    );
    const result = await runCli(['--api', url, '--investigation', 'OP-1'], NO_KEY);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('rank: the API refused POST /v1/analyses: 400 VALIDATION_FAILED: request body is invalid (body.scope.investigations: too many)\n');
  });

  it('exits 3 when the API says its database is unavailable', async () => {
    const { url } = await stub(serving(['OP-1'], (_request, reply) => reply(503, { error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable: down' } })));
    const result = await runCli(['--api', url, '--investigation', 'OP-1'], NO_KEY);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot serve: POST \/v1\/analyses: 503 DATABASE_UNAVAILABLE/);
  });

  it('exits 1 when what answers is not this service', async () => {
    const { url } = await stub((_request, reply) => reply(200, '<html>hello</html>'));
    const result = await runCli(['--api', url, '--investigation', 'OP-1'], NO_KEY);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^rank: GET \/v1\/investigations: unexpected answer \(is http:\/\/127\.0\.0\.1:\d+\/ this service\?\)/);
  });

  it('on Ctrl-C cancels the run it is waiting for and exits 130', async () => {
    const id = randomUUID();
    let polled!: () => void;
    const polling = new Promise<void>((resolve) => (polled = resolve));
    const { url, seen } = await stub(
      serving(['OP-1'], (request, reply) => {
        if (request.method === 'POST') return reply(202, { ...runOf(id, 'running'), reused: false });
        if (request.method === 'DELETE') return reply(200, runOf(id, 'cancelled'));
        polled();
        reply(200, runOf(id, 'running'));
      }),
    );
    const { child, done } = startCli(['--api', url, '--investigation', 'OP-1'], NO_KEY);
    await polling;
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(seen.filter((s) => s.method === 'DELETE').map((s) => s.url)).toEqual([`/v1/analyses/${id}`]);
    expect(result.stderr).toMatch(/SIGINT: cancelling the run in progress/);
    expect(result.stderr).toMatch(new RegExp(`interrupted; run ${id} \\(OP-1\\) cancelled`));
    expect(result.stdout).toBe('');
  });
});
