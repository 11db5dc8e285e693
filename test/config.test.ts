import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.embedded).toMatchObject({ home: '.data/neo4j', boltPort: 7687, heap: '1g', pageCache: '512m' });
    // A hung database is noticed within interval + ping timeout: 4 s, inside the 5 s the service promises.
    expect(config.neo4j).toMatchObject({ healthIntervalMs: 2_000, pingTimeoutMs: 2_000, maxRetryMs: 5_000 });
    expect(config.supervision).toEqual({ restartMaxTries: 5, hangRestartMs: 60_000 });
    expect(config.runs).toEqual({
      concurrency: 1,
      maxTies: 5_000_000,
      writeBack: true,
      maxWaitMs: 60_000,
      heartbeatMs: 10_000,
      maxAttempts: 3,
      batchSize: 1_000,
      cacheEntries: 2_000,
    });
  });

  it('reads the access settings: JWT issuer with its key, CORS origins, a PEM written on one line', () => {
    const config = loadConfig({
      AUTH_JWT_ISSUER: 'https://sso.example',
      AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nABC\\n-----END PUBLIC KEY-----',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.auth.jwt).toMatchObject({
      issuer: 'https://sso.example',
      publicKey: '-----BEGIN PUBLIC KEY-----\nABC\n-----END PUBLIC KEY-----',
      algorithm: 'RS256',
      roleClaim: 'role',
    });
    expect(config.auth.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(loadConfig({}).auth).toMatchObject({ adminKey: undefined, jwt: undefined, requireJustification: false, rateLimit: { max: 1200, windowMs: 60_000 }, corsOrigins: [] });
  });

  it('reads the analysis run settings', () => {
    expect(loadConfig({ ANALYSIS_WRITE_BACK: 'false', ANALYSIS_CONCURRENCY: '2', ANALYSIS_MAX_WAIT_MS: '0' }).runs).toMatchObject({
      writeBack: false,
      concurrency: 2,
      maxWaitMs: 0,
    });
  });

  it('reads an external server with credentials', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 's3cret' });
    expect(config.neo4j).toMatchObject({ uri: 'neo4j+s://abc.databases.neo4j.io', user: 'neo4j', password: 's3cret' });
  });

  it('reads a dedicated GDS server', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j://core:7687', NEO4J_GDS_URI: 'bolt://analytics:7687' }).neo4j).toMatchObject({
      uri: 'neo4j://core:7687',
      gdsUri: 'bolt://analytics:7687',
    });
    expect(loadConfig({ NEO4J_URI: 'neo4j://core:7687' }).neo4j.gdsUri).toBeUndefined();
  });

  it('treats an empty NEO4J_URI as unset (embedded database)', () => {
    expect(loadConfig({ NEO4J_URI: '  ' }).neo4j.uri).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NEO4J_BOLT_PORT: '0' }, 'NEO4J_BOLT_PORT'],
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI'],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'x' }, 'NEO4J_USER'],
    [{ NEO4J_USER: 'neo4j' }, 'NEO4J_URI'],
    [{ NEO4J_GDS_URI: 'bolt://analytics:7687' }, 'NEO4J_URI'],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_GDS_URI: 'http://analytics:7474' }, 'NEO4J_GDS_URI'],
    [{ NEO4J_HEAP: 'lots' }, 'NEO4J_HEAP'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ANALYSIS_WRITE_BACK: 'yes' }, 'ANALYSIS_WRITE_BACK'],
    [{ ADMIN_API_KEY: 'short' }, 'ADMIN_API_KEY'],
    [{ AUTH_JWT_ISSUER: 'https://sso.example' }, 'AUTH_JWT_PUBLIC_KEY'],
    [{ AUTH_JWT_ISSUER: 'https://sso.example', AUTH_JWT_PUBLIC_KEY: 'x', AUTH_JWT_JWKS_URL: 'https://sso.example/jwks' }, 'AUTH_JWT_PUBLIC_KEY'],
    [{ AUTH_JWT_JWKS_URL: 'https://sso.example/jwks' }, 'AUTH_JWT_ISSUER'],
    [{ AUTH_JWT_ISSUER: 'https://sso.example', AUTH_JWT_JWKS_URL: 'ftp://sso.example/jwks' }, 'AUTH_JWT_JWKS_URL'],
    [{ ANALYSIS_CONCURRENCY: '0' }, 'ANALYSIS_CONCURRENCY'],
    [{ ANALYSIS_HEARTBEAT_MS: '10' }, 'ANALYSIS_HEARTBEAT_MS'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });
});
