import { isUnavailableError } from '../neo4j/driver.js';

/**
 * How the ranking CLI ends: one exit code per kind of outcome, so a scheduler can tell a bad
 * command line from an unreachable database from a failed analysis.
 */

export const EXIT = {
  /** Every run done. */
  done: 0,
  /** A run failed, was cancelled or timed out; or an unexpected error. */
  failed: 1,
  usage: 2,
  unreachable: 3,
  /** Refused: an investigation that does not exist or the API key may not see, or a request the API refused (4xx other than 404 and 409). */
  refused: 4,
  /** Ctrl-C: 128 + SIGINT. */
  interrupted: 130,
  /** SIGTERM (a scheduler's timeout), handled as Ctrl-C: 128 + SIGTERM. */
  terminated: 143,
} as const;

/** A bad flag, value or environment variable. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Neo4j or the API does not answer. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

/** An investigation named that cannot be ranked, or a 4xx from the API that is not about a missing or unfinished run. */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** SIGINT or SIGTERM arrived; the run in progress was cancelled. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof UnreachableError || isUnavailableError(error)) return EXIT.unreachable;
  if (error instanceof RefusedError) return EXIT.refused;
  if (error instanceof InterruptedError) return EXIT.interrupted;
  return EXIT.failed;
}
