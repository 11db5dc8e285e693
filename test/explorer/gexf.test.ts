import { UndirectedGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';

import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { toGexf } from '../../explorer/src/data/gexf.js';
import { rgbOf } from '../../src/shared/colour.js';
import { SMALL_EXPORT } from './fixtures.js';

describe('explorer/gexf', () => {
  const graph = toExplorerGraph(SMALL_EXPORT);
  const gexf = toGexf(graph);
  const back = parse(UndirectedGraph, gexf);

  it('writes GEXF 1.3 that reads back as the same graph', () => {
    expect(gexf).toContain('<gexf version="1.3" xmlns="http://gexf.net/1.3"');
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    graph.forEachEdge((_, __, source, target) => expect(back.hasEdge(source, target)).toBe(true));
  });

  it('keeps positions, sizes and colours as drawn, and the entity’s own data as attributes', () => {
    const p3 = back.getNodeAttributes('person:P3');
    const drawn = graph.getNodeAttributes('person:P3');
    expect(p3).toMatchObject({ label: 'Besnik Hoxha', type: 'person', id: 'P3', community: 'c1', rank: 1, harmScore: 90, size: drawn.size });
    expect(p3.x).toBeCloseTo(drawn.x, 3);
    expect(p3.y).toBeCloseTo(drawn.y, 3);
    expect(p3.color).toBe(rgbOf(drawn.color));
    expect(back.getEdgeAttributes(back.edge('person:P2', 'person:P3'))).toMatchObject({ weight: 3, kinds: 'communication:1', money: 0 });
  });

  it('gives unranked entities no rank or score rather than zero', () => {
    const vessel = back.getNodeAttributes('vessel:V1');
    expect(vessel).not.toHaveProperty('rank');
    expect(vessel).not.toHaveProperty('harmScore');
    expect(gexf).not.toContain('communityColor');
    expect(gexf).not.toContain('forceLabel');
  });
});
