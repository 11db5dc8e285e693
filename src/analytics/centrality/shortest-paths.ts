import { createRng, type Rng, SEED_MAX } from '../../shared/rng.js';
import type { Csr } from '../csr.js';

/**
 * Betweenness (Brandes 2001) and harmonic closeness (Marchiori & Latora 2000) from the same
 * single-source Dijkstra passes. Weights are affinities, so a tie's length is 1 / weight: the
 * shortest path between two people runs through their strongest ties.
 *
 * - betweenness: networkx's `betweenness_centrality(G, weight=length, normalized=True)` for an
 *   undirected graph, i.e. pair dependencies over (n − 1)(n − 2)/2 unordered pairs.
 * - closeness: networkx's `harmonic_centrality(G, distance=length)` / (n − 1); an unreachable
 *   person adds 0, so it is defined on disconnected graphs.
 *
 * Above `exactThreshold` nodes, `samples` distinct sources are drawn uniformly (Brandes & Pich
 * 2007): betweenness is scaled by n / samples, and closeness, since distances are symmetric, is
 * the mean over the sampled sources s ≠ v of 1 / d(s, v).
 *
 * Two path lengths within a relative 1e-12 count as equal, so that equal weighted paths are
 * counted as ties although their float sums differ (1/10 + 1/5 is not 1/(10/3) in floats).
 * networkx compares exactly and would split them.
 */

export interface ShortestPathOptions {
  /** Up to this many nodes, every node is a source and the result is exact. */
  exactThreshold: number;
  /** Sources drawn above the threshold (all of them, exactly, when samples ≥ n); 'auto': see autoSamples. */
  samples: number | 'auto';
  /** Draws the sources; when left out, one is made from `seed`. */
  rng?: Rng;
  seed: number;
}

/**
 * Cost is one Dijkstra pass per source. On a 2-core machine, a 5 000-person network with 25k
 * ties (test/support/random-graph.ts) takes ~9 s exact, 3 000 people ~3 s, and 1 000 samples
 * ~1.8 s, so exact stops where it costs about 3× the estimate. 1 000 samples found ≥ 18 of the
 * exact top-20 brokers in 57 of 60 seeded trials on such networks (500: 48 of 60); the misses
 * are near-ties at rank 20.
 */
export const DEFAULTS: Readonly<ShortestPathOptions> = { exactThreshold: 3000, samples: 'auto', seed: 1 };

/** Edge relaxations the automatic sample count may spend: ~5 s on this 2-core machine. */
export const RELAXATION_BUDGET = 5e7;
export const MAX_AUTO_SAMPLES = 1000;
export const MIN_AUTO_SAMPLES = 32;

/**
 * The default sample count: 1 000 sources (the accuracy above) while that fits the relaxation
 * budget, then as many as fit, at least 32, so a 1M-tie graph costs seconds, not minutes. The
 * estimate keeps its seed and says how many sources it used; on big graphs it ranks the
 * strongest brokers well and the long tail roughly (Brandes & Pich 2007: the error falls with
 * the square root of the sources, and is smallest for the highest values).
 */
export function autoSamples(csr: Pick<Csr, 'n' | 'targets'>): number {
  return samplesForArcs(csr.targets.length);
}

/** autoSamples for a graph of `arcs` arcs (each undirected tie is two), however it is held (the GDS engine's is in Neo4j). */
export function samplesForArcs(arcs: number): number {
  return Math.min(MAX_AUTO_SAMPLES, Math.max(MIN_AUTO_SAMPLES, Math.floor(RELAXATION_BUDGET / Math.max(1, arcs))));
}

export interface ShortestPathResult {
  betweenness: Float64Array;
  closeness: Float64Array;
  /** True when sources were sampled. */
  estimated: boolean;
  sources: number;
}

const TIE = 1e-12;

/**
 * The sources a sampled run starts from, or undefined when the run is exact. Exported so that a
 * reference run (bench/) can start from the very same nodes.
 */
export function pickSources(csr: Pick<Csr, 'n' | 'targets'>, options: Partial<ShortestPathOptions> = {}): Int32Array | undefined {
  const { exactThreshold, samples: asked, rng, seed } = { ...DEFAULTS, ...options };
  const samples = asked === 'auto' ? autoSamples(csr) : asked;
  if (!(exactThreshold >= 0)) throw new RangeError('analytics/shortest-paths: exactThreshold must be ≥ 0');
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError('analytics/shortest-paths: samples must be an integer > 0');
  if (!Number.isInteger(seed) || seed < 0 || seed > SEED_MAX) {
    throw new RangeError(`analytics/shortest-paths: seed must be an integer from 0 to ${SEED_MAX}`);
  }
  const { n } = csr;
  if (n <= exactThreshold || samples >= n) return undefined;
  return Int32Array.from(
    (rng ?? createRng(seed)).sample(
      Array.from({ length: n }, (_, v) => v),
      samples,
    ),
  );
}

