import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { runFixture as runOf } from './fixtures.js';
import { runCli, startCli } from './run-cli.js';

/**
 * API mode against a stand-in server that answers as scripted: what the CLI sends, and how it
 * treats refusals, an unavailable service, an answer from something else, and Ctrl-C. (The real
 * API is exercised in rank.test.ts.)
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

type Handler = (request: Seen, reply: (status: number, body: unknown) => void) => void;

let server: Server | undefined;

async function stub(handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((request, response: ServerResponse) => {
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
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, seen };
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('rank CLI, API mode', () => {
  it('sends the request with the key, who asks and a short wait, then reads the top N of the run', async () => {
    const id = randomUUID();
    const { url, seen } = await stub((request, reply) => {
      if (request.method === 'POST') reply(200, { ...runOf(id, 'done'), reused: false });
      else reply(200, { run: runOf(id, 'done'), total: 0, limit: 7, offset: 0, items: [] });
    });
    const result = await runCli(['--api', url, '--key', 'k-123', '--investigation', 'OP-1', '--top', '7', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /v1/analyses', `GET /v1/analyses/${id}/rankings?limit=7`]);
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer k-123', prefer: 'wait=10', 'x-requested-by': expect.stringMatching(/^cli:./) });
    expect(seen[0]!.body).toMatchObject({ scope: { investigations: ['OP-1'] }, writeBack: false });
    expect(seen[1]!.headers.authorization).toBe('Bearer k-123');
  });

  it('exits 4 with the API’s message when it refuses the request', async () => {
    const { url } = await stub((_request, reply) => reply(400, { error: { code: 'VALIDATION_FAILED', message: 'body.scope.investigations: too many' } }));
    const result = await runCli(['--api', url, '--investigation', 'OP-1']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('rank: the API refused POST /v1/analyses: 400 VALIDATION_FAILED: body.scope.investigations: too many\n');
  });

  it('exits 3 when the API says its database is unavailable', async () => {
    const { url } = await stub((_request, reply) => reply(503, { error: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable: down' } }));
    const result = await runCli(['--api', url, '--investigation', 'OP-1']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot serve: POST \/v1\/analyses: 503 DATABASE_UNAVAILABLE/);
  });

  it('exits 1 when what answers is not this service', async () => {
    const { url } = await stub((_request, reply) => reply(200, '<html>hello</html>'));
    const result = await runCli(['--api', url, '--investigation', 'OP-1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^rank: POST \/v1\/analyses: unexpected answer \(is http:\/\/127\.0\.0\.1:\d+\/ this service\?\)/);
  });

  it('on Ctrl-C cancels the run it is waiting for and exits 130', async () => {
    const id = randomUUID();
    let polled!: () => void;
    const polling = new Promise<void>((resolve) => (polled = resolve));
    const { url, seen } = await stub((request, reply) => {
      if (request.method === 'POST') return reply(202, { ...runOf(id, 'running'), reused: false });
      if (request.method === 'DELETE') return reply(200, runOf(id, 'cancelled'));
      polled();
      reply(200, runOf(id, 'running'));
    });
    const { child, done } = startCli(['--api', url, '--investigation', 'OP-1']);
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
