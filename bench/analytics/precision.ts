import type { RankingTable } from '../../src/analytics/ranking.js';

/**
 * How well a ranking finds the planted targets: of the first k people ranked, the share whose
 * planted role (generator truth.roles) is organiser, broker, procurer or money mover, the roles a
 * disruption ranking should surface. Organisations are left out of the list before cutting at k.
 */

export const TARGET_ROLES: ReadonlySet<string> = new Set(['organiser', 'broker', 'procurer', 'money_mover']);

export function precisionAt(k: number, rankedPeople: readonly string[], roles: Readonly<Record<string, string>>): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`bench/analytics/precision: k must be an integer ≥ 1, got ${k}`);
  return rankedPeople.slice(0, k).filter((id) => TARGET_ROLES.has(roles[id] ?? '')).length / k;
}

/** Ids of the ranked people, best first, from an analysis's ranking table. */
export function rankedPeople(ranking: Pick<RankingTable, 'order' | 'nodes'>): string[] {
  return Array.from(ranking.order, (i) => ranking.nodes[i]!)
    .filter((node) => node.type === 'person')
    .map((node) => node.id);
}
