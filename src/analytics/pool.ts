import { MessageChannel } from 'node:worker_threads';

import { Piscina } from 'piscina';

import type { AnalysisResult, EngineOptions, EngineRuntime } from './engine.js';
import type { GivenMeasures } from './gds/gds-analysis.js';
import type { DisruptionOutcome, DisruptionTask } from '../disruption/task.js';
import type { ResultRow } from '../runs/result-rows.js';
import type { Analysed, StoreMessage, StoreRequest } from '../runs/store-task.js';
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
  // So do the GDS engine's results, when given.
  const transferList = ({ ties: t }: Projection, given?: GivenMeasures) =>
    [
      t.source.buffer,
      t.target.buffer,
      t.strength.buffer,
      t.kindCount.buffer,
      t.kindStrength.buffer,
      t.money.buffer,
      ...(given ? [given.labels.buffer, given.pagerank.buffer, given.betweenness.buffer, given.closeness.buffer] : []),
    ] as ArrayBuffer[];

  return {
    run(projection: Projection, options: Partial<EngineOptions>, given?: GivenMeasures): Promise<AnalysisResult> {
      return pool.run({ projection, options, runtime, given }, { transferList: transferList(projection, given) });
    },
    /**
     * A run's analysis, kept in the worker while it is stored (runs/store-task.ts): resolves when
     * it is analysed with what to store first, and `rows(from, to)` fetches result rows a batch at
     * a time; `finish()` ends the task. `signal` ends the worker thread at any point.
     */
    async analyseToStore(projection: Projection, options: Partial<EngineOptions>, runId: string, control: { signal?: AbortSignal; onStage?: (stage: string) => void; given?: GivenMeasures } = {}): Promise<StoringSession> {
      const { port1, port2 } = new MessageChannel();
      let pendingRows: { resolve: (rows: ResultRow[]) => void; reject: (error: unknown) => void } | undefined;
      let analysed!: (value: Analysed) => void;
      const ready = new Promise<Analysed>((resolve) => (analysed = resolve));
      port1.on('message', (message: StoreMessage) => {
        if (message.type === 'stage') control.onStage?.(message.stage);
        else if (message.type === 'analysed') analysed(message.analysed);
        else if (message.type === 'rows') {
          pendingRows?.resolve(message.rows);
          pendingRows = undefined;
        }
      });
      const { given } = control;
      const task: Promise<void> = pool.run({ projection, options, runtime, given, store: { runId, port: port2 } }, { transferList: [...transferList(projection, given), port2] as never, signal: control.signal });
      let over: { error: unknown } | undefined;
      const ended = task.then(
        () => {
          over = { error: new Error('analytics/pool: the storing task has ended') };
          port1.close();
        },
        (error: unknown) => {
          over = { error };
          pendingRows?.reject(error);
          port1.close();
          throw error;
        },
      );
      // Whichever comes first: the analysis, or the task failing (or aborted) before it.
      const first = await Promise.race([ready, ended.then(() => Promise.reject(new Error('analytics/pool: the storing task ended before its analysis')))]);
      ended.catch(() => {});
      return {
        ...first,
        rows: (from, to) =>
          new Promise<ResultRow[]>((resolve, reject) => {
            if (over) return reject(over.error);
            pendingRows = { resolve, reject };
            port1.postMessage({ type: 'rows', from, to } satisfies StoreRequest);
          }),
        finish: async () => {
          port1.postMessage({ type: 'done' } satisfies StoreRequest);
          await ended;
        },
      };
    },
    /** The preview's response body, JSON as UTF-8 bytes (see preview.ts), moved out of the worker without a copy. */
    async preview(projection: Projection, options: Partial<EngineOptions>, envelope: PreviewEnvelope, given?: GivenMeasures): Promise<Buffer> {
      const bytes: Uint8Array = await pool.run({ projection, options, runtime, envelope, given }, { transferList: transferList(projection, given) });
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    /** A disruption plan or what-if (disruption/task.ts), on the analysis of the projection. */
    disrupt(projection: Projection, options: Partial<EngineOptions>, disruption: DisruptionTask, given?: GivenMeasures): Promise<DisruptionOutcome> {
      return pool.run({ projection, options, runtime, disruption, given }, { transferList: transferList(projection, given) });
    },
    close: () => pool.destroy(),
  };
}

export type AnalyticsPool = ReturnType<typeof createAnalyticsPool>;

export interface StoringSession extends Analysed {
  rows(from: number, to: number): Promise<ResultRow[]>;
  finish(): Promise<void>;
}
