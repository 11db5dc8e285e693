import type { ExplorerGraph, ExplorerNode } from './explorer-graph.js';

/**
 * The view filters applied in the page, on the run's graph: entity types and one community.
 * Grading and time window are not on the exported graph (a tie is made of many dated, graded
 * facts): they re-scope the analysis instead (scope.ts), as a run of their own.
 */

export interface ViewFilters {
  /** Entity types shown; null: all. */
  types: ReadonlySet<string> | null;
  /** The one community shown; null: all. */
  community: string | null;
}

export const NO_FILTERS: ViewFilters = { types: null, community: null };

export function isShown(node: Pick<ExplorerNode, 'entityType' | 'community'>, filters: ViewFilters): boolean {
  if (filters.types !== null && !filters.types.has(node.entityType)) return false;
  return filters.community === null || node.community === filters.community;
}

/** Nodes and ties the filters leave on screen (a tie is shown when both its ends are). */
export function shownCounts(graph: ExplorerGraph, filters: ViewFilters): { nodes: number; ties: number } {
  let nodes = 0;
  graph.forEachNode((_, attributes) => {
    if (isShown(attributes, filters)) nodes++;
  });
  let ties = 0;
  graph.forEachEdge((_, __, ___, ____, source, target) => {
    if (isShown(source, filters) && isShown(target, filters)) ties++;
  });
  return { nodes, ties };
}

/** The entity types in the graph, most common first. */
export function entityTypes(graph: ExplorerGraph): string[] {
  const counts = new Map<string, number>();
  graph.forEachNode((_, { entityType }) => counts.set(entityType, (counts.get(entityType) ?? 0) + 1));
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([type]) => type);
}
