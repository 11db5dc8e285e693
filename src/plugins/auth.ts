import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

import { TokenError } from '../auth/jwt.js';
import type { KeyService } from '../auth/key-service.js';
import { can, type Permission, PERMISSIONS, type Principal } from '../auth/principal.js';
import type { ReadStamp, ReadStamps } from '../cache/read-stamp.js';
import { ForbiddenError, JustificationRequiredError, UnauthorizedError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs (auth/principal.ts); every /v1 route names one. */
    permission?: Permission;
    /** Refused without an X-Justification header when AUDIT_REQUIRE_JUSTIFICATION is on. */
    justify?: boolean;
  }
  interface FastifyRequest {
    /** Set by authenticate() on every /v1 request that gets past it. */
    principal: Principal | null;
    /** The versions this request's cached reads must match (cache/read-stamp.ts); set by authenticate(). */
    readStamp: ReadStamp | null;
  }
}

export interface AuthOptions {
  keys: KeyService;
  /** One read stamp per request, read after it arrived: keys and answers cached under it. */
  stamps: ReadStamps;
  /** JWT verification when an issuer is configured. */
  verifyJwt?: (token: string) => Promise<Principal>;
  requireJustification: boolean;
}

/**
 * Authentication and authorisation for /v1: a bearer API key or JWT becomes the request's
 * principal, whose role must grant the route's permission. A route under /v1 that names no
 * permission stops the app at start-up: nothing is open by omission.
 */
export const authPlugin = fp(async (app: FastifyInstance, options: AuthOptions) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('readStamp', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1')) return;
    const permission = route.config?.permission;
    if (!permission || !PERMISSIONS.includes(permission)) throw new Error(`auth: ${route.method} ${route.url} names no permission`);
  });

  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    if (!header) throw new UnauthorizedError('no credentials: send Authorization: Bearer <API key or token>');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new UnauthorizedError('the Authorization header must be Bearer <API key or token>');
    const token = match[1]!;
    const stamp = await options.stamps.current();
    request.readStamp = stamp;
    let principal = await options.keys.principalOf(token, stamp);
    if (!principal && options.verifyJwt && !token.startsWith('sna_')) {
      try {
        principal = await options.verifyJwt(token);
      } catch (error) {
        if (error instanceof TokenError) throw new UnauthorizedError(error.message);
        throw error;
      }
    }
    if (!principal) throw new UnauthorizedError('unknown or revoked API key');
    request.principal = principal;
    const { permission, justify } = request.routeOptions.config;
    if (!can(principal, permission!)) throw new ForbiddenError(`the ${principal.role} role may not ${permission} (${request.method} ${request.routeOptions.url})`);
    if (justify && options.requireJustification && !String(request.headers['x-justification'] ?? '').trim()) {
      throw new JustificationRequiredError('this request needs a reason: send it in the X-Justification header');
    }
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

/** The request's principal; only for /v1 handlers, which authenticate() has run before. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('auth: no principal on an authenticated route');
  return request.principal;
}
