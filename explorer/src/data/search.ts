import type { ExplorerGraph } from './explorer-graph.js';

/**
 * Search by name (or entity id) in the run's graph: case- and accent-insensitive substring
 * matches, names that start with the query first, then by rank (unranked last).
 */

export interface SearchHit {
  key: string;
  label: string;
  entityType: string;
  rank: number | null;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function searchNodes(graph: ExplorerGraph, query: string, limit = 10): SearchHit[] {
  const q = fold(query.trim());
  if (q === '') return [];
  const hits: (SearchHit & { prefix: boolean })[] = [];
  graph.forEachNode((key, { label, entityId, entityType, rank }) => {
    const name = fold(label);
    if (!name.includes(q) && !fold(entityId).includes(q)) return;
    hits.push({ key, label, entityType, rank, prefix: name.startsWith(q) });
  });
  hits.sort((a, b) => Number(b.prefix) - Number(a.prefix) || (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.label < b.label ? -1 : 1));
  return hits.slice(0, limit).map(({ prefix: _, ...hit }) => hit);
}
