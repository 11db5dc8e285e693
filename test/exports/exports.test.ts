import { parse as parseCsv } from 'csv-parse/sync';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { beforeAll, describe, expect, it } from 'vitest';

import { analyse } from '../../src/analytics/engine.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import { type AnalysisGraph, analysisGraph } from '../../src/exports/analysis-graph.js';
import { csvField, EDGE_COLUMNS, edgesCsv, NODE_COLUMNS, nodesCsv } from '../../src/exports/csv.js';
import { PALETTE, writeGexf } from '../../src/exports/gexf.js';
import { writeGraphml } from '../../src/exports/graphml.js';
import { packTies, resultRows, unpackTies } from '../../src/runs/result-rows.js';
import { rgbOf } from '../../src/shared/colour.js';

const GRADED = { se: 1, ia: 'A' } as const;

/** Two cells joined by a broker; names with the characters every format must escape. */
async function analysed(): Promise<{ graph: AnalysisGraph; communities: string[] }> {
  const b = new PeopleProjectionBuilder();
  const names: Record<string, string> = { A1: 'Ali "the boss", senior', A2: 'Bea <B> & co', A3: 'Cem\nnewline', B: 'Broker', C1: 'Dia', C2: 'Eli', C3: 'Fen' };
  for (const [id, name] of Object.entries(names)) b.node({ label: 'Person', id, name, unresolved: false });
  const link = (from: string, to: string) => b.link({ from, to, type: 'COMMUNICATION', count: 3, ...GRADED });
  for (const [u, v] of [
    ['A1', 'A2'],
    ['A2', 'A3'],
    ['A1', 'A3'],
    ['C1', 'C2'],
    ['C2', 'C3'],
    ['C1', 'C3'],
    ['A1', 'B'],
    ['B', 'C1'],
  ] as const)
    link(u, v);
  b.payment({ id: 'PAY-1', amount: 50_000, currency: 'GBP', payers: [{ label: 'Person', id: 'A2' }], payees: [{ label: 'Person', id: 'A1' }], ...GRADED });
  const projection = b.finish();
  // Packed before the analysis, as a run does, and read back through the stored shapes.
  const ties = unpackTies(packTies(projection, 3));
  const result = await analyse(projection);
  // In ranking order, reversed: not the node order the ties refer to, which the graph must not assume.
  const rows = resultRows('run', result.ranking, 0, projection.nodes.length).reverse();
  return { graph: analysisGraph(rows, ties), communities: result.communities.map((c) => c.id) };
}

describe('exports', () => {
  let graph: AnalysisGraph;
  let communities: string[];
  beforeAll(async () => ({ graph, communities } = await analysed()));

  it('puts every node and tie in the analysis graph with its measures', () => {
    expect(graph.order).toBe(7);
    expect(graph.size).toBe(8);
    const a1 = graph.getNodeAttributes('person:A1');
    expect(a1).toMatchObject({ label: 'Ali "the boss", senior', type: 'person', id: 'A1', rank: expect.any(Number), articulationPoint: true });
    expect(graph.getEdgeAttributes(graph.edge('person:A1', 'person:A2')!).kinds).toBe('payment:1;communication:1');
  });

  it('writes GraphML that graphology-graphml reads back with the same nodes, ties and typed attributes', () => {
    const back = parseGraphml(UndirectedGraph, writeGraphml(graph));
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    graph.forEachNode((key, attributes) => {
      const read = back.getNodeAttributes(key);
      for (const [name, value] of Object.entries(attributes)) {
        if (value === null) expect(read[name], `${key}.${name}`).toBeUndefined();
        else expect(read[name], `${key}.${name}`).toEqual(value);
      }
    });
    graph.forEachEdge((_edge, attributes, source, target) => {
      const read = back.getEdgeAttributes(back.edge(source, target)!);
      expect(read).toMatchObject({ weight: attributes.weight, money: attributes.money, kinds: attributes.kinds });
    });
  });

  it('writes GEXF that graphology-gexf reads back, coloured by community and sized by harm', () => {
    const back = parseGexf(UndirectedGraph, writeGexf(graph, communities));
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    graph.forEachNode((key, attributes) => {
      const read = back.getNodeAttributes(key);
      expect(read.label).toBe(attributes.label);
      expect(read.community).toBe(attributes.community);
      expect(read.harmScore).toBeCloseTo(attributes.harmScore!, 9);
      expect(read.color).toBe(rgbOf(PALETTE[communities.indexOf(attributes.community)]!));
      expect(read.size).toBeCloseTo(4 + attributes.harmScore! / 5, 6);
    });
    const tie = back.getEdgeAttributes(back.edge('person:A1', 'person:A2')!);
    expect(tie).toMatchObject({ weight: graph.getEdgeAttributes(graph.edge('person:A1', 'person:A2')!).weight, kinds: 'payment:1;communication:1' });
  });

  it('writes nodes and edges CSV that a CSV parser reads back field for field', () => {
    const nodes = parseCsv(nodesCsv(graph), { columns: true }) as Record<string, string>[];
    expect(Object.keys(nodes[0]!)).toEqual([...NODE_COLUMNS]);
    expect(nodes).toHaveLength(7);
    const a2 = nodes.find((n) => n.key === 'person:A2')!;
    expect(a2.label).toBe('Bea <B> & co');
    expect(nodes.find((n) => n.key === 'person:A3')!.label).toBe('Cem\nnewline');
    expect(Number(a2.harmScore)).toBeCloseTo(graph.getNodeAttribute('person:A2', 'harmScore')!, 9);
    expect(nodes.find((n) => n.key === 'person:A1')!.label).toBe('Ali "the boss", senior');
    const edges = parseCsv(edgesCsv(graph), { columns: true }) as Record<string, string>[];
    expect(Object.keys(edges[0]!)).toEqual([...EDGE_COLUMNS]);
    expect(edges).toHaveLength(8);
    expect(nodesCsv(graph).endsWith('\r\n')).toBe(true);
  });

  it('neutralises text a spreadsheet would run as a formula, in every column, and leaves numbers alone', () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', "=cmd|' /C calc'!A0"];
    const g: AnalysisGraph = new UndirectedGraph();
    const base = {
      type: 'person',
      community: '=C1',
      rank: 1,
      harmScore: 10,
      degree: 1,
      strength: 1,
      pagerank: 0.1,
      betweenness: 0,
      closeness: 0,
      eigenvector: 0,
      participation: 0,
      articulationPoint: false,
    };
    hostile.forEach((label, i) => g.addNode(`person:${i}`, { ...base, label, id: label }));
    g.addEdge('person:0', 'person:1', { weight: 1, money: 0, kinds: '@communication:1' });
    const nodes = parseCsv(nodesCsv(g), { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(nodes.map((n) => n.label)).toEqual(hostile.map((h) => `'${h}`));
    expect(nodes.map((n) => n.id)).toEqual(hostile.map((h) => `'${h}`));
    expect(nodes[0]!.community).toBe("'=C1");
    expect((parseCsv(edgesCsv(g), { columns: true }) as Record<string, string>[])[0]!.kinds).toBe("'@communication:1");
    // What a spreadsheet sees first in each cell, quotes taken off: never a formula's start.
    for (const row of nodes) for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+@\t\r]|^-[^0-9]/);
    expect(csvField(-1.5)).toBe('-1.5');
  });
});
