import type { PathsAnswer } from './api-types.js';

/**
 * The paths tab's logic: the k shortest paths between two entities as node sequences (graph
 * keys, `type:id`), and what of them the drawing can highlight. A path may pass through
 * entities the run's drawn graph lacks (vessels, crossings, places): those are listed in the
 * panel, not drawn; a step's tie is highlighted only when both its ends are drawn and tied.
 */

export interface PathHighlight {
  nodes: string[];
  edges: string[];
  /** Entities on the paths that the drawing does not have. */
  undrawn: string[];
}

/** The graph as the highlight needs it (graphology's `hasNode` and `edge`). */
export interface DrawnGraph {
  hasNode(key: string): boolean;
  edge(source: string, target: string): string | undefined;
}

export const refKey = (ref: { type: string; id: string }) => `${ref.type}:${ref.id}`;

/** `person:P-1` → `person/P-1`, as /v1/paths takes its ends. */
export const endpointOf = (key: string) => key.replace(':', '/');

export function pathSequences(answer: Pick<PathsAnswer, 'paths'>): string[][] {
  return answer.paths.map((path) => path.nodes.map(refKey));
}

export function pathHighlight(answer: Pick<PathsAnswer, 'paths'>, graph: DrawnGraph): PathHighlight {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const undrawn = new Set<string>();
  for (const path of answer.paths) {
    for (const ref of path.nodes) {
      const key = refKey(ref);
      (graph.hasNode(key) ? nodes : undrawn).add(key);
    }
    for (const step of path.steps) {
      if (!graph.hasNode(step.from) || !graph.hasNode(step.to)) continue;
      const edge = graph.edge(step.from, step.to);
      if (edge !== undefined) edges.add(edge);
    }
  }
  return { nodes: [...nodes].sort(), edges: [...edges].sort(), undrawn: [...undrawn].sort() };
}

export function pathsQuery(from: string, to: string, by: 'hops' | 'strength', k = 3): string {
  return new URLSearchParams({ from: endpointOf(from), to: endpointOf(to), k: String(k), by }).toString();
}
