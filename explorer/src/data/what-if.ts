import type { ExplorerGraph } from './explorer-graph.js';
import { DIMMED_COLOUR, WHAT_IF_COLOURS } from './palette.js';

/**
 * The graph re-coloured for a what-if: which nodes stay in the largest connected part, which
 * fall away from it when the selected ones are removed, which were apart already. The figures
 * (fragmentation, money cut off…) come from the service's what-if; this is the picture of it,
 * worked out on the drawn graph by breadth-first search.
 */

export type WhatIfPart = 'removed' | 'largest' | 'cutOff' | 'apartBefore';

export interface WhatIfColouring {
  parts: Map<string, WhatIfPart>;
  counts: Record<WhatIfPart, number>;
  largestBefore: number;
  largestAfter: number;
}

export const PART_COLOURS: Record<WhatIfPart, string> = {
  removed: WHAT_IF_COLOURS.removed,
  largest: WHAT_IF_COLOURS.largest,
  cutOff: WHAT_IF_COLOURS.cutOff,
  apartBefore: DIMMED_COLOUR,
};

/** Component index of every node not in `removed`, and the sizes of the components. */
function components(graph: ExplorerGraph, removed: ReadonlySet<string>): { of: Map<string, number>; sizes: number[] } {
  const of = new Map<string, number>();
  const sizes: number[] = [];
  graph.forEachNode((start) => {
    if (removed.has(start) || of.has(start)) return;
    const id = sizes.length;
    let size = 0;
    const queue = [start];
    of.set(start, id);
    while (queue.length > 0) {
      const node = queue.pop()!;
      size++;
      graph.forEachNeighbor(node, (next) => {
        if (removed.has(next) || of.has(next)) return;
        of.set(next, id);
        queue.push(next);
      });
    }
    sizes.push(size);
  });
  return { of, sizes };
}

const largestOf = (sizes: number[]) => sizes.reduce((best, size, i) => (size > (sizes[best] ?? -1) ? i : best), -1);

export function whatIfColouring(graph: ExplorerGraph, removed: ReadonlySet<string>): WhatIfColouring {
  for (const key of removed) if (!graph.hasNode(key)) throw new Error(`explorer/what-if: ${key} is not in the graph`);
  const before = components(graph, new Set());
  const after = components(graph, removed);
  const mainBefore = largestOf(before.sizes);
  const mainAfter = largestOf(after.sizes);
  const parts = new Map<string, WhatIfPart>();
  const counts: Record<WhatIfPart, number> = { removed: 0, largest: 0, cutOff: 0, apartBefore: 0 };
  graph.forEachNode((key) => {
    const part: WhatIfPart = removed.has(key) ? 'removed' : after.of.get(key) === mainAfter ? 'largest' : before.of.get(key) === mainBefore ? 'cutOff' : 'apartBefore';
    parts.set(key, part);
    counts[part]++;
  });
  return { parts, counts, largestBefore: before.sizes[mainBefore] ?? 0, largestAfter: after.sizes[mainAfter] ?? 0 };
}
