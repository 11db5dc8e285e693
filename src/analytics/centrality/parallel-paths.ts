import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';

import type { Csr } from '../csr.js';
import {
  addSums,
  createPathAccumulator,
  emptySums,
  everyNode,
  pathBlocks,
  type PathSums,
  pickSources,
  reuseSums,
  scalePaths,
  type ShortestPathOptions,
  type ShortestPathResult,
  sumPaths,
} from './shortest-paths.js';

/**
 * Betweenness and closeness (shortest-paths.ts) with helper threads taking part: one Dijkstra
 * pass per source is the engine's largest cost (minutes at ten million ties), and the passes are
 * independent. The sources are summed in blocks (pathBlocks). The helpers start at once and claim
 * blocks one at a time from a shared counter while the calling thread goes on with communities
 * and the other measures; when it calls finish() it claims blocks too, until none is left. So the
 * threads end together however long the other measures took, where a fixed share left one
 * thread idle for tens of seconds at ten million ties.
 *
 * Results are deterministic and equal the single-threaded ones bit for bit: the blocks depend on
 * the number of sources alone, each block is summed from zero, and the blocks' sums are added in
 * block order whichever thread computed them (a helper sends the blocks it claimed in an unbroken
 * run from the first as one sum, which is the same additions in the same order). A helper that
 * fails (it could not start, or its thread died) costs time, not results: the blocks it claimed
 * and did not send are computed on the calling thread.
 */

export interface ParallelPathOptions extends ShortestPathOptions {
  /** Helper threads; 0 runs everything on the calling thread. */
  helpers: number;
  /** Below this many edge relaxations (sources × CSR entries) no helper starts: starting one costs ~0.1–0.5 s. */
  minWork: number;
  /** The helper's script; left out, paths-worker (a test points it at a missing file to see a helper fail). */
  helperScript?: URL;
}

export const PARALLEL_DEFAULTS: Readonly<Pick<ParallelPathOptions, 'helpers' | 'minWork'>> = {
  helpers: 1,
  minWork: 2e7,
};

export interface PathRun {
  /** How many helper threads took part (0 when the work was too small or helpers = 0). */
  helpers: number;
  /** Computes blocks on the calling thread until none is left, waits for the helpers and returns the whole result. */
  finish(): Promise<ShortestPathResult>;
  /** Why helpers failed (their blocks were then computed on the calling thread); read after finish(). */
  readonly failures: readonly string[];
  /** Blocks claimed so far by any thread (at most the run's blocks, pathBlocks). */
  claimed(): number;
  /** Blocks each thread has computed so far (a helper's as its sums arrive): the calling thread's first, then each helper's. */
  readonly blocksComputed: readonly number[];
}

/** A block's sums as a thread sends them: blocks [from, to), added in order. */
interface BlockSums {
  from: number;
  to: number;
  sums: PathSums;
}

/** Helper → caller: a block's sums, or that it has claimed its last. */
export type HelperMessage = BlockSums | { done: true };

/** Adds blocks' sums in block order as they arrive in any order; `done` is given each block's arrays once added. */
class InOrderSums<T extends BlockSums> {
  next = 0;
  private total: PathSums | undefined;
  private readonly waiting = new Map<number, T>();

  constructor(
    private readonly n: number,
    private readonly done: (block: T) => void,
  ) {}

  take(block: T): void {
    this.waiting.set(block.from, block);
    for (let ready = this.waiting.get(this.next); ready; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next = ready.to;
      if (!this.total) this.total = ready.sums;
      else {
        addSums(this.total, ready.sums);
        this.done(ready);
      }
    }
  }

  result(): PathSums {
    return this.total ?? emptySums(this.n);
  }
}

