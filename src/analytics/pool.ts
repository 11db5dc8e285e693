import { MessageChannel } from 'node:worker_threads';

import { Piscina } from 'piscina';

import type { AnalysisResult, EngineOptions, EngineRuntime } from './engine.js';
import type { DisruptionOutcome, DisruptionTask } from '../disruption/task.js';
import type { PreviewEnvelope } from './preview.js';
import type { Projection } from './projection/types.js';

/**
 * The worker threads analyses run in, so a minute-long analysis never stalls /healthz or any
 * other request. Run from TypeScript sources (tests, tsx), the worker loads through tsx; from
 * the built service it is plain JavaScript.
 */
export function createAnalyticsPool(threads: number, runtime: Partial<EngineRuntime> = {}) {
  const fromSource = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });

  // The projection's typed arrays move to the worker instead of being copied.
  const transferList = ({ ties: t }: Projection) =>
    [t.source.buffer, t.target.buffer, t.strength.buffer, t.kindCount.buffer, t.kindStrength.buffer, t.money.buffer] as ArrayBuffer[];

  return {
    run(projection: Projection, options: Partial<EngineOptions>): Promise<AnalysisResult> {
      return pool.run({ projection, options, runtime }, { transferList: transferList(projection) });
    },
    /**
     * An analysis a run waits for: told each engine stage as it ends, and stopped (the worker
     * thread is terminated, piscina starts another) when `signal` aborts.
     */
    async analyse(projection: Projection, options: Partial<EngineOptions>, control: { signal?: AbortSignal; onStage?: (stage: string) => void } = {}): Promise<AnalysisResult> {
      const { port1, port2 } = new MessageChannel();
      port1.on('message', (stage: string) => control.onStage?.(stage));
      try {
        return await pool.run({ projection, options, runtime, progress: port2 }, { transferList: [...transferList(projection), port2] as never, signal: control.signal });
      } finally {
        port1.close();
      }
    },
    /** The preview's response body, JSON as UTF-8 bytes (see preview.ts), moved out of the worker without a copy. */
    async preview(projection: Projection, options: Partial<EngineOptions>, envelope: PreviewEnvelope): Promise<Buffer> {
      const bytes: Uint8Array = await pool.run({ projection, options, runtime, envelope }, { transferList: transferList(projection) });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    /** A disruption plan or what-if (disruption/task.ts), on the analysis of the projection. */
    disrupt(projection: Projection, options: Partial<EngineOptions>, disruption: DisruptionTask): Promise<DisruptionOutcome> {
      return pool.run({ projection, options, runtime, disruption }, { transferList: transferList(projection) });
    },
    close: () => pool.destroy(),
  };
}

export type AnalyticsPool = ReturnType<typeof createAnalyticsPool>;
