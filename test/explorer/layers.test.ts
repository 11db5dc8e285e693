import { describe, expect, it } from 'vitest';

import type { AnalysisContext } from '../../explorer/src/data/api-types.js';
import { toExplorerGraph } from '../../explorer/src/data/explorer-graph.js';
import { addContext, describeTie, isDirected, layerOf, shapeImage, tieText, tieWidth } from '../../explorer/src/data/layers.js';
import { SMALL_EXPORT } from './fixtures.js';

const node = (key: string, extra: Partial<AnalysisContext['nodes'][number]> = {}): AnalysisContext['nodes'][number] => {
  const [type, id] = key.split(':') as [AnalysisContext['nodes'][number]['type'], string];
  return { key, type, id, label: id, kind: null, date: null, amount: null, currency: null, unresolved: false, ...extra };
};
const relation = (type: string, source: string, target: string, extra: Partial<AnalysisContext['relations'][number]> = {}): AnalysisContext['relations'][number] => ({
  type,
  source,
  target,
  count: 1,
  firstSeen: null,
  lastSeen: null,
  amount: null,
  currency: null,
  ...extra,
});

/** P1 organised X1 on V2 from L1; P1 paid PY1 to P2; X1 also from L9, which is tied to nothing drawn; P7 is not in the run. */
const CONTEXT: Pick<AnalysisContext, 'nodes' | 'relations'> = {
  nodes: [
    node('crossing:X1', { date: '2024-03-14' }),
    node('vessel:V2'),
    node('location:L1'),
    node('location:L9'),
    node('payment:PY1', { amount: 125_000, currency: 'GBP', date: '2024-03-01' }),
  ],
  relations: [
    relation('ORGANISED', 'person:P1', 'crossing:X1', { firstSeen: '2024-03-14', lastSeen: '2024-03-14' }),
    relation('USED_VESSEL', 'crossing:X1', 'vessel:V2'),
    relation('DEPARTED_FROM', 'crossing:X1', 'location:L1'),
    relation('PAID', 'person:P1', 'payment:PY1', { amount: 125_000, currency: 'GBP', firstSeen: '2024-03-01', lastSeen: '2024-03-01' }),
    relation('PAID_TO', 'payment:PY1', 'person:P2', { amount: 125_000, currency: 'GBP' }),
    relation('OWNS', 'person:P1', 'vessel:V2', { firstSeen: '2024-01-01', lastSeen: '2024-01-01' }),
    relation('BOUGHT', 'person:P1', 'vessel:V2', { count: 2, firstSeen: '2023-12-01', lastSeen: '2024-02-01' }),
    relation('ORGANISED', 'person:P7', 'crossing:X1'),
  ],
};

