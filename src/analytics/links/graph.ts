import { type Csr, csrFromEdges } from '../csr.js';
import type { Projection } from '../projection/types.js';

/**
 * The graph missing links are looked for in: the projection's ties as plain adjacency (a tie is
 * there or not, whatever its strength), without self-ties (a person linked to themselves says
 * nothing about who else they know). Each adjacency entry's weight is its tie's index + 1 in the
 * projection, so the evidence can read the tie's kinds back (csrFromEdges wants weights > 0).
 *
 * `person[v]` marks the nodes a suggestion may join: people only (organisations, and in the full
 * projection crossings, vessels and places, can be shared contacts but are never suggested).
 */

export interface LinkGraph {
  csr: Csr;
  person: Uint8Array;
  /** Distinct neighbours other than the node itself: networkx's `G.degree` on the same graph. */
  degree: Int32Array;
}

export function linkGraph(projection: Projection, leaveOut?: ReadonlySet<number>): LinkGraph {
  const { source, target } = projection.ties;
  const kept: number[] = [];
  for (let t = 0; t < source.length; t++) if (source[t] !== target[t] && !leaveOut?.has(t)) kept.push(t);
  const s = new Int32Array(kept.length);
  const d = new Int32Array(kept.length);
  const w = new Float64Array(kept.length);
  kept.forEach((t, i) => {
    s[i] = source[t]!;
    d[i] = target[t]!;
    w[i] = t + 1;
  });
  const csr = csrFromEdges(
    projection.nodes.map((node) => node.key),
    s,
    d,
    w,
  );
  const person = new Uint8Array(csr.n);
  projection.nodes.forEach((node, v) => (person[v] = node.type === 'person' ? 1 : 0));
  const degree = new Int32Array(csr.n);
  for (let v = 0; v < csr.n; v++) degree[v] = csr.offsets[v + 1]! - csr.offsets[v]!;
  return { csr, person, degree };
}

/** The projection's tie joining u and v (its index), or -1: a scan of the shorter list. */
export function tieBetween(graph: LinkGraph, u: number, v: number): number {
  const { offsets, targets, weights } = graph.csr;
  const [a, b] = graph.degree[u]! <= graph.degree[v]! ? [u, v] : [v, u];
  for (let i = offsets[a]!; i < offsets[a + 1]!; i++) if (targets[i] === b) return weights[i]! - 1;
  return -1;
}

/** Person–person ties (projection tie indices), the ones calibration may hide. */
export function personTies(projection: Projection): number[] {
  const { source, target } = projection.ties;
  const isPerson = (v: number) => projection.nodes[v]!.type === 'person';
  const ties: number[] = [];
  for (let t = 0; t < source.length; t++) if (source[t] !== target[t] && isPerson(source[t]!) && isPerson(target[t]!)) ties.push(t);
  return ties;
}
