/**
 * How a phase of the bench ends early. Each load gets a signal that fires on its time limit or
 * when the user interrupts the run (first Ctrl-C/SIGTERM); the load then stops, is recorded
 * with what it had done, and the run writes its results instead of losing them.
 */

/** Aborts after `ms`, or as soon as `interrupt` aborts, whichever comes first. */
export function loadSignal(interrupt: AbortSignal, ms: number): AbortSignal {
  return AbortSignal.any([interrupt, AbortSignal.timeout(ms)]);
}

/**
 * How long a load may run: the per-load limit, or less when the run has a deadline (--quick)
 * that comes first; `reserveMs` is kept back to stop the databases and write the results.
 */
export function loadLimitMs(loadTimeoutMs: number, deadline: number | undefined, now: number, reserveMs = 10_000): number {
  // Whole milliseconds: AbortSignal.timeout() refuses fractions, and performance.now() has them.
  return Math.floor(deadline === undefined ? loadTimeoutMs : Math.max(0, Math.min(loadTimeoutMs, deadline - now - reserveMs)));
}

/** A phase's error as one line: a time limit says how long it was, an interruption says so. */
export function message(error: unknown, timeoutMs?: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return timeoutMs !== undefined ? `timed out after ${Math.round(timeoutMs / 1000)} s` : 'timed out';
  }
  return error instanceof Error ? error.message : String(error);
}

export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor(signal: string) {
    super(`interrupted by ${signal}`);
  }
}
