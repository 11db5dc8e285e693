import { DEFAULTS as PATH_DEFAULTS, shortestPathCentrality } from '../analytics/centrality/shortest-paths.js';
import { components, withoutNodes } from './connectivity.js';
import { type DisruptionNetwork, type NetworkState, networkState, type NodeRef, nodeRef } from './network.js';
import { byScore } from './strategies/types.js';

/**
 * What if these people were removed: the network's state before and after, the communities
 * that fall apart, the money and crossings cut off, and who takes over brokerage: betweenness
 * recomputed on the network left (with the analysis's settings), whose top candidate is the
 * likely replacement (Campana 2018: rivals absorb a removed smuggler's market; Duijn et al.
 * 2014: a disrupted network can recover).
 */

export const BROKERS_LISTED = 5;
export const CROSSINGS_LISTED = 50;
/** The parts' members are listed up to this many nodes in the scope; above, only counted. */
export const PART_MEMBERS_LISTED_UP_TO = 50_000;

/**
 * Where every node of the scope ends: removed; in the largest component left; cut off from it
 * (in the largest component before, not after); apart before (in no largest component, before
 * or after). Of equal components, the one with the smallest node index is the largest. The
 * members of the three parts left are listed by key, so a drawing can paint exactly this answer.
 */
export interface WhatIfParts {
  counts: { removed: number; largest: number; cutOff: number; apartBefore: number };
  /** False above PART_MEMBERS_LISTED_UP_TO nodes: the lists are then empty. */
  listed: boolean;
  largest: string[];
  cutOff: string[];
  apartBefore: string[];
}

export interface Broker extends NodeRef {
  betweennessBefore: number;
  betweennessAfter: number;
  /** Among the candidates left, by betweenness. */
  rankBefore: number;
}

export interface WhatIf {
  removed: NodeRef[];
  before: NetworkState;
  after: NetworkState;
  communitiesFallenApart: { id: string; size: number; membersLeft: number }[];
  likelyReplacement: Broker | null;
  brokersAfter: Broker[];
  paymentVolumeCutOff: { amount: number; share: number | null; currency: string };
  crossingsStopped: { count: number; ids: string[] };
  betweenness: { estimated: boolean; sources: number };
  parts: WhatIfParts;
}

export function whatIf(net: DisruptionNetwork, remove: readonly number[], options: { seed: number; exactThreshold?: number; samples?: number | 'auto' }): WhatIf {
  const { csr } = net;
  const ref = (i: number) => nodeRef(net, i);
  const removed = new Uint8Array(csr.n);
  const { fallenApart: _unchanged, ...before } = networkState(net, removed);
  for (const i of remove) removed[i] = 1;
  const { fallenApart, ...after } = networkState(net, removed);

  const paths = shortestPathCentrality(withoutNodes(csr, removed), {
    exactThreshold: options.exactThreshold ?? PATH_DEFAULTS.exactThreshold,
    samples: options.samples ?? PATH_DEFAULTS.samples,
    seed: options.seed,
  });
  const { betweenness } = net.ranking.measures;
  const rankBefore = new Map(byScore(net, betweenness, removed).map((v, i) => [v, i + 1]));
  const brokersAfter = byScore(net, paths.betweenness, removed)
    .slice(0, BROKERS_LISTED)
    .map((v): Broker => ({ ...ref(v), betweennessBefore: betweenness[v]!, betweennessAfter: paths.betweenness[v]!, rankBefore: rankBefore.get(v)! }));
  const members = new Int32Array(net.communities.length);
  for (let v = 0; v < csr.n; v++) if (!removed[v]) members[net.ranking.community[v]!]!++;
  const stopped = net.crossings.filter((c) => c.organisers.every((i) => removed[i])).map((c) => c.id);

  return {
    removed: [...remove].sort((a, b) => a - b).map(ref),
    before,
    after,
    communitiesFallenApart: fallenApart.map((c) => ({ id: net.communities[c]!.id, size: net.communities[c]!.size, membersLeft: members[c]! })),
    likelyReplacement: brokersAfter[0] ?? null,
    brokersAfter,
    paymentVolumeCutOff: {
      amount: after.paymentVolumeCutOff - before.paymentVolumeCutOff,
      share: net.totalMoney > 0 ? (after.paymentVolumeCutOff - before.paymentVolumeCutOff) / net.totalMoney : null,
      currency: net.ranking.money.reportingCurrency,
    },
    crossingsStopped: { count: stopped.length, ids: stopped.slice(0, CROSSINGS_LISTED) },
    betweenness: { estimated: paths.estimated, sources: paths.sources },
    parts: partsOf(net, removed),
  };
}

/** The index of the first largest component (−1 when there is none). */
function largestIndex(sizes: readonly number[]): number {
  let best = -1;
  sizes.forEach((size, i) => {
    if (best === -1 || size > sizes[best]!) best = i;
  });
  return best;
}

export function partsOf(net: DisruptionNetwork, removed: Uint8Array): WhatIfParts {
  const { csr } = net;
  const before = components(csr, new Uint8Array(csr.n));
  const after = components(csr, removed);
  const mainBefore = largestIndex(before.sizes);
  const mainAfter = largestIndex(after.sizes);
  const listed = csr.n <= PART_MEMBERS_LISTED_UP_TO;
  const parts: WhatIfParts = { counts: { removed: 0, largest: 0, cutOff: 0, apartBefore: 0 }, listed, largest: [], cutOff: [], apartBefore: [] };
  for (let v = 0; v < csr.n; v++) {
    if (removed[v]) {
      parts.counts.removed++;
      continue;
    }
    const part = after.component[v] === mainAfter ? 'largest' : before.component[v] === mainBefore ? 'cutOff' : 'apartBefore';
    parts.counts[part]++;
    if (listed) parts[part].push(net.nodes[v]!.key);
  }
  return parts;
}
