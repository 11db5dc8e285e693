import { write } from 'graphology-gexf';

import { rgbOf } from '../shared/colour.js';
import type { AnalysisGraph } from './analysis-graph.js';

/**
 * GEXF 1.3 for Gephi, through graphology-gexf: every attribute of the analysis graph, plus viz
 * attributes so the network opens readable: a colour per community (a 12-colour palette in order
 * of community size, then repeated) and a node size from 4 to 24 by harm score (4 for nodes
 * that are not ranked). Colours are written as r, g and b, which every GEXF reader takes:
 * GEXF 1.3's `hex` form stops networkx's reader.
 */

/** Tableau 10 + two: distinct on screen and in print. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#17becf', '#8c564b'];

export function writeGexf(graph: AnalysisGraph, communityOrder: readonly string[]): string {
  const colour = new Map(communityOrder.map((id, i) => [id, rgbOf(PALETTE[i % PALETTE.length]!)]));
  return write(graph, {
    version: '1.3',
    formatNode: (_key, { label, ...attributes }) => ({
      label,
      attributes: Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null)),
      viz: { color: colour.get(attributes.community) ?? rgbOf('#999999'), size: 4 + (attributes.harmScore ?? 0) / 5 },
    }),
    formatEdge: (_key, attributes) => ({ weight: attributes.weight, attributes: { money: attributes.money, kinds: attributes.kinds } }),
  });
}
