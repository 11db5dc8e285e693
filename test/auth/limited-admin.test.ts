import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hashKey } from '../../src/auth/api-keys.js';
import { buildTestApp, testDriver, useTestApp } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';

/**
 * An admin limited to investigation A, tried as an attacker would: it must see, make and revoke
 * only keys within A (never a wider one, never the operator's), read only A's audit records,
 * and not walk the whole chain. Each answer is scanned whole for what lies outside A. Then the
 * operator's key of last resort (ADMIN_API_KEY), revoked, comes back at the next start.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('an admin limited to one investigation', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const A = `OP-LA-${tag}`;
  const B = `OP-LB-${tag}`;
  const keys: Record<string, { id: string; key: string }> = {};
  const as = (who: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${keys[who]!.key}` } });

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    for (const inv of [A, B]) {
      const loaded = await app.inject({
        method: 'POST',
        url: '/v1/ingest',
        payload: { investigations: [{ id: inv }], defaults: { source: `SRC-${inv}`, grading: GRADING }, people: [{ id: `${inv}-P1`, name: `Person of ${inv}` }] },
      });
      expect(loaded.statusCode, loaded.body).toBe(200);
    }
    for (const [name, role, investigations] of [
      ['adminA', 'admin', [A]],
      ['viewerA', 'viewer', [A]],
      ['viewerB', 'viewer', [B]],
      ['viewerAB', 'viewer', [A, B]],
      ['viewerAll', 'viewer', ['*']],
    ] as const) {
      const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `${name}-${tag}`, role, investigations } });
      expect(made.statusCode, made.body).toBe(201);
      keys[name] = { id: made.json().id, key: made.json().key };
    }
  });

  it('lists only keys within its investigations', async () => {
    const listed = await as('adminA', 'GET', '/v1/keys');
    expect(listed.statusCode).toBe(200);
    const items = listed.json() as Json[];
    for (const key of items) {
      expect(key.investigations).not.toContain('*');
      for (const id of key.investigations) expect(id).toBe(A);
    }
    const ids = items.map((k) => k.id);
    expect(ids).toEqual(expect.arrayContaining([keys.adminA!.id, keys.viewerA!.id]));
    for (const hidden of ['viewerB', 'viewerAB', 'viewerAll']) expect(ids).not.toContain(keys[hidden]!.id);
    expect(listed.body).not.toContain(B);
    expect(listed.body).not.toContain('ADMIN_API_KEY');
  });

  it('cannot revoke a wider key, the operator’s included, and does not learn that it exists', async () => {
    const operator = ((await app.inject({ method: 'GET', url: '/v1/keys' })).json() as Json[]).find((k) => k.name === 'ADMIN_API_KEY' && k.revokedAt === null)!;
    const unknown = await as('adminA', 'DELETE', '/v1/keys/00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    for (const id of [operator.id, keys.viewerB!.id, keys.viewerAB!.id, keys.viewerAll!.id]) {
      const refused = await as('adminA', 'DELETE', `/v1/keys/${id}`);
      expect(refused.statusCode).toBe(404);
      // Byte for byte the unknown key's answer, but for the id and the request's own id.
      const shape = (body: string, key: string) => body.replaceAll(key, 'ID').replace(/"requestId":"[^"]*"/, '');
      expect(shape(refused.body, id)).toBe(shape(unknown.body, '00000000-0000-4000-8000-000000000000'));
    }
    for (const who of ['viewerB', 'viewerAB', 'viewerAll']) expect((await as(who, 'GET', '/v1/system')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/system' })).statusCode).toBe(200);
    const own = await as('adminA', 'DELETE', `/v1/keys/${keys.viewerA!.id}`);
    expect(own.statusCode).toBe(200);
    expect((await as('viewerA', 'GET', '/v1/system')).statusCode).toBe(401);
  });

  it('grants no key beyond its investigations, `*` included', async () => {
    for (const investigations of [['*'], [B], [A, B]]) {
      const refused = await as('adminA', 'POST', '/v1/keys', { name: `wide-${tag}`, role: 'viewer', investigations });
      expect(refused.statusCode).toBe(400);
    }
  });

  it('reads only audit records of its investigations, and cannot verify the whole chain', async () => {
    // Activity in B and across both, by others.
    expect((await as('viewerB', 'GET', `/v1/entities/person/${B}-P1`)).statusCode).toBe(200);
    expect((await as('viewerAB', 'GET', `/v1/entities?q=Person&investigations=${B}`)).statusCode).toBeLessThan(500);
    const ofB = await as('adminA', 'GET', `/v1/audit?investigation=${encodeURIComponent(B)}`);
    expect(ofB.statusCode).toBe(200);
    expect(ofB.json()).toMatchObject({ total: 0, items: [] });
    const page = await as('adminA', 'GET', '/v1/audit?limit=500');
    expect(page.statusCode).toBe(200);
    const items = page.json().items as Json[];
    expect(items.some((r) => r.investigations.includes(A))).toBe(true);
    for (const record of items) {
      expect(record.investigations.length).toBeGreaterThan(0);
      for (const id of record.investigations) expect(id).toBe(A);
    }
    expect(page.body).not.toContain(B);
    const verify = await as('adminA', 'GET', '/v1/audit/verify');
    expect(verify.statusCode).toBe(403);
    expect(verify.json().error.code).toBe('FORBIDDEN');
    // An admin of everything still reads B's records and verifies.
    expect((await app.inject({ method: 'GET', url: `/v1/audit?investigation=${encodeURIComponent(B)}` })).json().total).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/v1/audit/verify' })).statusCode).toBe(200);
  });
});

describe('the operator’s key of last resort', () => {
  const operatorKey = `sna_last-resort-${uniqueTag()}-0123456789abcdefghijklmnopqrstuv`;
  const open: FastifyInstance[] = [];
  const driver = testDriver();
  afterAll(async () => {
    for (const app of open) await app.close();
    await driver.close();
  });
  const start = async () => {
    const app = await buildTestApp({ ADMIN_API_KEY: operatorKey });
    open.push(app);
    return app;
  };
  const use = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/v1/keys', headers: { authorization: `Bearer ${operatorKey}` } });

  it('is enabled again at the next start after it was revoked', async () => {
    const first = await start();
    expect((await use(first)).statusCode).toBe(200);
    const id = (await one<{ id: string }>(driver, 'MATCH (k:ApiKey {hash: $hash}) RETURN k.id AS id', { hash: hashKey(operatorKey) })).id;
    const revoked = await first.inject({ method: 'DELETE', url: `/v1/keys/${id}`, headers: { authorization: `Bearer ${operatorKey}` } });
    expect(revoked.statusCode).toBe(200);
    expect((await use(first)).statusCode).toBe(401);
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = await start();
    expect((await use(second)).statusCode).toBe(200);
    const stored = await one<{ revokedAt: string | null; reenabledFrom: string | null }>(
      driver,
      'MATCH (k:ApiKey {id: $id}) RETURN k.revokedAt AS revokedAt, k.reenabledFrom AS reenabledFrom',
      { id },
    );
    expect(stored.revokedAt).toBeNull();
    expect(stored.reenabledFrom).toContain(`by key:${id}`);
  });
});
