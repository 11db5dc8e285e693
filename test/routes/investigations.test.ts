import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';

/**
 * GET /v1/investigations on two investigations of known content: A (named, with a crossing, a
 * payment and a link) and B (unnamed, a link to a person it has not loaded). Counts are worked
 * out by hand from the records: a crossing's organisers, pilots and vessels are one relation
 * each, a payment is PAID, PAID_TO and FOR_CROSSING, a link one relation.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NONE = { person: 0, organisation: 0, vessel: 0, location: 0, route: 0, crossing: 0, payment: 0, account: 0 };

describe('GET /v1/investigations', () => {
  let app: FastifyInstance;
  const tag = uniqueTag();
  const A = `OP-A-${tag}`;
  const B = `OP-B-${tag}`;
  const keys: Record<string, string> = {};
  const as = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${keys[who]}` } });
  const load = (body: Json) => app.inject({ method: 'POST', url: '/v1/ingest', payload: { defaults: { source: `REP-${tag}`, grading: GRADING }, ...body } });
  const analyse = async (investigations: string[]) => {
    const response = await app.inject({ method: 'POST', url: '/v1/analyses', headers: { prefer: 'wait=60' }, payload: { scope: { investigations } } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('done');
    return response.json() as { id: string; finishedAt: string; scopeVersion: number };
  };
  /** Every investigation a `*` admin sees, page by page (other tests' too: the database is shared). */
  const everything = async () => {
    const items: Json[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = (await app.inject({ method: 'GET', url: `/v1/investigations?limit=1000&offset=${offset}` })).json();
      items.push(...page.items);
      if (page.items.length < 1000) return { total: page.total as number, items };
    }
  };
  let runA: { id: string; finishedAt: string; scopeVersion: number };

  useTestApp({}, (a) => (app = a));

  beforeAll(async () => {
    const a = await load({
      investigations: [{ id: A, name: `Operation A ${tag}` }],
      people: [1, 2, 3].map((n) => ({ id: `P${n}-${tag}`, name: `Person ${n}` })),
      vessels: [{ id: `V1-${tag}`, kind: 'boat' }],
      crossings: [{ id: `X1-${tag}`, date: '2024-03-14', organisers: [`P1-${tag}`], pilots: [`P2-${tag}`], vesselIds: [`V1-${tag}`] }],
      payments: [
        {
          id: `PAY1-${tag}`,
          payer: { type: 'person', id: `P3-${tag}` },
          payee: { type: 'person', id: `P1-${tag}` },
          amount: 150000,
          currency: 'EUR',
          date: '2024-03-10',
          channel: 'cash',
          crossingId: `X1-${tag}`,
        },
      ],
      links: [{ id: `LK1-${tag}`, type: 'communication', from: `P1-${tag}`, to: `P2-${tag}`, count: 4 }],
    });
    expect(a.statusCode, a.body).toBe(200);
    const b = await load({
      investigations: [{ id: B }],
      people: [1, 2].map((n) => ({ id: `Q${n}-${tag}`, name: `Other ${n}` })),
      links: [{ id: `LK2-${tag}`, type: 'contact', from: `Q1-${tag}`, to: `Q9-${tag}` }],
    });
    expect(b.statusCode, b.body).toBe(200);
    for (const [name, role, investigations] of [
      ['viewerA', 'viewer', [A]],
      ['adminA', 'admin', [A]],
      ['ingestA', 'ingest', [A]],
    ] as const) {
      const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `${name}-${tag}`, role, investigations } });
      expect(made.statusCode, made.body).toBe(201);
      keys[name] = made.json().key;
    }
    runA = await analyse([A]);
    // A run over both is not either one's latest run: it is not over exactly that investigation.
    await analyse([A, B]);
  });

  it('shows a `*` admin both investigations, sorted by id, with exact counts, data versions and latest runs', async () => {
    const { total, items } = await everything();
    expect(items).toHaveLength(total);
    const ids = items.map((item) => item.id as string);
    expect(ids).toEqual([...ids].sort());
    const mine = items.filter((item) => item.id.endsWith(tag));
    expect(mine).toEqual([
      {
        id: A,
        name: `Operation A ${tag}`,
        entities: { ...NONE, person: 3, vessel: 1, crossing: 1, payment: 1 },
        relations: 7,
        dataVersion: runA.scopeVersion,
        latestRun: { id: runA.id, finishedAt: runA.finishedAt, scopeVersion: runA.scopeVersion, stale: false },
      },
      // Q9 is B's placeholder: a person B's link names and B has not loaded.
      { id: B, name: null, entities: { ...NONE, person: 3 }, relations: 1, dataVersion: expect.any(Number), latestRun: null },
    ]);
    expect(mine[1]!.dataVersion).toBeGreaterThan(0);
  });

  it('marks the latest run stale once the investigation’s data changes, and only that investigation’s', async () => {
    const before = (await everything()).items.find((item) => item.id === B)!;
    const loaded = await load({ investigations: [{ id: A }], people: [{ id: `P4-${tag}`, name: 'Person 4' }] });
    expect(loaded.statusCode, loaded.body).toBe(200);
    const after = (await everything()).items.filter((item) => item.id.endsWith(tag));
    expect(after[0]).toMatchObject({ id: A, entities: { person: 4 }, latestRun: { id: runA.id, scopeVersion: runA.scopeVersion, stale: true } });
    expect(after[0]!.dataVersion).toBeGreaterThan(runA.scopeVersion);
    expect(after[1]).toEqual(before);
  });

  it('shows a key limited to A only A, with nothing of B, not even in the total', async () => {
    for (const who of ['viewerA', 'adminA']) {
      const response = await as(who, '/v1/investigations');
      expect(response.statusCode, response.body).toBe(200);
      expect(response.body).not.toContain(B);
      expect(response.body).not.toContain('Other');
      const page = response.json();
      expect(page).toMatchObject({ total: 1, limit: 100, offset: 0 });
      expect(page.items.map((item: Json) => item.id)).toEqual([A]);
      expect(page.items[0].latestRun.id).toBe(runA.id);
      const beyond = (await as(who, '/v1/investigations?offset=1')).json();
      expect(beyond).toEqual({ total: 1, limit: 100, offset: 1, items: [] });
    }
  });

  it('refuses a role without read permission and a bad page', async () => {
    expect((await as('ingestA', '/v1/investigations')).statusCode).toBe(403);
    const bad = await as('viewerA', '/v1/investigations?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
