import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey } from 'jose';

import { ALL_INVESTIGATIONS, type Principal, type Role, ROLES } from './principal.js';

/**
 * JSON Web Tokens from an organisation's single sign-on: signed by the configured issuer, checked
 * against its public key (PEM) or its JWKS URL with jose, audience checked when configured. The
 * role and investigations come from claims (names configurable): a role claim may be a string or
 * a list (the most privileged known role wins); investigations a list of ids or `*`. A token must
 * expire (`exp`), within AUTH_JWT_MAX_AGE_S of its issue.
 */

export interface JwtSettings {
  issuer: string;
  audience?: string;
  /** SPKI PEM; or jwksUrl. */
  publicKey?: string;
  jwksUrl?: string;
  /** For a PEM key: RS256, ES256, EdDSA… */
  algorithm: string;
  roleClaim: string;
  investigationsClaim: string;
  /** The longest lifetime a token may have: `exp - iat` (without `iat`, what is left of it), in seconds. */
  maxAgeS: number;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

/** Most privileged first. */
const PRIVILEGE: readonly Role[] = ['admin', 'analyst', 'ingest', 'viewer'];

export function createJwtVerifier(settings: JwtSettings): (token: string) => Promise<Principal> {
  type PublicKey = Awaited<ReturnType<typeof importSPKI>>;
  let key: Promise<PublicKey | JWTVerifyGetKey> | undefined;
  const keyOf = () => (key ??= settings.jwksUrl ? Promise.resolve(createRemoteJWKSet(new URL(settings.jwksUrl))) : importSPKI(settings.publicKey!, settings.algorithm));

  return async (token) => {
    let payload;
    try {
      const verifyKey = await keyOf();
      ({ payload } = await jwtVerify(token, verifyKey as PublicKey, { issuer: settings.issuer, ...(settings.audience ? { audience: settings.audience } : {}) }));
    } catch (error) {
      throw new TokenError(`the token is not valid: ${(error as Error).message}`);
    }
    const claimed = payload[settings.roleClaim];
    const roles = (Array.isArray(claimed) ? claimed : [claimed]).filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
    const role = PRIVILEGE.find((r) => roles.includes(r));
    if (!role) throw new TokenError(`the token's ${settings.roleClaim} claim names no role (${ROLES.join(', ')})`);
    const scope = payload[settings.investigationsClaim];
    const investigations = scope === ALL_INVESTIGATIONS ? [ALL_INVESTIGATIONS] : Array.isArray(scope) ? scope.filter((i): i is string => typeof i === 'string') : [];
    if (!payload.sub) throw new TokenError('the token has no subject (sub)');
    // A token without an end, or one made to live long, would outlast a revoked assignment.
    if (typeof payload.exp !== 'number') throw new TokenError('the token has no expiry (exp)');
    const lifetime = payload.exp - (typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000));
    if (lifetime > settings.maxAgeS) throw new TokenError(`the token lives ${lifetime} s, longer than the ${settings.maxAgeS} s allowed (AUTH_JWT_MAX_AGE_S)`);
    return { id: `jwt:${settings.issuer}:${payload.sub}`, name: typeof payload.name === 'string' ? payload.name : payload.sub, role, investigations };
  };
}
