import { describe, expect, it } from 'vitest';

import type { PathsAnswer } from '../../explorer/src/data/api-types.js';
import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { endpointOf, pathHighlight, pathSequences, pathsQuery } from '../../explorer/src/data/paths.js';
import { SMALL_EXPORT } from './fixtures.js';

type Path = PathsAnswer['paths'][number];

const ref = (key: string) => {
  const [type, id] = key.split(':') as [string, string];
  return { type, id, name: id, unresolved: false };
};

/** A path through `keys`, one CONTACT relation a step. */
function path(...keys: string[]): Path {
  return {
    cost: keys.length - 1,
    hops: keys.length - 1,
    nodes: keys.map(ref),
    steps: keys.slice(1).map((to, i) => ({
      from: keys[i]!,
      to,
      strength: 1,
      relations: [
        {
          id: `LK-${i}`,
          type: 'CONTACT',
          direction: 'out' as const,
          properties: {},
          provenance: { source: null, grading: null, recordedAt: null, history: [] },
          investigations: [],
        },
      ],
    })),
  };
}

describe('explorer/paths', () => {
  // P1 — P2 — P3 — P4 — P5, O1 — P2, V1 — P5 (test/explorer/fixtures.ts).
  const graph = toExplorerGraph(SMALL_EXPORT);

  it('lists each path as its node keys, in order', () => {
    expect(pathSequences({ paths: [path('person:P1', 'person:P2', 'person:P3'), path('person:P1', 'organisation:O1')] })).toEqual([
      ['person:P1', 'person:P2', 'person:P3'],
      ['person:P1', 'organisation:O1'],
    ]);
  });

  it('highlights the drawn nodes on the paths and the drawn ties between their steps', () => {
    const answer = { paths: [path('person:P1', 'person:P2', 'person:P3'), path('person:P1', 'organisation:O1', 'person:P2', 'person:P3')] };
    const highlight = pathHighlight(answer, graph);
    expect(highlight.nodes).toEqual(['organisation:O1', 'person:P1', 'person:P2', 'person:P3']);
    expect(highlight.edges).toEqual([graph.edge('organisation:O1', 'person:P2'), graph.edge('person:P1', 'person:P2'), graph.edge('person:P2', 'person:P3')].sort());
    expect(highlight.undrawn).toEqual([]);
  });

  it('lists entities the drawing lacks, and highlights no tie through them', () => {
    // P4 and P5 via a crossing the people graph does not draw; P1 — O1 is not a tie of the drawing.
    const answer = { paths: [path('person:P4', 'crossing:X-9', 'person:P5'), path('person:P1', 'organisation:O1')] };
    const highlight = pathHighlight(answer, graph);
    expect(highlight.nodes).toEqual(['organisation:O1', 'person:P1', 'person:P4', 'person:P5']);
    expect(highlight.edges).toEqual([]);
    expect(highlight.undrawn).toEqual(['crossing:X-9']);
  });

  it('highlights nothing when no path was found', () => {
    expect(pathHighlight({ paths: [] }, graph)).toEqual({ nodes: [], edges: [], undrawn: [] });
  });

  it('asks /v1/paths with type/id ends, keeping colons inside ids', () => {
    expect(endpointOf('person:P-1:a')).toBe('person/P-1:a');
    const query = new URLSearchParams(pathsQuery('person:P-1', 'vessel:V:2', 'strength'));
    expect(Object.fromEntries(query)).toEqual({ from: 'person/P-1', to: 'vessel/V:2', k: '3', by: 'strength' });
  });
});
