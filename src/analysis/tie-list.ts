import type { Projection } from '../analytics/projection/types.js';
import type { PreviewTie } from '../schemas/analysis.js';

/**
 * The analysed graph's ties as a list (the preview's `include: ['ties']`): each named by its
 * ends' `type:id` keys, the lesser first, as the run's export names its edges, so a client can
 * match a window's ties to the run's drawn ones. Sorted by source, then target (code-unit order,
 * not locale), so the same scope gives the same list.
 */
export function tieList(projection: Pick<Projection, 'nodes' | 'ties'>): PreviewTie[] {
  const { nodes, ties } = projection;
  const out: PreviewTie[] = [];
  for (let t = 0; t < ties.source.length; t++) {
    const [a, b] = [nodes[ties.source[t]!]?.key, nodes[ties.target[t]!]?.key];
    if (a === undefined || b === undefined) throw new Error(`analysis/tie-list: tie ${t} names node ${ties.source[t]}–${ties.target[t]}, which the projection has not`);
    out.push(a <= b ? { source: a, target: b, strength: ties.strength[t]! } : { source: b, target: a, strength: ties.strength[t]! });
  }
  return out.sort((x, y) => (x.source < y.source ? -1 : x.source > y.source ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0));
}
