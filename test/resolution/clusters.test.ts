import { describe, expect, it } from 'vitest';

import { RowResolver } from '../../src/analysis/resolved-rows.js';
import type { LinkRow, NodeRow, PeopleRowSink } from '../../src/analytics/projection/rows.js';
import { pairKey, resolveClusters, seenAs } from '../../src/resolution/clusters.js';

/** Union–find over merges, worked by hand, and the resolver between rows and a builder. */

const present = (...ids: string[]) => new Set(ids.map((id) => `person:${id}`));

describe('resolveClusters', () => {
  it('joins merges that share a record into one entity named by the least id present, with every reason', () => {
    const { idOf, clusters } = resolveClusters(present('P-3', 'P-2', 'P-9', 'P-5'), [
      { type: 'person', records: ['P-3', 'P-9'], because: 'shared phone +447700900123' },
      { type: 'person', records: ['P-9', 'P-2'], because: 'accepted by Khan: photo' },
      { type: 'person', records: ['P-5', 'P-7'], because: 'accepted by Khan: same man' },
    ]);
    expect(Object.fromEntries(idOf)).toEqual({ 'person:P-3': 'P-2', 'person:P-9': 'P-2', 'person:P-2': 'P-2', 'person:P-5': 'P-5', 'person:P-7': 'P-5' });
    // P-7 is not in scope: P-5 stands for itself only, so it is no resolved entity.
    expect([...clusters.keys()]).toEqual(['person:P-2']);
    const cluster = clusters.get('person:P-2')!;
    expect(cluster.records).toEqual(['P-2', 'P-3', 'P-9']);
    expect(seenAs(cluster)).toBe('seen as P-2, P-3 and P-9 (shared phone +447700900123; accepted by Khan: photo)');
  });

  it('never joins a rejected pair through a third record by the model’s merges, the likelier merge made first; an analyst’s accepted merges are made', () => {
    // P-1 and P-2 were rejected as one. The model finds P-1 ~ P-3 (more probable) and P-3 ~ P-2:
    // making both would join P-1 and P-2 through P-3, so the second is not made.
    const rejected = new Set([pairKey('person', 'P-2', 'P-1')]);
    const auto = (a: string, b: string, p: string) => ({ type: 'person' as const, records: [a, b], because: `p = ${p}`, automatic: true });
    const { idOf, clusters } = resolveClusters(present('P-1', 'P-2', 'P-3', 'P-4'), [auto('P-1', 'P-3', '0.99'), auto('P-3', 'P-2', '0.95'), auto('P-2', 'P-4', '0.93')], rejected);
    expect(Object.fromEntries(idOf)).toEqual({ 'person:P-1': 'P-1', 'person:P-3': 'P-1', 'person:P-2': 'P-2', 'person:P-4': 'P-2' });
    expect(seenAs(clusters.get('person:P-1')!)).toBe('seen as P-1 and P-3 (p = 0.99)');
    expect(seenAs(clusters.get('person:P-2')!)).toBe('seen as P-2 and P-4 (p = 0.93)');
    // Without the rejection the three are one.
    expect(resolveClusters(present('P-1', 'P-2', 'P-3'), [auto('P-1', 'P-3', '0.99'), auto('P-3', 'P-2', '0.95')]).clusters.get('person:P-1')!.records).toEqual([
      'P-1',
      'P-2',
      'P-3',
    ]);
    // An analyst who accepts P-3 ~ P-2 is followed: accepted merges are not the model's.
    const accepted = resolveClusters(
      present('P-1', 'P-2', 'P-3'),
      [auto('P-1', 'P-3', '0.99'), { type: 'person', records: ['P-3', 'P-2'], because: 'accepted by Khan: photo' }],
      rejected,
    );
    expect(accepted.clusters.get('person:P-1')!.records).toEqual(['P-1', 'P-2', 'P-3']);
  });

  it('keeps types apart: a vessel and a person of one id are not one', () => {
    const { idOf } = resolveClusters(new Set(['person:X-1', 'person:X-2', 'vessel:X-1']), [{ type: 'person', records: ['X-2', 'X-1'], because: 'b' }]);
    expect(idOf.get('person:X-2')).toBe('X-1');
    expect(idOf.has('vessel:X-1')).toBe(false);
  });
});

describe('RowResolver', () => {
  it('collapses node rows onto the entity (its own name), remaps ties and drops and counts those between its records', () => {
    const resolution = resolveClusters(present('P-1', 'P-2', 'P-3'), [{ type: 'person', records: ['P-1', 'P-2'], because: 'b' }]);
    const resolver = new RowResolver({ ...resolution, names: new Map([['person:P-1', 'One']]) });
    const nodes: NodeRow[] = [];
    const links: LinkRow[] = [];
    const sink = resolver.people({ node: (row: NodeRow) => nodes.push(row), link: (row: LinkRow) => links.push(row) } as unknown as PeopleRowSink);
    sink.node({ label: 'Person', id: 'P-2', name: 'Two', unresolved: false });
    sink.node({ label: 'Person', id: 'P-3', name: 'Three', unresolved: false });
    const link = { type: 'COMMUNICATION', count: 1, se: 2, ia: 'B' };
    sink.link({ ...link, from: 'P-2', to: 'P-3' });
    sink.link({ ...link, from: 'P-1', to: 'P-2' });
    sink.link({ ...link, from: null, to: 'P-2' });
    expect(nodes.map((n) => [n.id, n.name])).toEqual([
      ['P-1', 'One'],
      ['P-3', 'Three'],
    ]);
    expect(links.map((l) => [l.from, l.to])).toEqual([
      ['P-1', 'P-3'],
      [null, 'P-1'],
    ]);
    const projection = resolver.finish({
      kind: 'people',
      nodes: [{ key: 'person:P-1', type: 'person', id: 'P-1', name: 'One', unresolved: false }],
      ties: {} as never,
      evidence: [],
      dropped: [],
      relationsRead: 3,
      tieKinds: [],
    });
    expect(projection.nodes[0]).toMatchObject({ records: ['P-1', 'P-2'], resolution: 'seen as P-1 and P-2 (b)' });
    expect(projection.dropped).toEqual([{ reason: 'a tie between records resolved as one entity (scope.resolution)', count: 1 }]);
  });
});