export function shortestPathCentrality(csr: Csr, options: Partial<ShortestPathOptions> = {}): ShortestPathResult {
  const picked = pickSources(csr, options);
  const sources = picked ?? everyNode(csr.n);
  return scalePaths(csr.n, sources, picked !== undefined, sumPaths(csr, sources));
}

export function everyNode(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, v) => v);
}

/** Unscaled sums over `sources`: dependencies (betweenness) and 1 / distance (closeness). */
export interface PathSums {
  betweenness: Float64Array;
  closeness: Float64Array;
}

/** Sources a run sums in blocks of (pathBlocks): enough for helper threads to share them evenly. */
export const MAX_PATH_BLOCKS = 64;

/**
 * How a run's k sources are summed: block b's sources are [bounds[b], bounds[b + 1]), each block
 * summed from zero and the blocks' sums added up in block order. The blocks depend on k alone,
 * so a run's sums are the same bits whichever thread computed each block (parallel-paths.ts), and
 * with k ≤ 64 each block is one source: the plain sum over the sources in order.
 */
export function pathBlocks(k: number): Int32Array {
  const count = Math.min(k, MAX_PATH_BLOCKS);
  return Int32Array.from({ length: count + 1 }, (_, b) => Math.round((k * b) / Math.max(1, count)));
}

export function emptySums(n: number): PathSums {
  return { betweenness: new Float64Array(n), closeness: new Float64Array(n) };
}

/**
 * `spare`'s arrays zeroed, or new ones. Fresh memory is slow to come by on some machines (3.5 s
 * a GB where this was measured, the kernel handing out zeroed pages), and at ten million ties a
 * block's sums are 32 MB: each thread's block arrays are used again once added.
 */
export function reuseSums(n: number, spare: PathSums | undefined): PathSums {
  if (!spare) return emptySums(n);
  spare.betweenness.fill(0);
  spare.closeness.fill(0);
  return spare;
}

export function addSums(total: PathSums, part: PathSums): void {
  const { betweenness, closeness } = total;
  for (let v = 0; v < betweenness.length; v++) {
    betweenness[v]! += part.betweenness[v]!;
    closeness[v]! += part.closeness[v]!;
  }
}

/** The unscaled sums over `sources`, in pathBlocks' blocks, on this thread. */
export function sumPaths(csr: Pick<Csr, 'n' | 'offsets' | 'targets' | 'weights'>, sources: Int32Array): PathSums {
  const bounds = pathBlocks(sources.length);
  const accumulator = createPathAccumulator(csr);
  const total = emptySums(csr.n);
  let spare: PathSums | undefined;
  for (let b = 0; b + 1 < bounds.length; b++) {
    const from = sources.subarray(bounds[b], bounds[b + 1]);
    if (b === 0) {
      accumulator.add(from, total);
      continue;
    }
    spare = reuseSums(csr.n, spare);
    accumulator.add(from, spare);
    addSums(total, spare);
  }
  return total;
}

/**
 * Brandes' accumulation: `add` sums the passes from each of `sources`, in order, into `into`.
 * The Dijkstra buffers are made once and serve every call.
 */
export function createPathAccumulator(csr: Pick<Csr, 'n' | 'offsets' | 'targets' | 'weights'>) {
  const { offsets } = csr;
  const sweep = createSweep(csr);
  const { order, dist, sigma, predCount, preds, delta } = sweep;
  return {
    add(sources: ArrayLike<number>, into: PathSums): void {
      const { betweenness, closeness } = into;
      for (let k = 0; k < sources.length; k++) {
        const reached = sweep.run(sources[k]!, closeness);
        for (let i = reached - 1; i > 0; i--) {
          const w = order[i]!;
          const coefficient = (1 + delta[w]!) / sigma[w]!;
          for (let p = offsets[w]!, end = p + predCount[w]!; p < end; p++) {
            const v = preds[p]!;
            delta[v]! += sigma[v]! * coefficient;
          }
          betweenness[w]! += delta[w]!;
          closeness[w]! += 1 / dist[w]!;
        }
      }
    },
  };
}

/** Normalises the sums of a run from `sources` (in place) into the result. */
export function scalePaths(n: number, sources: Int32Array, estimated: boolean, { betweenness, closeness }: PathSums): ShortestPathResult {
  const k = sources.length;
  // Every unordered pair was counted from both of its ends, hence (n − 1)(n − 2), not half of it.
  const pairs = (n - 1) * (n - 2);
  const scale = n > 2 ? (estimated ? n / k : 1) / pairs : 0;
  for (let v = 0; v < n; v++) betweenness[v]! *= scale;
  if (estimated) {
    const sampled = new Uint8Array(n);
    for (const s of sources) sampled[s] = 1;
    for (let v = 0; v < n; v++) {
      const others = k - sampled[v]!;
      closeness[v] = others > 0 ? closeness[v]! / others : 0;
    }
  } else {
    for (let v = 0; v < n; v++) closeness[v] = n > 1 ? closeness[v]! / (n - 1) : 0;
  }
  return { betweenness, closeness, estimated, sources: k };
}

