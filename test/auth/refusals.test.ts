import { request as httpRequest } from 'node:http';

import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';

import { createRefusalTracker } from '../../src/auth/refusals.js';
import { useTestApp } from '../support/app.js';
import { waitFor } from '../support/wait.js';

/**
 * A flood of bad keys from one address: refused with 401 up to RATE_LIMIT_ANON_MAX a window,
 * then 429 with Retry-After before any database work, in the one error shape; the audit trail
 * gets the first refusal and one summary per window, not a record per request. Other addresses
 * are not affected. And a request whose URL or headers are too large for the HTTP parser gets 414
 * or 431 in the one error shape (the parser's refusals happen on a socket: inject never meets them).
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('refused credentials', () => {
  let app: FastifyInstance;
  // The window is long enough for the 40 requests below on a loaded two-core machine, short enough to wait out.
  useTestApp({ RATE_LIMIT_ANON_MAX: '5', RATE_LIMIT_ANON_WINDOW_MS: '8000' }, (a) => (app = a));
  const attacker = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const badKey = (i: number) =>
    app.inject({ method: 'GET', url: '/v1/system', remoteAddress: attacker, headers: { authorization: `Bearer sna_not-a-key-${i}-0123456789abcdefghijklmnop` } });
  const mine = async () =>
    ((await app.inject({ method: 'GET', url: '/v1/audit?principal=anonymous&limit=500' })).json().items as Json[]).filter((r) => JSON.parse(r.parameters).address === attacker);

  it('turns an address away with 429 after its refusals, audits a summary, and leaves others alone', async () => {
    const statuses: number[] = [];
    let limited: Json | undefined;
    for (let i = 0; i < 40; i++) {
      const response = await badKey(i);
      statuses.push(response.statusCode);
      if (response.statusCode === 429) limited = { retryAfter: response.headers['retry-after'], body: response.json() };
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect(Number(limited!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limited!.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('too many refused credentials'), requestId: expect.any(String) } });
    // The admin, from another address, is served.
    expect((await app.inject({ method: 'GET', url: '/v1/system', remoteAddress: '127.0.0.9' })).statusCode).toBe(200);
    // One record for the first refusal now; one summary of the other 4 refusals and 35 turned away when the window ends.
    expect(await mine()).toHaveLength(1);
    await waitFor(async () => (await mine()).length === 2, 20_000);
    const [summary, first] = await mine();
    expect(first).toMatchObject({ status: 401, principal: 'anonymous', route: '/v1/system' });
    expect(summary).toMatchObject({ status: 401, principal: 'anonymous', route: 'refused credentials (summary)' });
    expect(JSON.parse(summary!.parameters)).toMatchObject({ address: attacker, refused: 4, limited: 35 });
    // The window over, the address may try again.
    expect((await badKey(99)).statusCode).toBe(401);
  });

  it('answers a URL or headers over the limit with 414 or 431 in the one error shape', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const send = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; body: string; requestId: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body, requestId: res.headers['x-request-id'] as string }));
        });
        req.on('error', reject);
        req.end();
      });
    const longUrl = await send(`/v1/entities/person/P1?justification=${'x'.repeat(20_000)}`, {});
    expect(longUrl.status).toBe(414);
    expect(JSON.parse(longUrl.body)).toEqual({ error: { code: 'URI_TOO_LONG', message: expect.stringContaining('URL'), requestId: expect.any(String) } });
    const longHeaders = await send('/v1/system', { 'x-padding': 'x'.repeat(20_000) });
    expect(longHeaders.status).toBe(431);
    expect(JSON.parse(longHeaders.body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('headers'), requestId: expect.any(String) } });

    // Audited as refusals of the address: the window's first on its own, under the id it was answered with; the next in the window's summary.
    const anonymous = async () => (await app.inject({ method: 'GET', url: '/v1/audit?principal=anonymous&limit=500' })).json().items as Json[];
    await waitFor(async () => (await anonymous()).some((r) => r.requestId === longUrl.requestId), 10_000);
    expect((await anonymous()).find((r) => r.requestId === longUrl.requestId)).toMatchObject({
      status: 414,
      method: '-',
      route: 'not parsed: URI_TOO_LONG',
      principal: 'anonymous',
    });
    expect((await anonymous()).some((r) => r.requestId === longHeaders.requestId)).toBe(false);
    await waitFor(
      async () =>
        (await anonymous()).some((r) => r.route === 'refused credentials (summary)' && JSON.parse(r.parameters).address === '127.0.0.1' && JSON.parse(r.parameters).refused >= 1),
      20_000,
    );
  });
});

describe('the refusal tracker', () => {
  it('counts per address in fixed windows, and sums all but the first refusal', () => {
    let t = 0;
    const tracker = createRefusalTracker({ max: 2, windowMs: 1000 }, () => t);
    const ended: unknown[] = [];
    expect(tracker.refused('a', (s) => ended.push(s))).toBe(true);
    expect(tracker.refused('a', (s) => ended.push(s))).toBe(false);
    expect(tracker.retryAfter('a')).toBe(1);
    expect(tracker.retryAfter('b')).toBeUndefined();
    t = 1500;
    expect(tracker.retryAfter('a')).toBeUndefined();
    tracker.flush((s) => ended.push(s));
    expect(ended).toEqual([{ address: 'a', from: new Date(0).toISOString(), to: new Date(1000).toISOString(), refused: 1, limited: 1 }]);
  });
});

describe('requests no route takes', () => {
  let app: FastifyInstance;
  useTestApp({}, (a) => (app = a));

  it('are audited: an unknown path, and a method a path does not have, each from its own address', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const tries = [
      ['GET', `/v1/no-such-route-${tag}`, `10.1.0.${Math.floor(Math.random() * 250)}`],
      ['PATCH', '/v1/system', `10.2.0.${Math.floor(Math.random() * 250)}`],
      ['OPTIONS', '/v1/system', `10.3.0.${Math.floor(Math.random() * 250)}`],
      ['GET', `/no-such-page-${tag}`, `10.4.0.${Math.floor(Math.random() * 250)}`],
    ] as const;
    for (const [method, url, remoteAddress] of tries) {
      const response = await app.inject({ method, url, remoteAddress, headers: { authorization: '' } });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    const items = (await app.inject({ method: 'GET', url: '/v1/audit?principal=anonymous&limit=500' })).json().items as Json[];
    for (const [method, url, address] of tries) {
      const record = items.find((r) => JSON.parse(r.parameters).address === address);
      expect(record, `${method} ${url}`).toMatchObject({ method, route: url, status: 404, principal: 'anonymous' });
    }
  });
});
