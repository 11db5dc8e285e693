import { generateKeyPairSync } from 'node:crypto';

import { importPKCS8, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';

import { createJwtVerifier, type JwtSettings } from '../../src/auth/jwt.js';

/** Token lifetimes: a token must expire, and not live longer than AUTH_JWT_MAX_AGE_S. */

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const settings: JwtSettings = { issuer: 'https://sso.example.test', publicKey, algorithm: 'RS256', roleClaim: 'role', investigationsClaim: 'investigations', maxAgeS: 3600 };
const verify = createJwtVerifier(settings);
const now = () => Math.floor(Date.now() / 1000);

async function token(times: { iat?: number; exp?: number }) {
  const jwt = new SignJWT({ role: 'viewer', investigations: ['OP-1'] }).setProtectedHeader({ alg: 'RS256' }).setIssuer(settings.issuer).setSubject('officer-7');
  if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
  return jwt.sign(await importPKCS8(privateKey, 'RS256'));
}

describe('JWT lifetimes', () => {
  it('accepts a token that lives up to the limit', async () => {
    await expect(verify(await token({ iat: now(), exp: now() + 3600 }))).resolves.toMatchObject({ id: 'jwt:https://sso.example.test:officer-7', role: 'viewer' });
    await expect(verify(await token({ exp: now() + 600 }))).resolves.toMatchObject({ role: 'viewer' });
  });

  it('refuses a token without an expiry', async () => {
    await expect(verify(await token({ iat: now() }))).rejects.toThrow('the token has no expiry (exp)');
    await expect(verify(await token({}))).rejects.toThrow('the token has no expiry (exp)');
  });

  it('refuses a token made to live longer than the limit, from its issue or, without one, from now', async () => {
    await expect(verify(await token({ iat: now(), exp: now() + 3601 }))).rejects.toThrow('the token lives 3601 s, longer than the 3600 s allowed (AUTH_JWT_MAX_AGE_S)');
    await expect(verify(await token({ iat: now() - 86_400, exp: now() + 60 }))).rejects.toThrow(/longer than the 3600 s allowed/);
    await expect(verify(await token({ exp: now() + 7200 }))).rejects.toThrow(/longer than the 3600 s allowed/);
  });
});
