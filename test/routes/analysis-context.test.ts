import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

/**
 * A run's drawn context over a network built by hand. Investigation A: people P1, P2, vessel V1
 * (owned by P1), location L1, crossing X1 (organised by P1, piloted by P2, on V1, from L1),
 * payment PY1 P1 → P2 of 125 000 GBP, and crossing XE graded E (out of a D scope). B holds V1
 * too under a secret name, a crossing XB on it and a payment PB of its own: a key limited to A
 * sees none of B, and a `*` admin sees V1 once, with both investigations' relations.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('GET /v1/analyses/{id}/context', () => {
  let app: FastifyInstance;
  const t = uniqueTag();
  const A = `OP-CA-${t}`;
  const B = `OP-CB-${t}`;
  const SECRET = `QXZ${t}`;
  const [P1, P2, V1, L1, X1, XE, PY1, XB, PB] = ['P1', 'P2', 'V1', 'L1', 'X1', 'XE', 'PY1', 'XB', 'PB'].map((x) => `${x}-${t}`) as string[] as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  let viewerA = '';
  let runA = '';
  let runAB = '';
  const get = (url: string, key?: string) => app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

  useTestApp({}, (a) => (app = a));

  const runOver = async (investigations: string[]) => {
    const made = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope: { investigations } } });
    expect(made.statusCode, made.body).toBeLessThan(300);
    const id = made.json().id as string;
    await waitFor(async () => ['done', 'failed', 'cancelled'].includes((await get(`/v1/analyses/${id}`)).json().status), 180_000);
    const run = await get(`/v1/analyses/${id}`);
    expect(run.json().status, run.body).toBe('done');
    return id;
  };

  beforeAll(async () => {
    const load = async (investigation: string, body: object, grading: object = GRADING) => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/ingest',
        payload: { investigations: [{ id: investigation }], defaults: { source: `REP-${t}`, grading }, ...body },
      });
      expect(response.statusCode, response.body).toBe(200);
    };
    await load(A, {
      people: [
        { id: P1, name: `Alpha ${t}` },
        { id: P2, name: `Bravo ${t}` },
      ],
      vessels: [{ id: V1, kind: 'boat', name: `Dinghy ${t}` }],
      locations: [{ id: L1, name: `Beach ${t}`, kind: 'beach' }],
      crossings: [{ id: X1, date: '2024-03-14', organisers: [P1], pilots: [P2], vesselIds: [V1], departedFrom: L1 }],
      payments: [{ id: PY1, payer: { type: 'person', id: P1 }, payee: { type: 'person', id: P2 }, amount: 125_000, currency: 'GBP', date: '2024-03-01', channel: 'cash' }],
      relations: [{ id: `OWN-${t}`, type: 'owns', from: { type: 'person', id: P1 }, to: { type: 'vessel', id: V1 }, date: '2024-02-01' }],
    });
    await load(A, { crossings: [{ id: XE, date: '2024-04-01', organisers: [P1] }] }, { ...GRADING, intelligenceAssessment: 'E' });
    await load(B, {
      people: [
        { id: P1, name: `${SECRET} One` },
        { id: `B2-${t}`, name: `${SECRET} Two` },
      ],
      vessels: [{ id: V1, kind: 'boat', name: `${SECRET} boat` }],
      crossings: [{ id: XB, date: '2024-05-01', organisers: [P1], vesselIds: [V1] }],
      payments: [{ id: PB, payer: { type: 'person', id: P1 }, payee: { type: 'person', id: `B2-${t}` }, amount: 777, currency: 'GBP', date: '2024-05-02', channel: 'cash' }],
    });
    const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `viewerA-${t}`, role: 'viewer', investigations: [A] } });
    expect(made.statusCode, made.body).toBe(201);
    viewerA = made.json().key;
    runA = await runOver([A]);
    runAB = await runOver([A, B]);
  });

  const contextOf = async (run: string, key?: string) => {
    const response = await get(`/v1/analyses/${run}/context`, key);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Json;
  };
  const short = (key: string) => key.replaceAll(`-${t}`, '');
  const relations = (context: Json) => context.relations.map((r: Json) => `${short(r.source)} ${r.type} ${short(r.target)}`).sort();

  it('holds the scope’s vessels, crossings, payments and places with their directed relations, graded out ones left out', async () => {
    const context = await contextOf(runA, viewerA);
    expect(context.counts).toEqual({ vessel: 1, crossing: 1, payment: 1, account: 0, location: 1, route: 0 });
    expect(context.nodes.map((n: Json) => `${short(n.key)} ${short(n.label).replace(` ${t}`, '')}`).sort()).toEqual([
      'crossing:X1 X1',
      'location:L1 Beach',
      'payment:PY1 PY1',
      'vessel:V1 Dinghy',
    ]);
    expect(relations(context)).toEqual([
      'crossing:X1 DEPARTED_FROM location:L1',
      'crossing:X1 USED_VESSEL vessel:V1',
      'payment:PY1 PAID_TO person:P2',
      'person:P1 ORGANISED crossing:X1',
      'person:P1 OWNS vessel:V1',
      'person:P1 PAID payment:PY1',
      'person:P2 PILOTED crossing:X1',
    ]);
    const paid = context.relations.find((r: Json) => r.type === 'PAID');
    expect(paid).toMatchObject({ count: 1, firstSeen: '2024-03-01', lastSeen: '2024-03-01', amount: 125_000, currency: 'GBP' });
    expect(context.relations.find((r: Json) => r.type === 'USED_VESSEL')).toMatchObject({ firstSeen: '2024-03-14', amount: null });
  });

  it('shows a key limited to A nothing of B, and the whole of both to a `*` admin, a shared entity once', async () => {
    const a = await get(`/v1/analyses/${runA}/context`, viewerA);
    expect(a.body).not.toContain(SECRET);
    expect(a.body).not.toContain(XB);
    expect(a.body).not.toContain(PB);
    // A run over A and B is not A's team's to read.
    expect((await get(`/v1/analyses/${runAB}/context`, viewerA)).statusCode).toBe(404);
    const both = await contextOf(runAB);
    expect(both.counts).toMatchObject({ vessel: 1, crossing: 2, payment: 2 });
    expect(both.nodes.filter((n: Json) => n.type === 'vessel').map((n: Json) => n.label)).toEqual([`Dinghy ${t}`]);
    expect(relations(both)).toEqual(expect.arrayContaining(['crossing:XB USED_VESSEL vessel:V1', 'person:P1 PAID payment:PB', 'person:P1 ORGANISED crossing:XB']));
    // Each relation once, though P1 and V1 have a copy in each investigation.
    const keys = both.relations.map((r: Json) => `${r.source}|${r.type}|${r.target}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers 404 for a run that does not exist', async () => {
    expect((await get(`/v1/analyses/00000000-0000-4000-8000-000000000000/context`)).statusCode).toBe(404);
  });
});
