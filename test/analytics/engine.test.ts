import { describe, expect, it } from 'vitest';

import { analyse, type AnalysisResult } from '../../src/analytics/engine.js';
import { FullProjectionBuilder } from '../../src/analytics/projection/full.js';
import { PeopleProjectionBuilder } from '../../src/analytics/projection/people.js';
import { rankedNodes } from '../../src/analytics/ranking.js';

const A = { se: 1, ia: 'A' };

/** Two cells of four joined by a broker B, a separate pair, an isolated person, a self-loop. */
function network() {
  const b = new PeopleProjectionBuilder();
  const people = ['A1', 'A2', 'A3', 'A4', 'B', 'C1', 'C2', 'C3', 'C4', 'D1', 'D2', 'Z'];
  for (const id of people) b.node({ label: 'Person', id, name: id, unresolved: false });
  const link = (from: string, to: string, count = 5) => b.link({ from, to, type: 'COMMUNICATION', count, ...A });
  for (const cell of [
    ['A1', 'A2', 'A3', 'A4'],
    ['C1', 'C2', 'C3', 'C4'],
  ]) {
    for (let i = 0; i < cell.length; i++) for (let j = i + 1; j < cell.length; j++) link(cell[i]!, cell[j]!);
  }
  link('A1', 'B', 2);
  link('B', 'C1', 2);
  link('D1', 'D2');
  b.payment({ id: 'PAY-SELF', amount: 100, currency: 'GBP', payers: [{ label: 'Person', id: 'D1' }], payees: [{ label: 'Person', id: 'D1' }], ...A });
  b.crossing({
    id: 'X1',
    passengers: 60,
    deaths: 0,
    injuries: 0,
    route: null,
    departedFrom: null,
    vessels: [],
    ...A,
    participants: [
      { id: 'A1', role: 'ORGANISED', ...A },
      { id: 'A2', role: 'PILOTED', ...A },
    ],
  });
  return b.finish();
}

