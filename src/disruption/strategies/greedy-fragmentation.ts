import { fragmentation, pairsAfterRemoving } from '../connectivity.js';
import { fixed, type Strategy, type Target } from './types.js';

/**
 * Greedy key-player set (Borgatti 2006, KPP-Neg): each step removes the candidate whose removal
 * raises the fragmentation of the network left the most. Every candidate is evaluated exactly at
 * every step, in linear time, from one depth-first search (connectivity.ts pairsAfterRemoving):
 * the pieces a node's removal leaves follow from the search tree's low points, so no candidate
 * needs pruning and no component count per candidate is run. Ties go to the higher harm score,
 * then to the key.
 */
export const greedyFragmentation: Strategy = (net, { k }) => {
  const { csr, candidate } = net;
  const { score } = net.ranking.harm;
  const removed = new Uint8Array(csr.n);
  let alive = csr.n;
  const targets: Target[] = [];
  for (let i = 0; i < k; i++) {
    const { now, after } = pairsAfterRemoving(csr, removed);
    let pick = -1;
    for (let v = 0; v < csr.n; v++) {
      if (!candidate[v] || removed[v]) continue;
      if (pick === -1 || after[v]! < after[pick]! || (after[v] === after[pick] && score[v]! > score[pick]!)) pick = v;
    }
    if (pick === -1) break;
    const before = fragmentation(now, alive);
    const next = fragmentation(after[pick]!, alive - 1);
    targets.push({
      node: pick,
      reason: `raises fragmentation the most of anyone left: ${fixed(before, 3)} → ${fixed(next, 3)}`,
    });
    removed[pick] = 1;
    alive--;
  }
  return targets;
};
