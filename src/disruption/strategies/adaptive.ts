import { articulationPoints } from '../../analytics/brokerage/articulation-points.js';
import { participation } from '../../analytics/brokerage/participation.js';
import { degreeCentrality } from '../../analytics/centrality/degree.js';
import { pagerank } from '../../analytics/centrality/pagerank.js';
import { shortestPathCentrality } from '../../analytics/centrality/shortest-paths.js';
import { type Csr, pathGraph } from '../../analytics/csr.js';
import { harmScores } from '../../analytics/harm/score.js';
import { withoutNodes } from '../connectivity.js';
import type { DisruptionNetwork } from '../network.js';
import { best, fixed, type Strategy, type Target } from './types.js';

/**
 * Adaptive attacks: after each removal the measure is computed again on the network left and
 * the highest candidate goes next. Recomputing after each removal is markedly stronger than a
 * static list (Holme, Kim, Yoon & Han 2002, "Attack vulnerability of complex networks"): a
 * broker's role passes to someone else once the first is gone, and the static list cannot see it.
 *
 * Betweenness is recomputed from a budget of shortest-path sources per step (exact up to
 * ADAPTIVE_EXACT_UP_TO nodes, else ADAPTIVE_RELAXATIONS edge relaxations' worth of sampled
 * sources, at least 32, the same seeded draw each step), so twenty steps on a 10k-person network
 * cost seconds, not minutes. Adaptive harm recomputes the structural part of the harm score
 * (betweenness, PageRank, brokerage within the analysis's communities); what a person did
 * (operational, financial, threat) does not change when others are arrested.
 */

export const ADAPTIVE_EXACT_UP_TO = 200;
export const ADAPTIVE_RELAXATIONS = 2.5e5;

function stepBetweenness(csr: Csr, seed: number) {
  const samples = Math.min(csr.n, Math.max(32, Math.floor(ADAPTIVE_RELAXATIONS / Math.max(1, csr.targets.length))));
  return shortestPathCentrality(csr, { exactThreshold: ADAPTIVE_EXACT_UP_TO, samples: Math.max(1, samples), seed });
}

/** k steps of: score the network left, remove the best candidate. */
function adaptive(net: DisruptionNetwork, k: number, step: (left: Csr, removed: Uint8Array) => { score: ArrayLike<number>; reason: (node: number) => string }): Target[] {
  const removed = new Uint8Array(net.csr.n);
  const targets: Target[] = [];
  for (let i = 0; i < k; i++) {
    const { score, reason } = step(i === 0 ? net.csr : withoutNodes(net.csr, removed), removed);
    const node = best(net, score, removed);
    if (node === -1) break;
    targets.push({ node, reason: reason(node) });
    removed[node] = 1;
  }
  return targets;
}

const after = (removed: Uint8Array) => {
  let count = 0;
  for (const r of removed) count += r;
  return count === 0 ? 'in the intact network' : `after ${count} removal${count === 1 ? '' : 's'}, recomputed`;
};

export const adaptiveDegree: Strategy = (net, { k }) => {
  // Degree needs no recomputation: each removal takes one from each neighbour left.
  const { offsets, targets } = net.csr;
  const degree = new Float64Array(net.csr.n);
  for (let v = 0; v < net.csr.n; v++) for (let e = offsets[v]!; e < offsets[v + 1]!; e++) if (targets[e] !== v) degree[v]!++;
  const removed = new Uint8Array(net.csr.n);
  const picks: Target[] = [];
  for (let i = 0; i < k; i++) {
    const node = best(net, degree, removed);
    if (node === -1) break;
    picks.push({ node, reason: `tied to ${degree[node]} others ${after(removed)}, the most of anyone left` });
    removed[node] = 1;
    for (let e = offsets[node]!; e < offsets[node + 1]!; e++) if (targets[e] !== node) degree[targets[e]!]!--;
  }
  return picks;
};

export const adaptivePagerank: Strategy = (net, { k }) =>
  adaptive(net, k, (left, removed) => {
    const { scores } = pagerank(left);
    return { score: scores, reason: (node) => `highest PageRank ${after(removed)}: ${fixed(scores[node]!)}` };
  });

export const adaptiveBetweenness: Strategy = (net, { k, seed, paths: view }) =>
  adaptive(net, k, (left, removed) => {
    const paths = stepBetweenness(pathGraph(left, view.weights), seed);
    const how = paths.estimated ? ` (estimated from ${paths.sources} sources)` : '';
    return { score: paths.betweenness, reason: (node) => `highest betweenness in ${view.weights} ${after(removed)}: ${fixed(paths.betweenness[node]!)}${how}` };
  });

export const adaptiveHarm: Strategy = (net, { k, seed, paths: view }) => {
  const { ranking } = net;
  return adaptive(net, k, (left, removed) => {
    const paths = stepBetweenness(pathGraph(left, view.weights), seed);
    const brokerage = participation(left, ranking.community);
    const cut = articulationPoints(left);
    const ranked = new Uint8Array(left.n);
    for (let v = 0; v < left.n; v++) ranked[v] = net.candidate[v]! & (removed[v]! ^ 1);
    const harm = harmScores(
      ranking.evidence,
      {
        degree: degreeCentrality(left).degree,
        betweenness: paths.betweenness,
        pagerank: pagerank(left).scores,
        participation: brokerage.participation,
        communitiesBridged: brokerage.communitiesBridged,
        isArticulation: cut.isArticulation,
      },
      ranked,
      { weights: ranking.harm.weights, money: ranking.money },
    );
    return {
      score: harm.score,
      reason: (node) => `highest harm score ${after(removed)}: ${fixed(harm.score[node]!, 3)} (its structural part recomputed, betweenness in ${view.weights})`,
    };
  });
};
