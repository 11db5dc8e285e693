import neo4j, { type Driver } from 'neo4j-driver';

import type { Config } from '../config.js';

export interface DriverLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The one driver of the process. Pool and timeouts come from config; the driver's own
 * errors go to the service log (its warnings repeat every retry while the database is down,
 * and the health monitor already reports that once). Integers stay lossless here and are converted at the
 * repository boundary (neo4j/values.ts).
 */
export function createDriver(settings: Config['neo4j'], uri: string, logger?: DriverLogger): Driver {
  // No user: the server runs without authentication (the embedded development database).
  const auth = settings.user !== undefined ? neo4j.auth.basic(settings.user, settings.password ?? '') : undefined;
  return neo4j.driver(uri, auth, {
    maxConnectionPoolSize: settings.poolSize,
    connectionAcquisitionTimeout: settings.acquireTimeoutMs,
    connectionTimeout: settings.connectTimeoutMs,
    maxTransactionRetryTime: settings.maxRetryMs,
    userAgent: 'smuggling-network-analytics/0.1',
    logging: logger && {
      level: 'error',
      logger: (level, message) => (level === 'error' ? logger.error(message) : logger.warn(message)),
    },
  });
}

/** True when an error means the database cannot be reached, not that the query was wrong. */
export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    code === neo4j.error.SERVICE_UNAVAILABLE ||
    code === neo4j.error.SESSION_EXPIRED ||
    code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    /connection acquisition timed out|Pool is closed|ECONNREFUSED|ECONNRESET/i.test(error.message)
  );
}

/** The URI without credentials, for logs and /v1/system. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//');
}
