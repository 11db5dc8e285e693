import { describe, expect, it } from 'vitest';

import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { searchNodes } from '../../explorer/src/data/search.js';
import { SMALL_EXPORT } from './fixtures.js';

describe('explorer/search', () => {
  const graph = toExplorerGraph(SMALL_EXPORT);
  const keys = (query: string, limit?: number) => searchNodes(graph, query, limit).map((hit) => hit.key);

  it('finds names by any part, ignoring case and accents', () => {
    expect(keys('hoxha')).toEqual(['person:P3']);
    expect(keys('ELODIE')).toEqual(['person:P4']);
    expect(keys('élo')).toEqual(['person:P4']);
  });

  it('puts names that start with the query first, then by rank, unranked last', () => {
    // "he": Hemin and Henok start with it (ranks 3, 2); Besnik Hoxha does not contain it; RIB-7 no.
    expect(keys('he')).toEqual(['person:P2', 'person:P1']);
    expect(keys('a')).toEqual(['person:P5', 'person:P3', 'person:P2', 'person:P1', 'person:P4', 'organisation:O1']);
  });

  it('finds entity ids too, and stops at the limit', () => {
    expect(keys('V1')).toEqual(['vessel:V1']);
    expect(keys('p', 2)).toHaveLength(2);
  });

  it('finds nothing for an empty query', () => {
    expect(searchNodes(graph, '   ')).toEqual([]);
  });
});
