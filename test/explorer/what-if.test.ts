import { describe, expect, it } from 'vitest';

import type { WhatIf } from '../../explorer/src/data/api-types.js';
import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { PART_COLOURS, targetOutcomes, whatIfColouring } from '../../explorer/src/data/what-if.js';
import { SMALL_EXPORT } from './fixtures.js';

/**
 * The fixture is one chain: O1 and P1 hang off P2; P2 — P3 — P4 — P5 — V1. The answers below
 * are written as the service would give them; the page paints them as they are, without
 * working anything out on the drawn graph.
 */
describe('explorer/what-if', () => {
  const graph = toExplorerGraph(SMALL_EXPORT);
  const ref = (key: string) => ({ key, type: key.split(':')[0]!, id: key.split(':')[1]!, name: null });
  const answer = (removed: string[], parts: { largest: string[]; cutOff: string[]; apartBefore: string[] }, listed = true): Pick<WhatIf, 'removed' | 'parts' | 'leftOut'> => ({
    removed: removed.map(ref),
    parts: {
      ...parts,
      listed,
      counts: { removed: removed.length, largest: parts.largest.length, cutOff: parts.cutOff.length, apartBefore: parts.apartBefore.length },
    },
    leftOut: [],
  });

  it('paints every drawn node in the part the answer puts it in, and counts as the answer does', () => {
    const colouring = whatIfColouring(
      graph,
      answer(['person:P3'], { largest: ['person:P1', 'person:P2', 'organisation:O1'], cutOff: ['person:P4', 'person:P5', 'vessel:V1'], apartBefore: [] }),
    );
    expect(Object.fromEntries(colouring.parts)).toEqual({
      'person:P1': 'largest',
      'person:P2': 'largest',
      'organisation:O1': 'largest',
      'person:P3': 'removed',
      'person:P4': 'cutOff',
      'person:P5': 'cutOff',
      'vessel:V1': 'cutOff',
    });
    expect(colouring.counts).toEqual({ removed: 1, largest: 3, cutOff: 3, apartBefore: 0 });
    expect(colouring.painted).toEqual({ removed: 1, largest: 3, cutOff: 3, apartBefore: 0, absent: 0 });
    expect(colouring.notDrawn).toEqual({ removed: 0, largest: 0, cutOff: 0, apartBefore: 0 });
  });

  it('counts the answer’s nodes it does not draw, and its drawn nodes the answer does not have', () => {
    // The what-if read newer data: P9 is new (cut off), V1 is gone from its network.
    const colouring = whatIfColouring(
      graph,
      answer(['person:P3', 'person:P8'], {
        largest: ['person:P1', 'person:P2', 'organisation:O1'],
        cutOff: ['person:P4', 'person:P5', 'person:P9'],
        apartBefore: [],
      }),
    );
    expect(colouring.counts).toEqual({ removed: 2, largest: 3, cutOff: 3, apartBefore: 0 });
    expect(colouring.painted).toEqual({ removed: 1, largest: 3, cutOff: 2, apartBefore: 0, absent: 1 });
    expect(colouring.notDrawn).toEqual({ removed: 1, largest: 0, cutOff: 1, apartBefore: 0 });
    expect(colouring.parts.get('vessel:V1')).toBe('absent');
    expect(colouring.parts.has('person:P9')).toBe(false);
  });

  it('places nobody but the removed when the service did not list the members', () => {
    const colouring = whatIfColouring(graph, answer(['person:P3'], { largest: [], cutOff: [], apartBefore: [] }, false));
    expect(colouring.listed).toBe(false);
    expect(colouring.painted).toMatchObject({ removed: 1, absent: 6 });
    expect(colouring.notDrawn).toEqual({ removed: 0, largest: 0, cutOff: 0, apartBefore: 0 });
  });

  it('says of every target asked for whether it was removed, left out by the service, or not named at all', () => {
    const result = { ...answer(['person:P3'], { largest: [], cutOff: [], apartBefore: [] }), leftOut: [{ type: 'person', id: 'P8' }] };
    const asked = ['person:P3', 'person:P8', 'person:P9'].map((key) => ({ key, label: key }));
    expect(targetOutcomes(graph, asked, result)).toEqual([
      { key: 'person:P3', label: 'person:P3', outcome: 'removed', drawn: true },
      { key: 'person:P8', label: 'person:P8', outcome: 'not in scope', drawn: false },
      { key: 'person:P9', label: 'person:P9', outcome: 'not in answer', drawn: false },
    ]);
  });

  it('colours every part differently, removed nodes black', () => {
    expect(new Set(Object.values(PART_COLOURS)).size).toBe(5);
    expect(PART_COLOURS.removed).toBe('#000000');
  });

  it('does not change the graph', () => {
    const before = graph.export();
    whatIfColouring(graph, answer(['person:P2'], { largest: ['person:P3'], cutOff: [], apartBefore: [] }));
    expect(graph.export()).toEqual(before);
  });
});
