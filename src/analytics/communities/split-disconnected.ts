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

import { type Csr, csrFromEdges } from '../csr.js';

/**
 * Connected components among nodes of the same label (a label < 0 leaves a node out; self-loops
 * connect nothing): each node's component (−1 when left out), numbered in the order of their
 * smallest node, and their sizes. One breadth-first search over the adjacency.
 */
export function labelComponents(adjacency: Pick<Csr, 'n' | 'offsets' | 'targets'>, labels: Int32Array): { component: Int32Array; sizes: number[] } {
  const { n, offsets, targets } = adjacency;
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  for (let start = 0; start < n; start++) {
    const label = labels[start]!;
    if (label < 0 || component[start] !== -1) continue;
    const c = sizes.length;
    component[start] = c;
    let size = 0;
    queue[size++] = start;
    for (let head = 0; head < size; head++) {
      const v = queue[head]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        if (component[w] !== -1 || labels[w] !== label) continue;
        component[w] = c;
        queue[size++] = w;
      }
    }
    sizes.push(size);
  }
  return { component, sizes };
}

/**
 * The connected parts of every labelled community, over node indices: each part's members in
 * ascending order, parts in the order of their smallest member. A label < 0 leaves a node out.
 */
export function splitLabels(adjacency: Pick<Csr, 'n' | 'offsets' | 'targets'>, labels: Int32Array): Int32Array[] {
  const { component, sizes } = labelComponents(adjacency, labels);
  const parts = sizes.map((size) => new Int32Array(size));
  const filled = new Int32Array(sizes.length);
  // Nodes in ascending order land in ascending order in their part.
  for (let v = 0; v < component.length; v++) {
    const c = component[v]!;
    if (c >= 0) parts[c]![filled[c]!++] = v;
  }
  return parts;
}

/**
 * Each community is replaced, in place, by its connected parts, ordered by their smallest member;
 * members of every part are sorted. Nodes missing from `communities` are ignored; an empty
 * community disappears.
 */
export function splitDisconnected(graph: AbstractGraph, communities: readonly (readonly string[])[]): string[][] {
  const ids = graph.nodes().sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const labels = new Int32Array(ids.length).fill(-1);
  communities.forEach((members, c) => {
    for (const node of members) {
      const i = index.get(node);
      if (i === undefined) throw new RangeError(`analytics/split-disconnected: ${node} is not in the graph`);
      if (labels[i]! >= 0) throw new RangeError(`analytics/split-disconnected: ${node} is in two communities`);
      labels[i] = c;
    }
  });
  const source: number[] = [];
  const target: number[] = [];
  graph.forEachEdge((_edge, _attributes, u, v) => {
    source.push(index.get(u)!);
    target.push(index.get(v)!);
  });
  const adjacency = csrFromEdges(ids, Int32Array.from(source), Int32Array.from(target), new Float64Array(source.length).fill(1));
  // Parts come out by smallest member; a stable sort by community keeps that within each one.
  return splitLabels(adjacency, labels)
    .sort((a, b) => labels[a[0]!]! - labels[b[0]!]!)
    .map((part) => Array.from(part, (i) => ids[i]!));
}
