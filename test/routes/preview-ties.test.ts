import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { AnalysisPreviewSchema } from '../../src/schemas/analysis.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * The preview's tie list (`include: ['ties']`) on five people and six dated links, worked out
 * by hand for the window 2024-03-01 to 2024-03-15 (a link is in it when its first–last seen span
 * meets it; an undated one always is):
 *   A–B  2024-01-01…2024-01-31   before: out
 *   A–C  2024-02-20…2024-03-05   overlaps the start: in
 *   B–C  2024-03-01…2024-03-10   inside: in
 *   C–D  undated                 in
 *   A–D  first seen 2024-04-01   after: out
 *   D–E  2024-06-01…2024-06-02   after: out (E stays a node, with no tie)
 */

describe('POST /v1/analyses/preview with include ties', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const id = (name: string) => `${name}-${t}`;
  const key = (name: string) => `person:${name}-${t}`;
  const scope = { investigations: [`OP-${t}`] };
  const window = { ...scope, from: '2024-03-01', to: '2024-03-15' };
  const preview = async (body: unknown) => {
    const response = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: body as object });
    expect(response.statusCode, response.body).toBe(200);
    return AnalysisPreviewSchema.parse(response.json());
  };
  /** The hand-worked ties as sorted `source|target` pairs (keys compared as the service does: code units). */
  const pairs = (...ties: [string, string][]) => ties.map(([a, b]) => [key(a), key(b)].sort().join('|')).sort();

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const link = (name: string, type: string, from: string, to: string, firstSeen?: string, lastSeen?: string) => ({
      id: id(name),
      type,
      from: id(from),
      to: id(to),
      ...(firstSeen ? { firstSeen } : {}),
      ...(lastSeen ? { lastSeen } : {}),
    });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: ['A', 'B', 'C', 'D', 'E'].map((p) => ({ id: id(p), name: `${p} ${t}` })),
        links: [
          link('LK1', 'communication', 'A', 'B', '2024-01-01', '2024-01-31'),
          link('LK2', 'associate', 'A', 'C', '2024-02-20', '2024-03-05'),
          link('LK3', 'contact', 'B', 'C', '2024-03-01', '2024-03-10'),
          link('LK4', 'meeting', 'C', 'D'),
          link('LK5', 'contact', 'A', 'D', '2024-04-01'),
          link('LK6', 'communication', 'D', 'E', '2024-06-01', '2024-06-02'),
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('returns exactly the ties in the window, as many as graph.ties, sorted, each as strong as the analysis weighed it', async () => {
    const body = await preview({ scope: window, include: ['ties'] });
    const ties = body.ties!;
    expect(ties.map((tie) => `${tie.source}|${tie.target}`)).toEqual(pairs(['A', 'C'], ['B', 'C'], ['C', 'D']));
    expect(ties).toHaveLength(body.graph.ties);
    // Everyone in scope stays a node; E has no tie in the window.
    expect(body.graph.nodes).toBe(5);
    for (const tie of ties) expect(tie.source < tie.target).toBe(true);
    // Each person's strength (the ranking's) is the sum of their ties' in the list.
    for (const node of body.ranking) {
      const sum = ties.filter((tie) => tie.source === node.key || tie.target === node.key).reduce((s, tie) => s + tie.strength, 0);
      expect(sum, node.key).toBeCloseTo(node.measures.strength, 9);
    }
    expect(body.ranking.find((node) => node.key === key('E'))!.measures.degree).toBe(0);
  });

  it('returns every tie without a window', async () => {
    const body = await preview({ scope, include: ['ties'] });
    expect(body.ties!.map((tie) => `${tie.source}|${tie.target}`)).toEqual(pairs(['A', 'B'], ['A', 'C'], ['B', 'C'], ['C', 'D'], ['A', 'D'], ['D', 'E']));
    expect(body.ties).toHaveLength(body.graph.ties);
  });

  it('leaves the answer unchanged without the option', async () => {
    const [plain, withTies] = [await preview({ scope: window }), await preview({ scope: window, include: ['ties'] })];
    expect(plain).not.toHaveProperty('ties');
    // The data version is the database's, moved by other test files' loads between the two requests.
    const { ties: _ties, timings: _a, dataVersion: _c, ...rest } = withTies;
    const { timings: _b, dataVersion: _d, ...plainRest } = plain;
    expect(rest).toEqual(plainRest);
  });

  it('refuses what it cannot include, with the field path', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope, include: ['edges'] } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toMatch(/^body\.include/);
  });
});
