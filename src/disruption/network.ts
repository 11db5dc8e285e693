import { splitLabels } from '../analytics/communities/split-disconnected.js';
import { type Csr, csrFromEdges } from '../analytics/csr.js';
import type { AnalysisResult } from '../analytics/engine.js';
import type { Projection } from '../analytics/projection/types.js';
import type { RankingTable } from '../analytics/ranking.js';
import type { PathWeights } from '../analytics/weights.js';
import { createRng } from '../shared/rng.js';
import { components, distanceFragmentation, fragmentation, reachablePairs } from './connectivity.js';

/**
 * What the planner works on: the projection's graph, the analysis of it (harm, measures,
 * communities), and the facts a disruption is judged by: payments along ties, who organised
 * which crossing. People and organisations are the candidates (arrests); other nodes of a full
 * projection stay in the graph and count in its components.
 */

export interface DisruptionNetwork {
  csr: Csr;
  nodes: Projection['nodes'];
  /** 1 for a node that may be removed: people and organisations (the analysis's ranked nodes). */
  candidate: Uint8Array;
  ranking: RankingTable;
  ties: Pick<Projection['ties'], 'source' | 'target' | 'money'>;
  totalMoney: number;
  /** Each crossing with its organisers in scope (node indices). */
  crossings: { id: string; organisers: number[] }[];
  communities: { id: string; size: number }[];
  /** Sources for the estimate of distance-weighted fragmentation (undefined: exact, or none). */
  distanceSources: Int32Array | undefined;
  /** False above DISTANCE_MAX_NODES: the measure is then left out. */
  distanceMeasured: boolean;
  /** What the analysis measured shortest paths in (its betweenness and harm score). */
  pathWeights: PathWeights;
}

/** Distance-weighted fragmentation is measured up to this many nodes… */
export const DISTANCE_MAX_NODES = 5000;
/** …exactly up to this many, above from this many seeded sources. */
export const DISTANCE_EXACT_UP_TO = 300;
export const DISTANCE_SOURCES = 32;

export function disruptionNetwork(projection: Projection, analysis: AnalysisResult, seed: number): DisruptionNetwork {
  const { nodes, ties, evidence } = projection;
  const n = nodes.length;
  const csr = csrFromEdges(
    nodes.map((node) => node.key),
    ties.source,
    ties.target,
    ties.strength,
  );
  const byCrossing = new Map<string, number[]>();
  evidence.forEach((e, i) => {
    for (const crossing of e?.organised ?? []) {
      const organisers = byCrossing.get(crossing);
      if (organisers) organisers.push(i);
      else byCrossing.set(crossing, [i]);
    }
  });
  let totalMoney = 0;
  for (let t = 0; t < ties.money.length; t++) totalMoney += ties.money[t]!;
  const distanceMeasured = n <= DISTANCE_MAX_NODES;
  const distanceSources =
    distanceMeasured && n > DISTANCE_EXACT_UP_TO
      ? Int32Array.from(
          createRng(seed).sample(
            Array.from({ length: n }, (_, v) => v),
            DISTANCE_SOURCES,
          ),
        )
      : undefined;
  return {
    csr,
    nodes,
    candidate: analysis.ranking.ranked,
    ranking: analysis.ranking,
    ties,
    totalMoney,
    crossings: [...byCrossing].map(([id, organisers]) => ({ id, organisers })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    // The reports are in community index order, as ranking.community numbers them.
    communities: analysis.communities.map(({ id, size }) => ({ id, size })),
    distanceSources,
    distanceMeasured,
    pathWeights: analysis.options.pathWeights,
  };
}

/** The network's state with some nodes removed: what the plan's curves and the what-if report. */
export interface NetworkState {
  removed: number;
  /** Largest connected component / all nodes before any removal. */
  largestComponentShare: number;
  largestComponent: number;
  components: number;
  /** Of the nodes left (Borgatti 2006). */
  fragmentation: number;
  /** Borgatti's distance-weighted fragmentation (hops); null above DISTANCE_MAX_NODES nodes. */
  distanceFragmentation: number | null;
  /** Share of the payment volume whose payer and payee are both left and still connected; null without payments. */
  paymentVolumeConnected: number | null;
  /** Payment volume (reporting currency) whose payer and payee are no longer connected. */
  paymentVolumeCutOff: number;
  /** Crossings whose organisers in scope are all removed. */
  crossingsStopped: number;
  /** Communities of two or more whose members left are in two or more pieces (within the community), or none left. */
  communitiesFallenApart: number;
}

/** A node as the plan and the what-if name it. */
export interface NodeRef {
  key: string;
  type: string;
  id: string;
  name: string | null;
}

export function nodeRef(net: Pick<DisruptionNetwork, 'nodes'>, i: number): NodeRef {
  const { key, type, id, name } = net.nodes[i]!;
  return { key, type, id, name };
}

/** The state, plus the indices of the communities that fell apart (the what-if lists them). */
export function networkState(net: DisruptionNetwork, removed: Uint8Array): NetworkState & { fallenApart: number[] } {
  const { csr, ties } = net;
  const n = csr.n;
  const found = components(csr, removed);
  let connected = 0;
  for (let t = 0; t < ties.source.length; t++) {
    const a = found.component[ties.source[t]!]!;
    if (a !== -1 && a === found.component[ties.target[t]!]) connected += ties.money[t]!;
  }
  let stopped = 0;
  for (const crossing of net.crossings) if (crossing.organisers.every((i) => removed[i])) stopped++;
  const fallenApart = communitiesFallenApart(net, removed);
  let count = 0;
  for (let v = 0; v < n; v++) if (removed[v]) count++;
  return {
    removed: count,
    largestComponentShare: n === 0 ? 0 : found.largest / n,
    largestComponent: found.largest,
    components: found.sizes.length,
    fragmentation: fragmentation(reachablePairs(found.sizes), found.alive),
    distanceFragmentation: net.distanceMeasured && n > 0 ? distanceFragmentation(csr, removed, net.distanceSources) : null,
    paymentVolumeConnected: net.totalMoney > 0 ? connected / net.totalMoney : null,
    paymentVolumeCutOff: net.totalMoney - connected,
    crossingsStopped: stopped,
    communitiesFallenApart: fallenApart.length,
    fallenApart,
  };
}

/** Indices of the communities (of two or more) whose members left are split within the community, or gone. */
function communitiesFallenApart(net: DisruptionNetwork, removed: Uint8Array): number[] {
  const { community } = net.ranking;
  const labels = new Int32Array(net.csr.n);
  for (let v = 0; v < net.csr.n; v++) labels[v] = removed[v] ? -1 : community[v]!;
  const pieces = new Int32Array(net.communities.length);
  for (const part of splitLabels(net.csr, labels)) pieces[labels[part[0]!]!]!++;
  const out: number[] = [];
  net.communities.forEach((c, i) => {
    if (c.size >= 2 && pieces[i] !== 1) out.push(i);
  });
  return out;
}
