import { generateKeyPairSync } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { importPKCS8, SignJWT } from 'jose';
import neo4j from 'neo4j-driver';
import { beforeAll, describe, expect, it } from 'vitest';

import { type PrivateDatabase, usePrivateDatabaseApp } from '../support/embedded.js';
import { GRADING } from '../support/graph.js';

/**
 * On a database of its own (it tampers with the audit trail and makes it fail): single sign-on
 * tokens, required justifications, rate limiting, security headers, a tampered audit record
 * found by verification, and a request refused when its audit record cannot be written.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const ISSUER = 'https://sso.example.test';

async function token(claims: Record<string, unknown>, options: { issuer?: string; expires?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(options.issuer ?? ISSUER)
    .setSubject('officer-42')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '10m')
    .sign(await importPKCS8(privateKey, 'RS256'));
}

describe('hardening', () => {
  let app: FastifyInstance;
  let database: PrivateDatabase;
  const env = {
    AUTH_JWT_ISSUER: ISSUER,
    AUTH_JWT_PUBLIC_KEY: publicKey.replace(/\n/g, '\\n'),
    AUDIT_REQUIRE_JUSTIFICATION: 'true',
    RATE_LIMIT_MAX: '40',
    RATE_LIMIT_WINDOW_MS: '60000',
  };
  usePrivateDatabaseApp('hardening', env, (a, db) => ((app = a), (database = db)));

  beforeAll(async () => {
    for (const inv of ['OP-H1', 'OP-H2']) {
      const loaded = await app.inject({
        method: 'POST',
        url: '/v1/ingest',
        payload: { investigations: [{ id: inv }], defaults: { source: 'REP-H', grading: GRADING }, people: [{ id: `${inv}-P1`, name: `Someone ${inv}` }] },
      });
      expect(loaded.statusCode, loaded.body).toBe(200);
    }
  });

  it('accepts a token from the configured issuer, with its role and investigations from claims', async () => {
    const jwt = await token({ role: 'viewer', investigations: ['OP-H1'] });
    const get = (id: string, bearer = jwt) =>
      app.inject({ method: 'GET', url: `/v1/entities/person/${id}`, headers: { authorization: `Bearer ${bearer}`, 'x-justification': 'test' } });
    expect((await get('OP-H1-P1')).statusCode).toBe(200);
    expect((await get('OP-H2-P1')).statusCode).toBe(404);
    const ingest = await app.inject({ method: 'POST', url: '/v1/ingest', payload: {}, headers: { authorization: `Bearer ${jwt}` } });
    expect(ingest.statusCode).toBe(403);
    for (const bad of [
      await token({ role: 'viewer', investigations: ['OP-H1'] }, { issuer: 'https://evil.example' }),
      await token({ role: 'viewer' }, { expires: '-1m' }),
      await token({ role: 'overlord', investigations: '*' }),
      `${jwt.slice(0, -4)}AAAA`,
    ]) {
      const response = await get('OP-H1-P1', bad);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses an entity lookup, a neighbourhood, money views or an export without a justification', async () => {
    for (const url of ['/v1/entities/person/OP-H1-P1', '/v1/entities/person/OP-H1-P1/network', '/v1/money/flows', '/v1/money/trace?entity=person/OP-H1-P1']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.code).toBe('JUSTIFICATION_REQUIRED');
    }
    const justified = await app.inject({ method: 'GET', url: '/v1/entities/person/OP-H1-P1', headers: { 'x-justification': 'warrant 12/2026' } });
    expect(justified.statusCode).toBe(200);
    // Search needs none.
    expect((await app.inject({ method: 'GET', url: '/v1/entities?q=Someone' })).statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('finds a tampered audit record, and names it', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/audit/verify' })).json()).toMatchObject({ ok: true });
    const driver = neo4j.driver(database.uri);
    try {
      const { records } = await driver.executeQuery(
        'MATCH (a:AuditRecord) WITH a ORDER BY a.seq SKIP 1 LIMIT 1 SET a.status = 200, a.justification = "rewritten" RETURN a.seq AS seq',
      );
      const seq = records[0]!.get('seq').toNumber();
      const verify = (await app.inject({ method: 'GET', url: '/v1/audit/verify' })).json();
      expect(verify).toMatchObject({ ok: false, checked: seq - 1, firstBroken: { seq, reason: 'its content does not match its hash (changed after it was written)' } });
    } finally {
      await driver.close();
    }
  });

  it('refuses a request whose audit record cannot be written', async () => {
    const driver = neo4j.driver(database.uri);
    try {
      // A record where the next one must go: its seq is taken, the append fails.
      await driver.executeQuery('MATCH (h:AuditHead) CREATE (:AuditRecord {seq: h.seq + 1, hash: "squatter"})');
      const response = await app.inject({ method: 'GET', url: '/v1/system' });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.code).toBe('AUDIT_UNAVAILABLE');
      expect(response.body).not.toContain('"version"');
      await driver.executeQuery('MATCH (a:AuditRecord {hash: "squatter"}) DELETE a');
      expect((await app.inject({ method: 'GET', url: '/v1/system' })).statusCode).toBe(200);
    } finally {
      await driver.close();
    }
  });

  it('limits each principal’s request rate with 429 and Retry-After', async () => {
    const jwt = await token({ role: 'viewer', investigations: '*' });
    let limited: Json | undefined;
    for (let i = 0; i < 45 && !limited; i++) {
      const response = await app.inject({ method: 'GET', url: '/v1/system', headers: { authorization: `Bearer ${jwt}` } });
      if (response.statusCode === 429) limited = { headers: response.headers, body: response.json() };
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited!.body.error.code).toBe('RATE_LIMITED');
    // Another principal is not held back by it.
    expect((await app.inject({ method: 'GET', url: '/v1/system' })).statusCode).not.toBe(429);
  });
});
