import type { Csr } from '../csr.js';

/**
 * Participation coefficient (Guimerà & Amaral 2005): how evenly a person's ties spread over
 * communities, P_i = 1 − Σ_c (s_ic / s_i)², where s_ic is the strength of i's ties into
 * community c and s_i its total strength. Weights are affinities, so a broker with strong ties
 * into several groups scores near 1 − 1/k; someone tied only inside their own group scores 0.
 * Self-loops are left out (they bridge nothing); a person with no ties to others scores 0.
 *
 * `communitiesBridged` counts the distinct communities, other than the person's own, among
 * their neighbours.
 */

export interface ParticipationResult {
  participation: Float64Array;
  communitiesBridged: Int32Array;
}

export function participation(csr: Csr, community: Int32Array): ParticipationResult {
  const { n, offsets, targets, weights } = csr;
  if (community.length !== n) {
    throw new RangeError(`analytics/participation: community has ${community.length} entries for ${n} nodes`);
  }
  let communities = 0;
  for (const c of community) {
    if (c < 0) throw new RangeError('analytics/participation: community indices must be ≥ 0');
    communities = Math.max(communities, c + 1);
  }

  const participationOut = new Float64Array(n);
  const communitiesBridged = new Int32Array(n);
  // Per-community strength of the current node, and the communities it touched (to reset).
  const strengthIn = new Float64Array(communities);
  const touched = new Int32Array(communities);
  for (let v = 0; v < n; v++) {
    let touchedCount = 0;
    let total = 0;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = targets[e]!;
      if (w === v) continue;
      const c = community[w]!;
      if (strengthIn[c] === 0) touched[touchedCount++] = c;
      strengthIn[c]! += weights[e]!;
      total += weights[e]!;
    }
    let squares = 0;
    let bridged = 0;
    for (let i = 0; i < touchedCount; i++) {
      const c = touched[i]!;
      const share = strengthIn[c]! / total;
      squares += share * share;
      if (c !== community[v]) bridged++;
      strengthIn[c] = 0;
    }
    participationOut[v] = total > 0 ? 1 - squares : 0;
    communitiesBridged[v] = bridged;
  }
  return { participation: participationOut, communitiesBridged };
}