describe('analyse', () => {
  it('reports connected communities, never across components, and a cut point for the broker', async () => {
    const result = await analyse(network());
    const byKey = new Map(rankedNodes(result.ranking).map((n) => [n.key, n]));
    const community = (id: string) => byKey.get(`person:${id}`)!.community;
    expect(community('A2')).toBe(community('A3'));
    expect(community('C2')).toBe(community('C3'));
    expect(community('A2')).not.toBe(community('C2'));
    expect(community('D1')).not.toBe(community('A1'));
    expect(community('Z')).not.toBe(community('D1'));
    expect(new Set(result.communities.map((c) => c.id)).size).toBe(result.communities.length);
    expect(result.communities.reduce((sum, c) => sum + c.size, 0)).toBe(12);

    const broker = byKey.get('person:B')!;
    expect(broker.measures.articulationPoint).toBe(true);
    expect(broker.measures.communitiesBridged).toBeGreaterThanOrEqual(1);
    expect(broker.explanation.some((s) => s.startsWith('cut point: removing them cuts 4 nodes off'))).toBe(true);
    expect(byKey.get('person:Z')!.measures).toMatchObject({ degree: 0, strength: 0, betweenness: 0, closeness: 0 });
    // The self-loop is no tie to anyone else.
    expect(byKey.get('person:D1')!.measures.degree).toBe(1);
  });

  it('ranks by harm score with consecutive ranks, every ranked node explained', async () => {
    const result = await analyse(network());
    const scores = rankedNodes(result.ranking).map((n) => n.harmScore!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(rankedNodes(result.ranking).map((n) => n.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(rankedNodes(result.ranking)[0]!.key).toBe('person:A1');
    for (const node of rankedNodes(result.ranking)) expect(node.explanation.length).toBeGreaterThan(0);
    expect(result.graph).toEqual({ nodes: 12, ties: 16, ranked: 12 });
  });

  it('is deterministic for a seed, and says when betweenness is an estimate', async () => {
    const strip = (r: AnalysisResult) => ({ ...r, timings: {} });
    expect(strip(await analyse(network(), { seed: 3 }))).toEqual(strip(await analyse(network(), { seed: 3 })));
    const sampled = await analyse(network(), { exactBetweennessUpTo: 5, betweennessSamples: 6 });
    expect(sampled.betweenness).toEqual({ estimated: true, sources: 6, threads: 1 });
    expect(rankedNodes(sampled.ranking).every((n) => n.measures.betweennessEstimated)).toBe(true);
    expect(sampled.warnings).toContain('betweenness and closeness are estimates from 6 sampled sources (more than 5 nodes)');
  });

  it('measures every node of a full projection but ranks only people and organisations', async () => {
    const b = new FullProjectionBuilder();
    b.node({ label: 'Person', id: 'P1', name: 'P1', unresolved: false });
    b.node({ label: 'Vessel', id: 'V1', name: null, unresolved: false });
    b.node({ label: 'Organisation', id: 'O1', name: 'O1', unresolved: false });
    b.relation({ fromLabel: 'Person', from: 'P1', toLabel: 'Vessel', to: 'V1', type: 'BOUGHT', count: null, ...A });
    b.relation({ fromLabel: 'Organisation', from: 'O1', toLabel: 'Vessel', to: 'V1', type: 'SOLD', count: null, ...A });
    b.relation({ fromLabel: 'Organisation', from: 'O1', toLabel: 'Vessel', to: 'V1', type: 'OWNS', count: null, ...A });
    const result = await analyse(b.finish());
    const vessel = rankedNodes(result.ranking).find((n) => n.key === 'vessel:V1')!;
    expect(vessel).toMatchObject({ rank: null, harmScore: null, components: [] });
    expect(vessel.measures.degree).toBe(2);
    expect(vessel.measures.strength).toBe(3);
    expect(
      rankedNodes(result.ranking)
        .filter((n) => n.rank !== null)
        .map((n) => n.rank),
    ).toEqual([1, 2]);
  });

  it('measures shortest paths in hops when asked, as networkx does without weights', async () => {
    // Two triangles joined by X (two weak ties) and by Y1–Y2 (three strong ties). networkx 3.6.1
    // betweenness_centrality: unweighted X = 0.3214 (9/28), Y1 = 0.1071 (3/28); with length
    // 1 / strength X = 0 and Y1 = 0.4286 (12/28).
    const b = new PeopleProjectionBuilder();
    const ids = ['A1', 'A2', 'A3', 'C1', 'C2', 'C3', 'X', 'Y1', 'Y2'];
    for (const id of ids) b.node({ label: 'Person', id, name: id, unresolved: false });
    const ties = [
      ['A1', 'A2', 5],
      ['A2', 'A3', 5],
      ['A1', 'A3', 5],
      ['C1', 'C2', 5],
      ['C2', 'C3', 5],
      ['C1', 'C3', 5],
      ['A1', 'X', 1],
      ['X', 'C1', 1],
      ['A1', 'Y1', 50],
      ['Y1', 'Y2', 50],
      ['Y2', 'C1', 50],
    ] as const;
    for (const [from, to, count] of ties) b.link({ from, to, type: 'COMMUNICATION', count, ...A });
    const projection = b.finish();
    const betweenness = async (pathWeights: 'strength' | 'hops') => {
      const result = await analyse(projection, { pathWeights });
      expect(result.options.pathWeights).toBe(pathWeights);
      return new Map(rankedNodes(result.ranking).map((n) => [n.id, n.measures.betweenness]));
    };
    const hops = await betweenness('hops');
    expect(hops.get('X')).toBeCloseTo(9 / 28, 12);
    expect(hops.get('Y1')).toBeCloseTo(3 / 28, 12);
    const strength = await betweenness('strength');
    expect(strength.get('X')).toBe(0);
    expect(strength.get('Y1')).toBeCloseTo(12 / 28, 12);
  });
});
