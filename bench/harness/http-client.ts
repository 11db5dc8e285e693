import { Agent, request } from 'node:http';

import { BENCH_AUTH } from './service.js';

/**
 * The HTTP client of bench/runs/main.ts: one request at a time over a kept-alive connection, as an
 * analyst's browser or script would read a finished run, timed from the request's start to
 * the last byte of the answer. node:http instead of fetch: undici gives up on an answer whose
 * headers take more than 5 minutes, and a waited-for run at a large size may.
 */

export interface HttpAnswer {
  status: number;
  ms: number;
  bytes: number;
  body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function call(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<HttpAnswer> {
  signal?.throwIfAborted();
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { 'x-requested-by': 'bench/runs', ...BENCH_AUTH };
  if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(payload.length) });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes: all.length, body: all });
      });
    });
    req.once('error', reject);
    req.end(payload);
  });
}

/** The answer's body as JSON; any other status than `expected` is an error naming the request. */
export function json<T>(answer: HttpAnswer, what: string, expected: readonly number[] = [200]): T {
  if (!expected.includes(answer.status)) throw new Error(`bench/harness/http-client: ${what} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 500)}`);
  return JSON.parse(answer.body.toString('utf8')) as T;
}

export function closeConnections(): void {
  agent.destroy();
}