/**
 * Buffers for one Dijkstra pass, reused by every source: an indexed 4-ary min-heap on typed
 * arrays with decrease-key (each node sits in it at most once, so it never outgrows n; a 4-ary
 * heap is half as deep as a binary one and reads its children from one cache line), and each
 * node's shortest-path predecessors kept in its own slice of the CSR layout (they are a subset
 * of its neighbours).
 *
 * Leaves (one neighbour, not itself) never enter the heap: a leaf is reached only through its
 * neighbour v, at d(v) + length, on σ(v) paths, and lies on no shortest path between others, so
 * when v is settled its leaves are done at once: each adds its closeness and a dependency of
 * exactly 1 to v (σ(v)/σ(leaf) × (1 + 0)). This is exact (the degree-1 reduction of Baglioni,
 * Geraci, Pellegrini & Lastres 2012), and a quarter of a smuggling network's people (migrants who
 * paid one smuggler) are leaves.
 */
function createSweep(csr: Pick<Csr, 'n' | 'offsets' | 'targets' | 'weights'>) {
  const { n, offsets, targets, weights } = csr;
  const length = new Float64Array(weights.length);
  for (let e = 0; e < weights.length; e++) length[e] = 1 / weights[e]!;
  const leaf = new Uint8Array(n);
  for (let v = 0; v < n; v++) leaf[v] = offsets[v + 1]! - offsets[v]! === 1 && targets[offsets[v]!] !== v ? 1 : 0;

  const order = new Int32Array(n);
  const dist = new Float64Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  /** 0: not reached, 1: in the heap, 2: settled. */
  const state = new Uint8Array(n);
  const predCount = new Int32Array(n);
  const preds = new Int32Array(targets.length);
  const heapKey = new Float64Array(n);
  const heapNode = new Int32Array(n);
  const heapAt = new Int32Array(n);
  let heapSize = 0;
  let reached = 0;

  /** Puts `node` at `key` into slot `i` or above it (a new entry, or a decreased key). */
  const siftUp = (i: number, key: number, node: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentKey = heapKey[parent]!;
      if (parentKey <= key) break;
      const parentNode = heapNode[parent]!;
      heapKey[i] = parentKey;
      heapNode[i] = parentNode;
      heapAt[parentNode] = i;
      i = parent;
    }
    heapKey[i] = key;
    heapNode[i] = node;
    heapAt[node] = i;
  };

  /** Removes and returns the node with the smallest key. */
  const popMin = (): number => {
    const top = heapNode[0]!;
    const size = --heapSize;
    if (size > 0) {
      const key = heapKey[size]!;
      const node = heapNode[size]!;
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= size) break;
        let child = first;
        let childKey = heapKey[first]!;
        for (let c = first + 1, end = Math.min(first + 4, size); c < end; c++) {
          if (heapKey[c]! < childKey) {
            childKey = heapKey[c]!;
            child = c;
          }
        }
        if (childKey >= key) break;
        const childNode = heapNode[child]!;
        heapKey[i] = childKey;
        heapNode[i] = childNode;
        heapAt[childNode] = i;
        i = child;
      }
      heapKey[i] = key;
      heapNode[i] = node;
      heapAt[node] = i;
    }
    return top;
  };

  /**
   * Shortest paths from `source`; returns how many nodes were settled through the heap (in
   * `order`, nearest first; leaves are not among them). Adds the leaves' closeness to `closeness` itself.
   */
  const run = (source: number, closeness: Float64Array): number => {
    for (let i = 0; i < reached; i++) {
      const v = order[i]!;
      state[v] = 0;
      delta[v] = 0;
    }
    reached = 0;
    dist[source] = 0;
    sigma[source] = 1;
    predCount[source] = 0;
    state[source] = 1;
    siftUp(heapSize++, 0, source);
    while (heapSize > 0) {
      const v = popMin();
      state[v] = 2;
      order[reached++] = v;
      const dv = dist[v]!;
      const sv = sigma[v]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        const seen = state[w]!;
        if (seen === 2) continue;
        const alt = dv + length[e]!;
        if (leaf[w] && w !== source) {
          closeness[w]! += 1 / alt;
          delta[v]! += 1;
          continue;
        }
        if (seen === 0) {
          dist[w] = alt;
          sigma[w] = sv;
          preds[offsets[w]!] = v;
          predCount[w] = 1;
          state[w] = 1;
          siftUp(heapSize++, alt, w);
          continue;
        }
        const dw = dist[w]!;
        if (dw - alt > TIE * dw) {
          dist[w] = alt;
          sigma[w] = sv;
          preds[offsets[w]!] = v;
          predCount[w] = 1;
          siftUp(heapAt[w]!, alt, w);
        } else if (Math.abs(alt - dw) <= TIE * Math.max(alt, dw)) {
          sigma[w]! += sv;
          preds[offsets[w]! + predCount[w]!++] = v;
        }
      }
    }
    return reached;
  };

  return { run, order, dist, sigma, delta, predCount, preds };
}