/** Picks the sources and starts the helpers at once; `finish` does the rest. */
export function startShortestPaths(csr: Csr, options: Partial<ParallelPathOptions> = {}): PathRun {
  const { helpers, minWork, helperScript } = { ...PARALLEL_DEFAULTS, ...options };
  if (!Number.isInteger(helpers) || helpers < 0) throw new RangeError('analytics/parallel-paths: helpers must be an integer ≥ 0');
  const picked = pickSources(csr, options);
  const sources = picked ?? everyNode(csr.n);
  const estimated = picked !== undefined;
  const bounds = pathBlocks(sources.length);
  const blocks = bounds.length - 1;

  const used = sources.length * csr.targets.length >= minWork ? Math.min(helpers, blocks) : 0;
  if (used === 0) {
    const blocksComputed = [0];
    return {
      helpers: 0,
      failures: [],
      blocksComputed,
      claimed: () => blocksComputed[0]!,
      finish: async () => {
        const result = scalePaths(csr.n, sources, estimated, sumPaths(csr, sources));
        blocksComputed[0] = blocks;
        return result;
      },
    };
  }
  const claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  // Each block's arrays go back to the thread that computed them (reuseSums): this one's (-1) to `spare`, a helper's through its channel.
  const spare: PathSums[] = [];
  const channels = Array.from({ length: used }, () => new MessageChannel());
  const sums = new InOrderSums<BlockSums & { by: number }>(csr.n, ({ by, sums }) => {
    if (by < 0) spare.push(sums);
    else channels[by]!.port1.postMessage(sums, [sums.betweenness.buffer as ArrayBuffer, sums.closeness.buffer as ArrayBuffer]);
  });
  const failures: string[] = [];
  const blocksComputed = Array.from({ length: used + 1 }, () => 0);
  // A failed helper resolves at once, so no rejection waits unhandled for finish().
  const running = Array.from({ length: used }, (_, h) =>
    runHelper(csr, sources, bounds, claims, channels[h]!.port2, helperScript, (block) => {
      blocksComputed[h + 1]! += block.to - block.from;
      sums.take({ ...block, by: h });
    })
      .catch((error: unknown) => void failures.push(error instanceof Error ? error.message : String(error)))
      .finally(() => channels[h]!.port1.close()),
  );

  return {
    helpers: used,
    failures,
    blocksComputed,
    claimed: () => Math.min(blocks, Atomics.load(claims, 0)),
    async finish() {
      const accumulator = createPathAccumulator(csr);
      const compute = (b: number) => {
        const block = reuseSums(csr.n, spare.pop());
        accumulator.add(sources.subarray(bounds[b], bounds[b + 1]), block);
        blocksComputed[0]!++;
        return { from: b, to: b + 1, sums: block, by: -1 };
      };
      for (let b = Atomics.add(claims, 0, 1); b < blocks; b = Atomics.add(claims, 0, 1)) {
        sums.take(compute(b));
        // The helpers' blocks arrive as messages, between this thread's blocks.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(running);
      // What a failed helper claimed and did not send.
      while (sums.next < blocks) sums.take(compute(sums.next));
      return scalePaths(csr.n, sources, estimated, sums.result());
    },
  };
}

/** Hands each block's sums the helper sends to `take`; resolves once it has sent its last. */
function runHelper(
  csr: Csr,
  sources: Int32Array,
  bounds: Int32Array,
  claims: Int32Array,
  recycled: MessagePort,
  script: URL | undefined,
  take: (block: BlockSums) => void,
): Promise<void> {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Promise<void>((resolve, reject) => {
    const url = script ?? new URL(fromSource ? './paths-worker.ts' : './paths-worker.js', import.meta.url);
    // From TypeScript sources (tests, tsx) the entry is JavaScript that loads the .ts file
    // through tsx's API: Node 20 does not apply `--import tsx` to a worker's own entry. The
    // built service runs the compiled worker as is.
    const entry = fromSource
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`
      : url;
    const worker = new Worker(entry, {
      eval: fromSource,
      workerData: { n: csr.n, offsets: csr.offsets, targets: csr.targets, weights: csr.weights, sources, bounds, claims, recycled },
      transferList: [recycled],
    });
    worker.on('message', (message: HelperMessage) => {
      if ('done' in message) {
        resolve();
        void worker.terminate();
      } else take(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`analytics/parallel-paths: helper thread exited with code ${code}`)));
  });
}
