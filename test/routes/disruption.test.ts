import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { DisruptionPlanSchema, WhatIfSchema } from '../../src/schemas/disruption.js';
import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * The planner end to end on a network worked out by hand: two cells of four (A1..A4, C1..C4),
 * each a clique of communications, joined only through broker B (tied to A1 and C1). B was paid
 * for crossing X1, which B organised alone; A1 organised X2 with B.
 */
describe('disruption routes', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const id = (name: string) => `${name}-${t}`;
  const scope = { investigations: [`OP-${t}`] };
  const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, payload: body as object });

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const cell = (prefix: string) => [1, 2, 3, 4].map((i) => `${prefix}${i}`);
    const clique = (members: string[]) => members.flatMap((u, i) => members.slice(i + 1).map((v) => [u, v] as const));
    const ties = [...clique(cell('A')), ...clique(cell('C')), ['A1', 'B'], ['B', 'C1']] as const;
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: [...cell('A'), 'B', ...cell('C')].map((p) => ({ id: id(p), name: `${p} ${t}` })),
        crossings: [
          { id: id('X1'), date: '2024-03-01', passengers: 40, organisers: [id('B')] },
          { id: id('X2'), date: '2024-04-01', passengers: 40, organisers: [id('A1'), id('B')] },
        ],
        payments: [
          { id: id('PAY1'), payer: { type: 'person', id: id('A2') }, payee: { type: 'person', id: id('B') }, amount: 300000, currency: 'GBP', date: '2024-02-01', channel: 'cash' },
        ],
        links: ties.map(([from, to], i) => ({ id: id(`LK${i}`), type: 'communication', from: id(from), to: id(to), count: 5 })),
      },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('plans: every strategy, the broker first for those that look at the network as it is left, the best named', async () => {
    const response = await post('/v1/disruption/plan', { scope, k: 1 });
    expect(response.statusCode, response.body).toBe(200);
    const plan = DisruptionPlanSchema.parse(response.json());
    expect(plan.k).toBe(1);
    // The four path strategies once in strength and once in hops, the other seven once.
    expect(plan.strategies).toHaveLength(15);
    expect(new Set(plan.strategies.map((s) => s.label)).size).toBe(15);
    expect(plan.parameters.pathWeights).toEqual(['strength', 'hops']);
    expect(plan.strategies.filter((s) => s.pathWeights === 'hops').map((s) => s.label)).toEqual([
      'harm/hops',
      'betweenness/hops',
      'adaptive-harm/hops',
      'adaptive-betweenness/hops',
    ]);
    expect(plan.before).toMatchObject({ largestComponent: 9, components: 1, removed: 0, crossingsStopped: 0, paymentVolumeConnected: 1 });
    const greedy = plan.strategies.find((s) => s.strategy === 'greedy-fragmentation')!;
    expect(greedy.targets).toEqual([{ key: `person:${id('B')}`, type: 'person', id: id('B'), name: `B ${t}`, step: 1, reason: expect.stringMatching(/^raises fragmentation/) }]);
    expect(greedy.curve).toEqual([expect.objectContaining({ largestComponent: 4, components: 2, crossingsStopped: 1, paymentVolumeConnected: 0 })]);
    expect(plan.best).toMatchObject({ largestComponentDrop: 5 });
    expect(plan.timings).toEqual({ projection: expect.any(Number), analysis: expect.any(Number), plan: expect.any(Number) });
  });

  it('takes k as a fraction of the nodes, and only the strategies asked for', async () => {
    const response = await post('/v1/disruption/plan', { scope, k: 0.2, strategies: ['degree', 'adaptive-degree'] });
    expect(response.statusCode, response.body).toBe(200);
    const plan = response.json();
    expect(plan.k).toBe(2);
    expect(plan.strategies.map((s: { strategy: string }) => s.strategy)).toEqual(['degree', 'adaptive-degree']);
  });

  it('plans in one path weighting when it is named, and the analysis measures paths in it', async () => {
    const response = await post('/v1/disruption/plan', { scope, k: 1, strategies: ['betweenness', 'degree'], parameters: { pathWeights: 'hops' } });
    expect(response.statusCode, response.body).toBe(200);
    const plan = DisruptionPlanSchema.parse(response.json());
    expect(plan.strategies.map((s) => s.label)).toEqual(['betweenness/hops', 'degree']);
    expect(plan.parameters.pathWeights).toEqual(['hops']);
    const bad = await post('/v1/disruption/plan', { scope, k: 1, parameters: { pathWeights: 'miles' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('pathWeights');
  });

  it('answers what-if: the broker removed, the payment and crossing cut off, the cells apart', async () => {
    const response = await post('/v1/disruption/what-if', { scope, remove: [{ type: 'person', id: id('B') }] });
    expect(response.statusCode, response.body).toBe(200);
    const result = WhatIfSchema.parse(response.json());
    expect(result.removed.map((r) => r.id)).toEqual([id('B')]);
    expect(result.after).toMatchObject({ largestComponent: 4, components: 2, crossingsStopped: 1 });
    expect(result.crossingsStopped).toEqual({ count: 1, ids: [id('X1')] });
    // £3,000.00 in pence, as stored.
    expect(result.paymentVolumeCutOff).toEqual({ amount: 300000, share: 1, currency: 'GBP' });
    expect(result.likelyReplacement?.id).toMatch(new RegExp(`^[AC]1-${t}$`));
  });

  it('refuses unknown ids with their paths, or leaves them out with a warning when asked', async () => {
    const remove = [
      { type: 'person', id: id('B') },
      { type: 'person', id: id('NOBODY') },
    ];
    const refused = await post('/v1/disruption/what-if', { scope, remove });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.remove[1]', message: `person ${id('NOBODY')} is not in the scope` }] });
    const ignored = await post('/v1/disruption/what-if', { scope, remove, ignoreUnknown: true });
    expect(ignored.statusCode, ignored.body).toBe(200);
    expect(ignored.json().warnings).toContain(`body.remove[1]: person ${id('NOBODY')} is not in the scope; left out (ignoreUnknown)`);
  });

  it('refuses a budget of zero, below zero, fractional above one or larger than the network with the reason', async () => {
    for (const k of [0, -3, 1.5]) {
      const response = await post('/v1/disruption/plan', { scope, k });
      expect(response.statusCode, `k = ${k}`).toBe(400);
      expect(response.json().error.details[0].path).toBe('body.k');
    }
    const tooMany = await post('/v1/disruption/plan', { scope, k: 10 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details).toEqual([{ path: 'body.k', message: 'asks for 10 removals but the scope has 9 people and organisations' }]);
    expect((await post('/v1/disruption/plan', { scope, k: 1, strategies: ['coin-toss'] })).statusCode).toBe(400);
    expect((await post('/v1/disruption/what-if', { scope, remove: [] })).statusCode).toBe(400);
  });

  it('refuses a scope of investigations that do not exist, and answers an empty one with an empty, well-formed plan', async () => {
    const none = await post('/v1/disruption/plan', { scope: { investigations: [`NONE-${t}`] }, k: 3 });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([{ path: 'body.scope.investigations[0]', message: expect.stringContaining(`NONE-${t} is not an investigation you can see`) }]);
    // An investigation with a place and nobody in it: there, but nothing to plan.
    const opened = await post('/v1/ingest', {
      investigations: [{ id: `EMPTY-${t}` }],
      defaults: { source: `REP-${t}`, grading: GRADING },
      locations: [{ id: id('BEACH'), name: 'Beach', kind: 'beach' }],
    });
    expect(opened.json().accepted, opened.body).toBe(1);
    const response = await post('/v1/disruption/plan', { scope: { investigations: [`EMPTY-${t}`] }, k: 3 });
    expect(response.statusCode, response.body).toBe(200);
    const plan = DisruptionPlanSchema.parse(response.json());
    expect(plan).toMatchObject({ k: 0, best: null, before: { largestComponent: 0, components: 0, removed: 0 } });
    expect(plan.strategies.every((s) => s.targets.length === 0 && s.curve.length === 0)).toBe(true);
  });
});
