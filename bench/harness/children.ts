import { InterruptedError } from './abort.js';

/**
 * Every process the bench starts is registered here, so that the bench never leaves one
 * behind: a Node service does not notice its parent dying and would keep a 3 GB JVM running.
 * Only these pids are signalled, never processes found by name.
 */

const running = new Set<number>();

export function track(pid: number | undefined): void {
  if (pid !== undefined) running.add(pid);
}

export function untrack(pid: number | undefined): void {
  if (pid !== undefined) running.delete(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs one process the bench started; a pid that has gone already is fine. */
export function killPid(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  running.delete(pid);
}

/** SIGKILLs whatever is still registered; synchronous, so it can run in an 'exit' handler. */
export function killAll(): void {
  for (const pid of [...running]) killPid(pid);
}

/**
 * The first SIGINT/SIGTERM aborts the returned signal: the current load stops, the processes
 * are stopped cleanly and the results so far are written. A second one kills them and exits.
 */
export function interruptOnSignals(): AbortSignal {
  const controller = new AbortController();
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!controller.signal.aborted) {
        process.stderr.write(`bench: ${signal}: stopping, then writing the results so far (again to kill everything now)\n`);
        controller.abort(new InterruptedError(signal));
        return;
      }
      killAll();
      process.exit(130);
    });
  }
  return controller.signal;
}

export async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
