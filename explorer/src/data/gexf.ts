// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- every tsconfig that reaches this file (the service's tests too) needs the writer's types
/// <reference path="./gexf-writer.d.ts" />
// The writer alone: the browser entry also loads a parser that needs DOMParser when it loads.
import write from 'graphology-gexf/common/writer.js';

import { rgbOf } from '../../../src/shared/colour.js';
import type { ExplorerGraph } from './explorer-graph.js';

/**
 * The graph as the analyst sees it, for Gephi: GEXF 1.3 with the laid-out positions, sizes and
 * the colours on screen (community, or what-if parts) as viz attributes, and the entity's type,
 * id, community, rank and harm score as data attributes. Unranked entities carry no rank or
 * score rather than a 0 Gephi would sort among the real ones. Colours go as r, g and b, which
 * every GEXF reader takes (networkx's stops at GEXF 1.3's `hex`).
 */
export function toGexf(graph: ExplorerGraph): string {
  return write(graph, {
    version: '1.3',
    formatNode: (_key, a) => ({
      label: a.label,
      viz: { x: a.x, y: a.y, size: a.size, color: rgbOf(a.color) },
      attributes: {
        type: a.entityType,
        id: a.entityId,
        community: a.community,
        ...(a.rank === null ? {} : { rank: a.rank }),
        ...(a.harmScore === null ? {} : { harmScore: a.harmScore }),
      },
    }),
    formatEdge: (_key, a) => ({ weight: a.weight, attributes: { money: a.money, kinds: a.kinds } }),
  });
}
