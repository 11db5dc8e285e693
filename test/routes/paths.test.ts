import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * X and Y both organised crossing C (2 ties), and are linked by a contact chain X–P1–P2–Y (3
 * ties, 200 contacts each) under A. B holds X and Y too, with a meeting between them.
 * Strength (analytics/weights.ts, grading 2B: confidence 0.8 × 0.85 = 0.68): ORGANISED
 * 1.5 × 0.68 = 1.02 a tie, 2 / 1.02 = 1.9608 long; CONTACT 0.5 × 0.68 × (1 + ln 200) = 2.1414 a
 * tie, 3 / 2.1414 = 1.4010 long: by hops the crossing, by strength the chain.
 */
describe('GET /v1/paths', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const A = `OP-PA-${t}`;
  const B = `OP-PB-${t}`;
  const [X, Y, P1, P2, C] = ['X', 'Y', 'P1', 'P2', 'C'].map((s) => `${s}-${t}`) as [string, string, string, string, string];
  let viewerA = '';
  useTestApp({}, (a) => (app = a));
  const get = (url: string, key?: string) => app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
  const ids = (body: Json) => body.paths.map((p: Json) => p.nodes.map((n: Json) => n.id).join(' '));

  beforeAll(async () => {
    const a = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: A }],
        defaults: { source: `REP-A-${t}`, grading: GRADING },
        people: [X, Y, P1, P2].map((id) => ({ id, name: `Name ${id}` })),
        crossings: [{ id: C, date: '2024-03-14', organisers: [X, Y] }],
        links: [
          { id: `L1-${t}`, type: 'contact', from: X, to: P1, count: 200 },
          { id: `L2-${t}`, type: 'contact', from: P1, to: P2, count: 200 },
          { id: `L3-${t}`, type: 'contact', from: Y, to: P2, count: 200 },
        ],
      },
    });
    expect(a.statusCode, a.body).toBe(200);
    const b = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: B }],
        defaults: { source: `REP-B-${t}`, grading: GRADING },
        people: [X, Y].map((id) => ({ id, name: `B name ${id}` })),
        links: [{ id: `LB-${t}`, type: 'meeting', from: X, to: Y, count: 1 }],
      },
    });
    expect(b.statusCode, b.body).toBe(200);
    const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `paths-${t}`, role: 'viewer', investigations: [A] } });
    viewerA = made.json().key;
  });

  it('finds the crossing by hops and the contact chain by strength, with the evidence of every tie', async () => {
    const hops = await get(`/v1/paths?from=person/${X}&to=person/${Y}&k=2`, viewerA);
    expect(hops.statusCode, hops.body).toBe(200);
    expect(ids(hops.json())).toEqual([`${X} ${C} ${Y}`, `${X} ${P1} ${P2} ${Y}`]);
    expect(hops.json()).toMatchObject({ truncated: false, reason: null, from: { id: X, name: `Name ${X}` } });
    const step = hops.json().paths[1].steps[2];
    expect(step).toMatchObject({ from: `person:${P2}`, to: `person:${Y}` });
    expect(step.relations).toEqual([
      {
        id: `L3-${t}`,
        type: 'CONTACT',
        direction: 'in',
        properties: { count: 200 },
        provenance: expect.objectContaining({ source: `REP-A-${t}`, grading: GRADING }),
        investigations: [A],
      },
    ]);
    const strength = (await get(`/v1/paths?from=person/${X}&to=person/${Y}&k=2&by=strength`, viewerA)).json();
    expect(ids(strength)).toEqual([`${X} ${P1} ${P2} ${Y}`, `${X} ${C} ${Y}`]);
    expect(strength.paths[0].cost).toBeCloseTo(3 / (0.5 * 0.68 * (1 + Math.log(200))), 6);
    expect(strength.paths[1].cost).toBeCloseTo(2 / 1.02, 6);
  });

  it('keeps to k, maxHops, people and exclude, and says why when there is no path', async () => {
    expect(ids((await get(`/v1/paths?from=person/${X}&to=person/${Y}&k=1`, viewerA)).json())).toEqual([`${X} ${C} ${Y}`]);
    expect(ids((await get(`/v1/paths?from=person/${X}&to=person/${Y}&people=true`, viewerA)).json())).toEqual([`${X} ${P1} ${P2} ${Y}`]);
    expect(ids((await get(`/v1/paths?from=person/${X}&to=person/${Y}&exclude=crossing`, viewerA)).json())).toEqual([`${X} ${P1} ${P2} ${Y}`]);
    const none = (await get(`/v1/paths?from=person/${X}&to=person/${P2}&maxHops=1`, viewerA)).json();
    expect(none).toMatchObject({ paths: [], reason: 'no path of at most 1 ties between them' });
  });

  it('walks B’s facts only for a caller who sees B, across an entity’s copies', async () => {
    const both = (await get(`/v1/paths?from=person/${X}&to=person/${Y}&k=1`)).json();
    expect(ids(both)).toEqual([`${X} ${Y}`]);
    expect(both.paths[0].steps[0].relations.map((r: Json) => [r.id, r.investigations])).toEqual([[`LB-${t}`, [B]]]);
    const onlyA = (await get(`/v1/paths?from=person/${X}&to=person/${Y}&k=10`, viewerA)).body;
    expect(onlyA).not.toContain(`LB-${t}`);
    expect(onlyA).not.toContain(B);
  });

  it('answers 404 for an unknown or invisible end alike, 400 naming the field for a bad one', async () => {
    const unknown = await get(`/v1/paths?from=person/nobody-${t}&to=person/${Y}`, viewerA);
    expect(unknown.statusCode).toBe(404);
    const bad = await get(`/v1/paths?from=spaceship-${X}&to=person/${Y}`, viewerA);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.from');
    expect((await get(`/v1/paths?from=person/${X}&to=person/${Y}&k=11`)).statusCode).toBe(400);
  });
});
