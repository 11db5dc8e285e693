/**
 * Splits every community that is disconnected inside its own induced subgraph into its connected
 * parts (breadth-first search restricted to the community's members).
 *
 * Louvain (Blondel et al. 2008) can leave a community internally disconnected: a node that held
 * two groups together moves to another community, and each remaining member is still better off
 * staying, so nothing ever separates the groups again (Traag, Waltman & van Eck 2019, "From Louvain
 * to Leiden: guaranteeing well-connected communities", Sci. Rep. 9:5233). A "community" of people
 * with no tie between its halves says nothing about them working together, and splitting it never
 * lowers modularity: the two parts share no edge, so separating them only removes a penalty term.
 * Leiden's refinement phase would also find better-connected subsets; this is the cheap guarantee.
 */
import type { AbstractGraph } from 'graphology-types';

/**
 * Each community is replaced, in place, by its connected parts, ordered by their smallest member;
 * members of every part are sorted. Nodes missing from `communities` are ignored; an empty
 * community disappears. Self-loops do not connect anything.
 */
export function splitDisconnected(graph: AbstractGraph, communities: readonly (readonly string[])[]): string[][] {
  const communityOf = new Map<string, number>();
  communities.forEach((members, index) => {
    for (const node of members) {
      if (!graph.hasNode(node)) throw new RangeError(`analytics/split-disconnected: ${node} is not in the graph`);
      if (communityOf.has(node)) throw new RangeError(`analytics/split-disconnected: ${node} is in two communities`);
      communityOf.set(node, index);
    }
  });

  const reached = new Set<string>();
  return communities.flatMap((members, index) => {
    const parts: string[][] = [];
    for (const start of [...members].sort()) {
      if (reached.has(start)) continue;
      reached.add(start);
      const part = [start];
      for (let i = 0; i < part.length; i++) {
        graph.forEachNeighbor(part[i] as string, (neighbor) => {
          if (communityOf.get(neighbor) !== index || reached.has(neighbor)) return;
          reached.add(neighbor);
          part.push(neighbor);
        });
      }
      parts.push(part.sort());
    }
    return parts;
  });
}
