import { describe, expect, it } from 'vitest';

import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { entityTypes, isShown, NO_FILTERS, shownCounts } from '../../explorer/src/data/filters.js';
import { SMALL_EXPORT } from './fixtures.js';

describe('explorer/filters', () => {
  const graph = toExplorerGraph(SMALL_EXPORT);

  it('shows everything without filters', () => {
    expect(shownCounts(graph, NO_FILTERS)).toEqual({ nodes: 7, ties: 6 });
  });

  it('keeps the chosen entity types, and only the ties between two shown nodes', () => {
    const people = { types: new Set(['person']), community: null };
    expect(isShown({ entityType: 'vessel', community: 'c2' }, people)).toBe(false);
    expect(shownCounts(graph, people)).toEqual({ nodes: 5, ties: 4 });
    expect(shownCounts(graph, { types: new Set<string>(), community: null })).toEqual({ nodes: 0, ties: 0 });
  });

  it('keeps one community, and combines with the types', () => {
    expect(shownCounts(graph, { types: null, community: 'c2' })).toEqual({ nodes: 3, ties: 2 });
    expect(shownCounts(graph, { types: new Set(['person']), community: 'c2' })).toEqual({ nodes: 2, ties: 1 });
    expect(shownCounts(graph, { types: null, community: 'nowhere' })).toEqual({ nodes: 0, ties: 0 });
  });

  it('lists the entity types, most common first', () => {
    expect(entityTypes(graph)).toEqual(['person', 'organisation', 'vessel']);
  });
});
