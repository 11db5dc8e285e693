import { createRng } from '../../shared/rng.js';
import { articulationPoints } from '../brokerage/articulation-points.js';
import { participation } from '../brokerage/participation.js';
import { degreeCentrality } from '../centrality/degree.js';
import { pagerank } from '../centrality/pagerank.js';
import { everyNode, scalePaths, sumPaths } from '../centrality/shortest-paths.js';
import { detectCommunitiesCsr } from '../communities/louvain.js';
import { csrFromEdges, pathGraph } from '../csr.js';
import type { EngineOptions } from '../engine.js';
import { type ActivityScores, activityScores, harmScores } from '../harm/score.js';
import type { Projection } from '../projection/types.js';
import { activityFacts, activityOfDraw } from './activity.js';
import { type KeptTies, markPresent, resampleTies } from './resample.js';
import { type ConfidenceSpec, drawSeed } from './spec.js';

/**
 * Draws `first` to `first + count − 1` of a confidence run: each resamples the projection's facts
 * and ties (resample.ts), and what people did from the facts kept (activity.ts), and works the harm ranking out again, with what the ranking needs and nothing
 * else (no closeness, eigenvector or community reports). Betweenness starts from the same
 * sources in every draw (drawSources), so two draws differ by their facts, not by sampling.
 * A worker thread runs a chunk of draws (analysis/confidence-task.ts); draw d is the same
 * whichever chunk computes it.
 */

export interface DrawChunk {
  first: number;
  count: number;
  /** Per draw, per node: rank among the ranked (1 best), 0 for nodes not ranked; draw-major. */
  ranks: Int32Array;
  /** Per draw, one bit per tie: kept in that draw; draw-major, ⌈ties / 8⌉ bytes each. */
  present: Uint8Array;
  /** Per draw, one bit per fact group (grading only, else empty): kept in that draw; ⌈groups / 8⌉ bytes each. */
  keptFacts: Uint8Array;
}

/** Fewest and most betweenness sources a draw starts from. */
export const MIN_DRAW_SOURCES = 64;

/**
 * The sources every draw's betweenness starts from: a tenth of the sources one analysis takes
 * (every node when exact), at least MIN_DRAW_SOURCES, picked once from the confidence seed.
 * A hundred draws then cost about ten analyses' worth of shortest paths, shared by the pool.
 */
export function drawSources(n: number, analysisSources: number, seed: number): Int32Array {
  const k = Math.min(n, Math.max(MIN_DRAW_SOURCES, Math.ceil(analysisSources / 10)));
  if (k >= n) return everyNode(n);
  return Int32Array.from(
    createRng(seed).sample(
      Array.from({ length: n }, (_, v) => v),
      k,
    ),
  ).sort();
}

export function rankedMask(projection: Pick<Projection, 'nodes'>): Uint8Array {
  return Uint8Array.from(projection.nodes, (node) => (node.type === 'person' || node.type === 'organisation' ? 1 : 0));
}

export function runDraws(projection: Projection, options: EngineOptions, spec: ConfidenceSpec, sources: Int32Array, first: number, count: number): DrawChunk {
  const n = projection.nodes.length;
  const m = projection.ties.source.length;
  const bytesPerDraw = Math.ceil(m / 8);
  const ranks = new Int32Array(count * n);
  const present = new Uint8Array(count * bytesPerDraw);
  const ranked = rankedMask(projection);
  const { facts } = projection;
  const resampled = spec.grading && facts ? activityFacts(facts, n) : undefined;
  // Without grading every draw keeps what people did as reported.
  const asReported = resampled ? undefined : activityScores(projection.evidence, ranked, options.money);
  const groups = resampled ? facts!.keep.length : 0;
  const bytesPerGroupDraw = Math.ceil(groups / 8);
  const keptFacts = new Uint8Array(count * bytesPerGroupDraw);
  const keptGroup = new Uint8Array(groups);
  const keys = projection.nodes.map((node) => node.key);
  for (let d = 0; d < count; d++) {
    const rng = createRng(drawSeed(spec.seed, first + d));
    const kept = resampleTies(projection.ties, facts, spec, rng, present.subarray(d * bytesPerDraw, (d + 1) * bytesPerDraw), keptGroup);
    const activity = resampled ? activityOfDraw(resampled, keptGroup, ranked, options.money) : asReported!;
    for (let g = 0; g < groups; g++) if (keptGroup[g]) markPresent(keptFacts, g, d * bytesPerGroupDraw);
    ranks.set(drawRanks(projection, keys, kept, ranked, activity, options, sources), d * n);
  }
  return { first, count, ranks, present, keptFacts };
}

/** The harm ranking of one resampled network: rank per node (1 best), 0 for nodes not ranked. */
export function drawRanks(
  projection: Pick<Projection, 'evidence'>,
  keys: string[],
  kept: KeptTies,
  ranked: Uint8Array,
  activity: ActivityScores,
  o: EngineOptions,
  sources: Int32Array,
): Int32Array {
  const n = keys.length;
  const csr = csrFromEdges(keys, kept.source, kept.target, kept.strength);
  const paths = scalePaths(n, sources, sources.length < n, sumPaths(pathGraph(csr, o.pathWeights), sources));
  const found = detectCommunitiesCsr(csr, { resolution: o.resolution, seed: o.seed });
  const degree = degreeCentrality(csr);
  const brokerage = { ...participation(csr, found.membership), ...articulationPoints(csr) };
  const harm = harmScores(
    projection.evidence,
    {
      degree: degree.degree,
      betweenness: paths.betweenness,
      pagerank: pagerank(csr).scores,
      participation: brokerage.participation,
      communitiesBridged: brokerage.communitiesBridged,
      isArticulation: brokerage.isArticulation,
    },
    ranked,
    { weights: o.harmWeights, money: o.money },
    activity,
  );
  // As the engine orders them: by harm, then by index (key order).
  const order = Int32Array.from({ length: n }, (_, i) => i)
    .filter((i) => ranked[i] === 1)
    .sort((a, b) => harm.score[b]! - harm.score[a]! || a - b);
  const ranks = new Int32Array(n);
  order.forEach((i, position) => (ranks[i] = position + 1));
  return ranks;
}
