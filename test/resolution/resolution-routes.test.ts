import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * Candidates and decisions over HTTP, on planted duplicates. In A: R1 and R2 are one man loaded
 * twice (same name, date of birth and passport), R3 someone else sharing nothing, and a vessel.
 * B holds R1 too, with a sentinel alias and phone, and R4, who shares R3's passport and name in
 * B only: for a principal limited to A, R3 has no candidate, and nothing of B shows.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('entity resolution routes', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const A = `OP-RA-${tag}`;
  const B = `OP-RB-${tag}`;
  const SECRET = `ZQR${tag}`;
  const [R1, R2, R3, R4, V1] = ['R1', 'R2', 'R3', 'R4', 'V1'].map((p) => `${p}-${tag}`) as [string, string, string, string, string];
  const digits = String(Math.floor(Math.random() * 900_000) + 100_000);
  const PASSPORT = `PA${digits}`;
  const PASSPORT_3 = `PC${digits}`;
  const keys: Record<string, string> = {};
  const as = (who: string, method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, payload: payload as never, headers: { authorization: `Bearer ${keys[who]}` } });
  const load = (investigation: string, body: Json) => app.inject({ method: 'POST', url: '/v1/ingest', payload: { investigations: [{ id: investigation }], ...body } });
  const candidates = async (who: string, query: string) => {
    const response = await as(who, 'GET', `/v1/resolution/candidates?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const pairs = (page: Json) => page.items.map((c: Json) => c.records.map((r: Json) => r.id));

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const a = await load(A, {
      defaults: { source: `REP-A-${tag}`, grading: GRADING },
      people: [
        { id: R1, name: `Karwan Said ${tag}`, dateOfBirth: '1985-02-03', nationality: 'IQ', documents: [{ kind: 'passport', number: PASSPORT, country: 'IQ' }] },
        { id: R2, name: `Karwan Said ${tag}`, dateOfBirth: '1985-02-03', nationality: 'IQ', documents: [{ kind: 'passport', number: PASSPORT, country: 'IQ' }] },
        { id: R3, name: `Hemin Aziz ${tag}`, dateOfBirth: '1990-07-11', documents: [{ kind: 'passport', number: PASSPORT_3, country: 'IQ' }] },
      ],
      vessels: [{ id: V1, kind: 'boat', name: `Dinghy ${tag}` }],
    });
    expect(a.statusCode, a.body).toBe(200);
    const b = await load(B, {
      defaults: { source: `${SECRET}-report`, grading: GRADING },
      people: [
        { id: R1, name: `Karwan Said ${tag}`, aliases: [`${SECRET}alias`], phones: ['+447700900555'] },
        { id: R4, name: `Hemin Aziz ${tag}`, dateOfBirth: '1990-07-11', documents: [{ kind: 'passport', number: PASSPORT_3, country: 'IQ' }] },
      ],
    });
    expect(b.statusCode, b.body).toBe(200);
    for (const role of ['viewer', 'analyst']) {
      for (const [who, investigations] of [
        [`${role}A`, [A]],
        [`${role}B`, [B]],
      ] as const) {
        const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `${who}-${tag}`, role, investigations } });
        expect(made.statusCode, made.body).toBe(201);
        keys[who] = made.json().key;
      }
    }
  });

  it('lists the planted duplicate and nothing unrelated, with both sides, for a viewer of A', async () => {
    const page = await candidates('viewerA', `investigations=${A}`);
    expect(pairs(page)).toEqual([[R1, R2]]);
    expect(page).toMatchObject({ total: 1, offset: 0, scope: { investigations: [A] }, warnings: [] });
    const [candidate] = page.items;
    expect(candidate).toMatchObject({
      type: 'person',
      records: [
        { id: R1, name: `Karwan Said ${tag}`, label: `Karwan Said ${tag}`, investigations: [A] },
        { id: R2, name: `Karwan Said ${tag}`, investigations: [A] },
      ],
      decision: null,
    });
    expect(candidate.probability).toBeGreaterThanOrEqual(0.9);
    expect(candidate.probability).toBeLessThanOrEqual(1);
    expect(candidate.evidence.some((e: Json) => e.field === 'identifier' && e.weight > 0)).toBe(true);
    // Nothing of B: not its alias, its phone, nor R4 (who shares R3's passport only in B).
    expect(JSON.stringify(page)).not.toContain(SECRET);
    expect(JSON.stringify(page)).not.toContain('447700900555');
    expect(JSON.stringify(page)).not.toContain(R4);
    // Filters: another type finds nothing; unseen investigations are left out with a warning.
    expect((await candidates('viewerA', `investigations=${A}&type=vessel`)).items).toEqual([]);
    const mixed = await candidates('viewerA', `investigations=${A}&investigations=${B}`);
    expect(pairs(mixed)).toEqual([[R1, R2]]);
    expect(mixed.warnings).toHaveLength(1);
    expect(JSON.stringify(mixed)).not.toContain(SECRET);
  });

  it('pairs R3 with R4 for B, and for a `*` admin over both investigations each record names its investigations', async () => {
    // B alone holds no two records alike: A's R2 and R3 do not reach it.
    expect(pairs(await candidates('viewerB', ''))).toEqual([]);
    const both = (await app.inject({ method: 'GET', url: `/v1/resolution/candidates?investigations=${A}&investigations=${B}` })).json();
    expect(pairs(both).sort()).toEqual([
      [R1, R2],
      [R3, R4],
    ]);
    const r34 = both.items.find((c: Json) => c.records[0].id === R3);
    expect(r34.records.map((r: Json) => r.investigations)).toEqual([[A], [B]]);
  });

  it('answers bad input with 400 naming the field', async () => {
    for (const [query, path] of [
      ['threshold=0', 'threshold'],
      ['threshold=1.5', 'threshold'],
      ['type=crossing', 'type'],
      ['limit=0', 'limit'],
    ]) {
      const response = await as('viewerA', 'GET', `/v1/resolution/candidates?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(JSON.stringify(response.json().error.details), query).toContain(path);
    }
    const decide = (payload: Json) => as('analystA', 'POST', '/v1/resolution/decisions', payload);
    const base = { investigation: A, type: 'person', records: [R1, R2], decision: 'accept', reason: 'same passport' };
    const refusals: [Json, string][] = [
      [{ ...base, records: [R1] }, 'body.records'],
      [{ ...base, records: [R1, R1] }, 'body.records'],
      [{ ...base, records: [R1, `NOPE-${tag}`] }, 'body.records[1]'],
      // Records of two types: the vessel is no person of A.
      [{ ...base, records: [R1, V1] }, 'body.records[1]'],
      // R4 is B's only: refused as an unknown id would be.
      [{ ...base, records: [R1, R4] }, 'body.records[1]'],
      [{ ...base, investigation: B }, 'body.investigation'],
      [{ ...base, decision: 'maybe' }, 'body.decision'],
      [{ ...base, reason: '' }, 'body.reason'],
    ];
    for (const [payload, path] of refusals) {
      const response = await decide(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.details.map((d: Json) => d.path)).toContain(path);
      expect(response.body).not.toContain(SECRET);
    }
    // Unknown and B-only records are worded alike.
    const unknown = (await decide({ ...base, records: [R1, `NOPE-${tag}`] })).json().error.details[0].message;
    const onlyB = (await decide({ ...base, records: [R1, R4] })).json().error.details[0].message;
    expect(onlyB.replace(R4, 'ID')).toBe(unknown.replace(`NOPE-${tag}`, 'ID'));
    // A viewer may read candidates but not decide.
    expect((await as('viewerA', 'POST', '/v1/resolution/decisions', base)).statusCode).toBe(403);
  });

  it('records a decision with the analyst and the evidence, shows it on the candidate, moves the data version, audits it, and undoes it', async () => {
    const before = (await app.inject({ method: 'GET', url: `/v1/investigations?limit=1000` })).json().items.find((i: Json) => i.id === A).dataVersion;
    const made = await as('analystA', 'POST', '/v1/resolution/decisions', {
      investigation: A,
      type: 'person',
      records: [R2, R1],
      decision: 'accept',
      reason: `same passport ${tag}`,
    });
    expect(made.statusCode, made.body).toBe(201);
    const decision = made.json();
    expect(decision).toMatchObject({
      investigation: A,
      type: 'person',
      records: [R2, R1],
      decision: 'accept',
      reason: `same passport ${tag}`,
      analyst: { name: `analystA-${tag}` },
      undone: null,
    });
    expect(decision.candidates).toHaveLength(1);
    expect(decision.candidates[0].records).toEqual([R1, R2]);
    expect(decision.candidates[0].probability).toBeGreaterThanOrEqual(0.9);
    expect(decision.dataVersion).toBeGreaterThan(before);
    const after = (await app.inject({ method: 'GET', url: `/v1/investigations?limit=1000` })).json().items.find((i: Json) => i.id === A).dataVersion;
    expect(after).toBe(decision.dataVersion);

    const candidate = (await candidates('viewerA', `investigations=${A}`)).items[0];
    expect(candidate.decision).toMatchObject({ id: decision.id, decision: 'accept', investigation: A, analyst: `analystA-${tag}`, reason: `same passport ${tag}` });

    // Listed for A's team; invisible to B's, whose candidates show no decision either.
    const listed = (await as('viewerA', 'GET', '/v1/resolution/decisions')).json();
    expect(listed.items.map((d: Json) => d.id)).toEqual([decision.id]);
    const ofB = await as('viewerB', 'GET', '/v1/resolution/decisions');
    expect(ofB.json().items).toEqual([]);
    expect(ofB.body).not.toContain(decision.id);
    expect((await as('analystB', 'DELETE', `/v1/resolution/decisions/${decision.id}`)).statusCode).toBe(404);

    const trail = (await app.inject({ method: 'GET', url: `/v1/audit?entity=person:${R1}&limit=50` })).json().items;
    const recorded = trail.find((r: Json) => r.method === 'POST' && r.route === '/v1/resolution/decisions' && r.status === 201);
    expect(recorded).toMatchObject({ principalName: `analystA-${tag}`, investigations: [A] });
    expect(recorded.entities).toEqual([`person:${R1}`, `person:${R2}`].sort());
    expect(JSON.parse(recorded.changes)).toMatchObject({ id: decision.id, decision: 'accept' });

    const undone = await as('analystA', 'DELETE', `/v1/resolution/decisions/${decision.id}`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ id: decision.id, undone: { by: { name: `analystA-${tag}` } } });
    expect((await as('analystA', 'DELETE', `/v1/resolution/decisions/${decision.id}`)).statusCode).toBe(409);
    expect((await candidates('viewerA', `investigations=${A}`)).items[0].decision).toBeNull();
    expect((await as('viewerA', 'GET', '/v1/resolution/decisions')).json().items).toEqual([]);
    const history = (await as('viewerA', 'GET', '/v1/resolution/decisions?undone=true')).json();
    expect(history.items.map((d: Json) => [d.id, d.undone !== null])).toEqual([[decision.id, true]]);
    const undoneTrail = (await app.inject({ method: 'GET', url: `/v1/audit?entity=person:${R1}&limit=50` })).json().items;
    expect(undoneTrail.some((r: Json) => r.method === 'DELETE' && r.route === '/v1/resolution/decisions/:id' && r.status === 200)).toBe(true);
  });
});
