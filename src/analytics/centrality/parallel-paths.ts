import { Worker } from 'node:worker_threads';

import type { Csr } from '../csr.js';
import { accumulatePaths, everyNode, type PathSums, pickSources, scalePaths, type ShortestPathOptions, type ShortestPathResult } from './shortest-paths.js';

/**
 * Betweenness and closeness (shortest-paths.ts) with part of the sources on helper threads: one
 * Dijkstra pass per source is the engine's largest cost (seconds at a million ties), and the
 * passes are independent, so a helper thread takes a fixed share of them while the calling
 * thread goes on with communities and the other measures, then does the rest itself.
 *
 * Results are deterministic: which sources each thread takes depends only on their order and
 * `helperShare`, the helpers run the same code on the same numbers, and the sums are added in a
 * fixed order (the caller's, then each helper's). They can differ from the single-threaded
 * result in the last bits, since floating-point sums are added in another order. A helper that
 * fails (it could not start, or its thread died) costs time, not results: its sources are then
 * computed on the calling thread.
 */

export interface ParallelPathOptions extends ShortestPathOptions {
  /** Helper threads; 0 runs everything on the calling thread. */
  helpers: number;
  /** Share of the sources the helpers take between them, in [0, 1]. */
  helperShare: number;
  /** Below this many edge relaxations (sources × CSR entries) no helper starts: starting one costs ~0.1–0.5 s. */
  minWork: number;
  /** The helper's script; left out, paths-worker (a test points it at a missing file to see a helper fail). */
  helperScript?: URL;
}

export const PARALLEL_DEFAULTS: Readonly<Pick<ParallelPathOptions, 'helpers' | 'helperShare' | 'minWork'>> = {
  helpers: 1,
  helperShare: 0.5,
  minWork: 2e7,
};

export interface PathRun {
  /** How many helper threads took part (0 when the work was too small or helpers = 0). */
  helpers: number;
  /** Computes the calling thread's share, waits for the helpers and returns the whole result. */
  finish(): Promise<ShortestPathResult>;
  /** Why helpers failed (their sources were then computed on the calling thread); read after finish(). */
  readonly failures: readonly string[];
}

/** Picks the sources and starts the helpers at once; `finish` does the rest. */
export function startShortestPaths(csr: Csr, options: Partial<ParallelPathOptions> = {}): PathRun {
  const { helpers, helperShare, minWork, helperScript } = { ...PARALLEL_DEFAULTS, ...options };
  if (!Number.isInteger(helpers) || helpers < 0) throw new RangeError('analytics/parallel-paths: helpers must be an integer ≥ 0');
  if (!(helperShare >= 0 && helperShare <= 1)) throw new RangeError('analytics/parallel-paths: helperShare must be in [0, 1]');
  const picked = pickSources(csr, options);
  const sources = picked ?? everyNode(csr.n);
  const estimated = picked !== undefined;
  const k = sources.length;

  const shared = Math.round(k * helperShare);
  const used = sources.length * csr.targets.length >= minWork ? Math.min(helpers, shared) : 0;
  if (used === 0) {
    return { helpers: 0, failures: [], finish: async () => scalePaths(csr.n, sources, estimated, accumulatePaths(csr, sources)) };
  }
  // Helper h takes sources [bounds[h], bounds[h + 1]); the calling thread takes [shared, k).
  const bounds = Array.from({ length: used + 1 }, (_, h) => Math.round((shared * h) / used));
  const chunks = Array.from({ length: used }, (_, h) => sources.slice(bounds[h], bounds[h + 1]));
  const failures: string[] = [];
  // A failed helper resolves to null at once, so no rejection waits unhandled for finish().
  const running = chunks.map((chunk) =>
    runHelper(csr, chunk, helperScript).catch((error: unknown) => {
      failures.push(error instanceof Error ? error.message : String(error));
      return null;
    }),
  );

  return {
    helpers: used,
    failures,
    async finish() {
      const total = accumulatePaths(csr, sources.subarray(shared));
      for (let h = 0; h < used; h++) {
        add(total, (await running[h]!) ?? accumulatePaths(csr, chunks[h]!));
      }
      return scalePaths(csr.n, sources, estimated, total);
    },
  };
}

function add(total: PathSums, part: PathSums): void {
  for (let v = 0; v < total.betweenness.length; v++) {
    total.betweenness[v]! += part.betweenness[v]!;
    total.closeness[v]! += part.closeness[v]!;
  }
}

function runHelper(csr: Csr, sources: Int32Array, script?: URL): Promise<PathSums> {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Promise<PathSums>((resolve, reject) => {
    const url = script ?? new URL(fromSource ? './paths-worker.ts' : './paths-worker.js', import.meta.url);
    // From TypeScript sources (tests, tsx) the entry is JavaScript that loads the .ts file
    // through tsx's API: Node 20 does not apply `--import tsx` to a worker's own entry. The
    // built service runs the compiled worker as is.
    const entry = fromSource
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`
      : url;
    const worker = new Worker(entry, {
      eval: fromSource,
      workerData: { n: csr.n, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, sources },
    });
    worker.once('message', (sums: PathSums) => {
      resolve(sums);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`analytics/parallel-paths: helper thread exited with code ${code}`)));
  });
}
