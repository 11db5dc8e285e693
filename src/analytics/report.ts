import type { GivenStructure } from './communities/given-structure.js';
import type { Csr } from './csr.js';
import type { Projection } from './projection/types.js';

/**
 * What an analyst reads about each community: its size, its most harmful members, the money
 * that moves inside it, the routes and launch sites its members use, and the people who tie it
 * to other communities (the brokers a disruption would aim at).
 */

/** Members and bridges named per community. */
export const TOP = 5;

export interface CommunityReport {
  id: string;
  size: number;
  topMembers: { key: string; harmScore: number }[];
  internalTies: number;
  externalTies: number;
  /** Payments between members, in whole units of the reporting currency (people projection). */
  internalMoneyFlow: number;
  mainPlaces: { key: string; crossings: number }[];
  bridges: { key: string; participation: number; bridgesTo: string[] }[];
}

/**
 * Everything but the top members, which wait for the harm score: the engine writes this part
 * while the shortest-path passes are still running.
 */
export function describeCommunities(
  projection: Projection,
  communities: readonly Int32Array[],
  ids: readonly string[],
  csr: Csr,
  community: Int32Array,
  participation: Float64Array,
): Omit<CommunityReport, 'topMembers'>[] {
  const { ties, evidence } = projection;
  const internalTies = new Float64Array(communities.length);
  const externalTies = new Float64Array(communities.length);
  const money = new Float64Array(communities.length);
  for (let t = 0; t < ties.source.length; t++) {
    const a = community[ties.source[t]!]!;
    const b = community[ties.target[t]!]!;
    if (a === b) {
      internalTies[a]! += 1;
      money[a]! += ties.money[t]!;
    } else {
      externalTies[a]! += 1;
      externalTies[b]! += 1;
    }
  }

  return communities.map((indices, c) => {
    const bridges = Array.from(indices)
      .filter((i) => {
        for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) if (community[csr.targets[e]!] !== c) return true;
        return false;
      })
      .map((i) => {
        const other = new Set<number>();
        for (let e = csr.offsets[i]!; e < csr.offsets[i + 1]!; e++) {
          const d = community[csr.targets[e]!]!;
          if (d !== c) other.add(d);
        }
        return { i, other };
      })
      .filter((b) => b.other.size > 0)
      .sort((a, b) => b.other.size - a.other.size || participation[b.i]! - participation[a.i]! || a.i - b.i)
      .slice(0, TOP)
      .map(({ i, other }) => ({ key: csr.ids[i]!, participation: participation[i]!, bridgesTo: [...other].map((d) => ids[d]!).sort() }));

    return {
      id: ids[c]!,
      size: indices.length,
      internalTies: internalTies[c]!,
      externalTies: externalTies[c]!,
      internalMoneyFlow: money[c]!,
      mainPlaces: mainPlaces(indices, evidence),
      bridges,
    };
  });
}

/**
 * describeCommunities from what the GDS engine computed where the ties are (given-structure.ts):
 * the same report, the per-node shares summed per community and the bridges ordered as there.
 */
export function describeGivenCommunities(
  evidence: Projection['evidence'],
  communities: readonly Int32Array[],
  ids: readonly string[],
  keys: readonly string[],
  given: Pick<GivenStructure, 'membership' | 'internalTies' | 'externalTies' | 'internalMoney' | 'bridges' | 'brokerage'>,
): Omit<CommunityReport, 'topMembers'>[] {
  const { participation } = given.brokerage;
  const candidates = communities.map((): { node: number; bridgesTo: number[] }[] => []);
  for (const bridge of given.bridges) if (bridge.bridgesTo.length > 0) candidates[given.membership[bridge.node]!]!.push(bridge);
  return communities.map((indices, c) => {
    let internalTies = 0;
    let externalTies = 0;
    let money = 0;
    for (const i of indices) {
      internalTies += given.internalTies[i]!;
      externalTies += given.externalTies[i]!;
      money += given.internalMoney[i]!;
    }
    const bridges = candidates[c]!.sort((a, b) => b.bridgesTo.length - a.bridgesTo.length || participation[b.node]! - participation[a.node]! || a.node - b.node)
      .slice(0, TOP)
      .map(({ node, bridgesTo }) => ({ key: keys[node]!, participation: participation[node]!, bridgesTo: bridgesTo.map((d) => ids[d]!).sort() }));
    return { id: ids[c]!, size: indices.length, internalTies, externalTies, internalMoneyFlow: money, mainPlaces: mainPlaces(indices, evidence), bridges };
  });
}

/** The routes and launch sites a community's members used most: crossings per place, the three highest. */
function mainPlaces(indices: Int32Array, evidence: Projection['evidence']): CommunityReport['mainPlaces'] {
  const places = new Map<string, number>();
  for (const i of indices) for (const [key, n] of Object.entries(evidence[i]?.places ?? {})) places.set(key, (places.get(key) ?? 0) + n);
  return [...places]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([key, crossings]) => ({ key, crossings }));
}

/** The reports with each community's most harmful members added. */
export function withTopMembers(
  reports: readonly Omit<CommunityReport, 'topMembers'>[],
  communities: readonly Int32Array[],
  csr: Pick<Csr, 'ids'>,
  score: Float64Array,
): CommunityReport[] {
  return reports.map(({ id, size, ...rest }, c) => {
    // Node indices follow key order (the engine's CSR is canonical), so they break ties by key.
    const byHarm = Array.from(communities[c]!).sort((a, b) => score[b]! - score[a]! || a - b);
    return { id, size, topMembers: byHarm.slice(0, TOP).map((i) => ({ key: csr.ids[i]!, harmScore: score[i]! })), ...rest };
  });
}
