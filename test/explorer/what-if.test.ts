import { describe, expect, it } from 'vitest';

import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { PART_COLOURS, whatIfColouring } from '../../explorer/src/data/what-if.js';
import { SMALL_EXPORT } from './fixtures.js';

/** The fixture is one chain: O1 and P1 hang off P2; P2 — P3 — P4 — P5 — V1. */
describe('explorer/what-if', () => {
  const graph = toExplorerGraph(SMALL_EXPORT);
  const partsOf = (removed: string[]) => Object.fromEntries(whatIfColouring(graph, new Set(removed)).parts);

  it('removing the broker P3 cuts the smaller side away from the larger', () => {
    const colouring = whatIfColouring(graph, new Set(['person:P3']));
    expect(colouring.largestBefore).toBe(7);
    // Left: P1, P2, O1 (3); right: P4, P5, V1 (3). Equal: the first found stays "largest".
    expect(colouring.largestAfter).toBe(3);
    expect(colouring.counts).toEqual({ removed: 1, largest: 3, cutOff: 3, apartBefore: 0 });
    expect(colouring.parts.get('person:P3')).toBe('removed');
  });

  it('removing a leaf cuts nothing else away', () => {
    expect(partsOf(['vessel:V1'])).toMatchObject({ 'vessel:V1': 'removed', 'person:P5': 'largest', 'person:P1': 'largest' });
    expect(whatIfColouring(graph, new Set(['vessel:V1'])).counts).toEqual({ removed: 1, largest: 6, cutOff: 0, apartBefore: 0 });
  });

  it('tells what fell away from what was apart before', () => {
    const islands = toExplorerGraph({ ...SMALL_EXPORT, edges: SMALL_EXPORT.edges.filter((e) => e.key !== 't5') });
    // V1 was alone already; removing P4 cuts P5 off the main part.
    const colouring = whatIfColouring(islands, new Set(['person:P4']));
    expect(Object.fromEntries(colouring.parts)).toEqual({
      'person:P1': 'largest',
      'person:P2': 'largest',
      'person:P3': 'largest',
      'organisation:O1': 'largest',
      'person:P4': 'removed',
      'person:P5': 'cutOff',
      'vessel:V1': 'apartBefore',
    });
    expect([colouring.largestBefore, colouring.largestAfter]).toEqual([6, 4]);
  });

  it('colours every part differently, removed nodes black', () => {
    expect(new Set(Object.values(PART_COLOURS)).size).toBe(4);
    expect(PART_COLOURS.removed).toBe('#000000');
  });

  it('does not change the graph, and refuses nodes it does not have', () => {
    const before = graph.export();
    whatIfColouring(graph, new Set(['person:P2', 'person:P4']));
    expect(graph.export()).toEqual(before);
    expect(() => whatIfColouring(graph, new Set(['person:P9']))).toThrow('explorer/what-if: person:P9 is not in the graph');
  });
});
