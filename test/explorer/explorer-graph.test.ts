import { describe, expect, it } from 'vitest';

import { communitySizes, nodeSize, toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { COMMUNITY_PALETTE, TIE_COLOUR } from '../../explorer/src/data/palette.js';
import { SMALL_EXPORT } from './fixtures.js';

describe('explorer/explorer-graph', () => {
  it('makes one node per exported entity and one edge per tie, keeping what the panels need', () => {
    const graph = toExplorerGraph(SMALL_EXPORT);
    expect(graph.order).toBe(7);
    expect(graph.size).toBe(6);
    expect(graph.getNodeAttributes('person:P3')).toMatchObject({ label: 'Besnik Hoxha', entityType: 'person', entityId: 'P3', community: 'c1', rank: 1, harmScore: 90 });
    expect(graph.getEdgeAttributes('t1')).toMatchObject({ weight: 3, kinds: 'communication:1', color: TIE_COLOUR });
  });

  it('never sets `type` on a node: sigma would read it as the name of a drawing program', () => {
    const graph = toExplorerGraph(SMALL_EXPORT);
    graph.forEachNode((_, attributes) => expect(attributes).not.toHaveProperty('type'));
  });

  it('colours communities from the palette, the largest first, and keeps the colour for what-ifs', () => {
    const graph = toExplorerGraph(SMALL_EXPORT);
    // c1 has 4 members, c2 has 3.
    expect(graph.getNodeAttribute('person:P1', 'color')).toBe(COMMUNITY_PALETTE[0]);
    expect(graph.getNodeAttribute('person:P5', 'color')).toBe(COMMUNITY_PALETTE[1]);
    expect(graph.getNodeAttribute('person:P5', 'communityColor')).toBe(COMMUNITY_PALETTE[1]);
    expect(communitySizes(graph)).toEqual([
      { id: 'c1', size: 4, color: COMMUNITY_PALETTE[0] },
      { id: 'c2', size: 3, color: COMMUNITY_PALETTE[1] },
    ]);
  });

  it('sizes nodes by harm score (unranked entities smallest) and labels only the top targets', () => {
    expect(nodeSize(null)).toBe(2);
    expect(nodeSize(0)).toBe(3);
    expect(nodeSize(100)).toBe(15);
    expect(nodeSize(25)).toBeCloseTo(9, 10);
    expect(nodeSize(250)).toBe(15);
    const graph = toExplorerGraph(SMALL_EXPORT, { topLabels: 2 });
    const labelled = graph.filterNodes((_, a) => a.forceLabel);
    expect(labelled.sort()).toEqual(['person:P2', 'person:P3']);
    expect(graph.getNodeAttribute('vessel:V1', 'size')).toBe(2);
  });

  it('starts from the same positions for the same seed, every node somewhere finite', () => {
    const a = toExplorerGraph(SMALL_EXPORT, { seed: 7 });
    const b = toExplorerGraph(SMALL_EXPORT, { seed: 7 });
    const c = toExplorerGraph(SMALL_EXPORT, { seed: 8 });
    a.forEachNode((key, { x, y }) => {
      expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
      expect([x, y]).toEqual([b.getNodeAttribute(key, 'x'), b.getNodeAttribute(key, 'y')]);
    });
    expect(a.getNodeAttribute('person:P1', 'x')).not.toBe(c.getNodeAttribute('person:P1', 'x'));
  });

  it('leaves out self-ties and accepts edges without keys', () => {
    const graph = toExplorerGraph({
      ...SMALL_EXPORT,
      edges: [
        { source: 'person:P1', target: 'person:P1', attributes: { weight: 1, money: 0, kinds: '' } },
        { source: 'person:P1', target: 'person:P2', attributes: { weight: 1, money: 5, kinds: 'payment:1' } },
      ],
    });
    expect(graph.size).toBe(1);
    expect(graph.getEdgeAttribute('person:P1', 'person:P2', 'money')).toBe(5);
  });
});