describe('explorer/layers', () => {
  it('puts each context type in its layer, people and organisations in none', () => {
    expect(['vessel', 'crossing', 'payment', 'account', 'location', 'route', 'person', 'organisation'].map(layerOf)).toEqual([
      'vessels',
      'crossings',
      'payments',
      'payments',
      'places',
      'places',
      null,
      null,
    ]);
  });

  it('adds the context as nodes of their layer drawn by the pictogram program, each type its own shape', () => {
    const graph = toExplorerGraph(SMALL_EXPORT);
    const added = addContext(graph, CONTEXT);
    expect(added.sort()).toEqual(['crossing:X1', 'location:L1', 'location:L9', 'payment:PY1', 'vessel:V2']);
    expect(graph.getNodeAttributes('crossing:X1')).toMatchObject({ entityType: 'crossing', layer: 'crossings', type: 'pictogram', rank: null, community: '' });
    const images = new Set(['vessel', 'crossing', 'payment', 'account', 'location', 'route'].map(shapeImage));
    expect(images.size).toBe(6);
    expect(shapeImage('vessel')).toMatch(/^data:image\/svg\+xml;utf8,%3Csvg/);
    // The people's graph is as it was.
    expect(graph.getNodeAttributes('person:P1').layer).toBeUndefined();
    expect(addContext(graph, CONTEXT)).toEqual([]);
  });

  it('keeps relations whose two ends are drawn, directed from where they start, parallel ones as one edge', () => {
    const graph = toExplorerGraph(SMALL_EXPORT);
    addContext(graph, CONTEXT);
    const context = graph.filterEdges((_, a) => a.relation !== undefined);
    // P7 is not in the run: its relation is left out; OWNS and BOUGHT between P1 and V2 are one edge.
    expect(context.length).toBe(6);
    const paid = graph.edge('person:P1', 'payment:PY1')!;
    expect(graph.source(paid)).toBe('person:P1');
    expect(graph.getEdgeAttributes(paid)).toMatchObject({ type: 'arrow', amount: 125_000 });
    const owns = graph.getEdgeAttributes(graph.edge('person:P1', 'vessel:V2')!);
    expect(owns).toMatchObject({ relation: 'OWNS:1;BOUGHT:2', count: 3, firstSeen: '2023-12-01', lastSeen: '2024-02-01', type: 'arrow' });
    expect(isDirected('PAID')).toBe(true);
    expect(isDirected('MEETING')).toBe(false);
  });

  it('places each context entity near what it is tied to, and the untied ones on a ring outside', () => {
    const graph = toExplorerGraph(SMALL_EXPORT);
    addContext(graph, CONTEXT);
    const at = (key: string) => graph.getNodeAttributes(key);
    const distance = (a: string, b: string) => Math.hypot(at(a).x - at(b).x, at(a).y - at(b).y);
    const people = graph.filterNodes((_, a) => a.layer === undefined);
    const span = Math.max(...people.map((p) => at(p).x)) - Math.min(...people.map((p) => at(p).x));
    // A payment sits between its payer and payee; the crossing next to its organiser.
    const mid = { x: (at('person:P1').x + at('person:P2').x) / 2, y: (at('person:P1').y + at('person:P2').y) / 2 };
    expect(Math.hypot(at('payment:PY1').x - mid.x, at('payment:PY1').y - mid.y)).toBeLessThan(span / 10);
    expect(distance('crossing:X1', 'person:P1')).toBeLessThan(span / 10);
    for (const key of graph.nodes()) expect(Number.isFinite(at(key).x) && Number.isFinite(at(key).y)).toBe(true);
    expect(graph.degree('location:L9')).toBe(0);
    expect(Math.min(...people.map((p) => distance('location:L9', p)))).toBeGreaterThan(span / 20);
  });

  it('draws a tie thicker the stronger it is, or the more money it carried, within bounds', () => {
    expect(tieWidth(0, 'strength')).toBe(0.5);
    expect(tieWidth(1, 'strength')).toBeLessThan(tieWidth(5, 'strength'));
    expect(tieWidth(1e9, 'strength')).toBe(4);
    expect(tieWidth(10_000, 'money')).toBeLessThan(tieWidth(1_000_000, 'money'));
    expect(tieWidth(1e15, 'money')).toBe(4.5);
  });

  it('says what a tie is on hover: kinds, count, dates, amount, for a context relation and for a people tie', () => {
    const graph = toExplorerGraph(SMALL_EXPORT);
    addContext(graph, CONTEXT);
    const owns = describeTie(graph.getEdgeAttributes(graph.edge('person:P1', 'vessel:V2')!));
    expect(owns).toEqual({ kind: 'owns, bought', count: 3, firstSeen: '2023-12-01', lastSeen: '2024-02-01', amount: null, currency: null, directed: true });
    expect(tieText(owns, 'GBP')).toBe('owns, bought · 3 relations · 2023-12-01 to 2024-02-01');
    const paid = describeTie(graph.getEdgeAttributes(graph.edge('person:P1', 'payment:PY1')!));
    expect(tieText(paid, 'EUR')).toBe('paid · 1 relation · 2024-03-01 · 1,250.00 GBP');
    const people = describeTie({ weight: 2, money: 5_000, kinds: 'communication:3;payment:2', size: 1, color: '#000' });
    expect(people).toEqual({ kind: 'communication, payment', count: 5, firstSeen: null, lastSeen: null, amount: 5_000, currency: null, directed: false });
    expect(tieText(people, 'GBP')).toBe('communication, payment · 5 relations · 50.00 GBP');
  });
});
