import { Piscina } from 'piscina';

import type { EngineRuntime } from '../analytics/engine.js';

/**
 * The worker threads the service's heavy work runs in, so a minute-long analysis never stalls
 * /healthz or any other request. The pool knows tasks by name only: each folder that owns a
 * task gives its typed client and its handler (analysis/preview-task.ts, disruption/task.ts,
 * runs/store-task.ts), and the worker's entry point (src/worker.ts) dispatches to them. Run from
 * TypeScript sources (tests, tsx), the worker loads through tsx; from the built service it is
 * plain JavaScript.
 */

/** What the worker entry receives: the task's name, its payload, and how analyses run (never echoed as a parameter). */
export interface WorkerTask {
  name: string;
  payload: unknown;
  runtime: Partial<EngineRuntime>;
}

export interface TaskOptions {
  /** Moved to the worker instead of copied (typed arrays' buffers, a message port). */
  transferList?: readonly unknown[];
  /** Ends the task, and its worker thread, at any point. */
  signal?: AbortSignal;
}

export function createWorkerPool(threads: number, runtime: Partial<EngineRuntime> = {}) {
  const fromSource = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: new URL(fromSource ? '../worker.ts' : '../worker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });
  return {
    run<T>(name: string, payload: unknown, options: TaskOptions = {}): Promise<T> {
      return pool.run({ name, payload, runtime } satisfies WorkerTask, { transferList: options.transferList as never, signal: options.signal });
    },
    close: () => pool.destroy(),
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;
