import { EXIT } from './rank-errors.js';

/** A signal this soon after the first is the same one relayed, not a second Ctrl-C. */
const REPEAT_SIGNAL_MS = 2_000;

/**
 * Ctrl-C (SIGINT) or SIGTERM aborts `signal`, so the run in progress is cancelled before the
 * process exits; a second one quits at once. Ctrl-C reaches the process from the terminal and
 * again from tsx and npm, which relay it: a repeat within a moment is ignored.
 */
export function interruptOnSignals(say: (line: string) => void): { signal: AbortSignal; received: () => NodeJS.Signals | undefined } {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let receivedAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      if (Date.now() - receivedAt < REPEAT_SIGNAL_MS) return;
      process.exit(signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
    }
    received = signal;
    receivedAt = Date.now();
    say(`${signal}: cancelling the run in progress (again to quit at once)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  return { signal: controller.signal, received: () => received };
}
