import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { luceneQuery } from '../../src/repositories/entity-repository.js';
import { buildTestApp, testDriver } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';

describe('reading entities back', () => {
  let app: FastifyInstance;
  let driver: Driver;
  const t = uniqueTag();
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    app = await buildTestApp();
    driver = testDriver();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: [
          { id: `P1-${t}`, name: `Zanyar${t} Karimi`, aliases: [`Kaka${t}`], dateOfBirth: '1986-04-02', roles: ['organiser'] },
          { id: `P2-${t}`, name: `Dler${t} Mahmoud` },
          { id: `P3-${t}`, name: `Rebin${t} Hassan` },
          { id: `P4-${t}`, name: `Soran${t} Ali` },
        ],
        vessels: [{ id: `E1-${t}`, kind: 'engine', engineSerial: `6BG${t}X` }],
        crossings: [{ id: `X1-${t}`, date: '2024-03-14', organisers: [`P1-${t}`], pilots: [`P2-${t}`], vesselIds: [`E1-${t}`] }],
        links: [
          { id: `LK1-${t}`, type: 'contact', from: `P2-${t}`, to: `P3-${t}`, count: 3 },
          { id: `LK2-${t}`, type: 'contact', from: `P3-${t}`, to: `P4-${t}` },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await driver.close();
  });

  it('returns an entity with typed properties, provenance and relations', async () => {
    const response = await get(`/v1/entities/person/P1-${t}`);
    expect(response.statusCode).toBe(200);
    const view = response.json();
    expect(view).toMatchObject({
      type: 'person',
      id: `P1-${t}`,
      unresolved: false,
      properties: { name: `Zanyar${t} Karimi`, aliases: [`Kaka${t}`], dateOfBirth: '1986-04-02', roles: ['organiser'] },
      provenance: {
        source: `REP-${t}`,
        grading: GRADING,
        recordedAt: expect.any(String),
        history: [{ source: `REP-${t}`, grading: '2BP', at: expect.any(String), ingest: expect.any(String) }],
      },
      investigations: [`OP-${t}`],
      relationCount: 1,
      relationsTruncated: false,
    });
    expect(view.properties).not.toHaveProperty('searchText');
    expect(view.relations).toEqual([
      {
        id: `X1-${t}/ORGANISED/Person:P1-${t}`,
        type: 'ORGANISED',
        direction: 'out',
        other: { type: 'crossing', id: `X1-${t}`, name: null, unresolved: false },
        properties: {},
        provenance: expect.objectContaining({ source: `REP-${t}` }),
        investigations: [`OP-${t}`],
      },
    ]);
  });

  it('answers 404 for an unknown id and 400 for an unknown type', async () => {
    const missing = await get(`/v1/entities/person/nobody-${t}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', message: `no person with id nobody-${t}` });
    const badType = await get(`/v1/entities/spaceship/X`);
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.details[0].path).toBe('params.type');
  });

  it('finds entities by name prefix, alias and identifier', async () => {
    const byPrefix = (await get(`/v1/entities?q=zanyar${t}`)).json();
    expect(byPrefix.items.map((i: { id: string }) => i.id)).toEqual([`P1-${t}`]);
    const byAlias = (await get(`/v1/entities?q=Kaka${t}`)).json();
    expect(byAlias.items[0]).toMatchObject({ type: 'person', id: `P1-${t}`, name: `Zanyar${t} Karimi`, score: expect.any(Number) });
    const bySerial = (await get(`/v1/entities?q=6BG${t}X&type=vessel`)).json();
    expect(bySerial.items.map((i: { id: string }) => i.id)).toEqual([`E1-${t}`]);
    const onlyVessels = (await get(`/v1/entities?q=Zanyar${t}&type=vessel`)).json();
    expect(onlyVessels).toMatchObject({ total: 0, items: [] });
  });

  it('pages search results and treats query syntax as plain text', async () => {
    const page = (await get(`/v1/entities?q=${t}&limit=2&offset=1`)).json();
    expect(page).toMatchObject({ limit: 2, offset: 1 });
    expect(page.total).toBeGreaterThanOrEqual(4);
    expect(page.items).toHaveLength(2);
    for (const q of ['"(', 'a:b OR', '*', 'K.A./x~']) {
      expect((await get(`/v1/entities?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    }
    expect(luceneQuery('A:b (c OR *')).toBe('(a\\:b OR a\\:b*) AND (\\(c OR \\(c*) AND (or OR or*)');
    expect((await get('/v1/entities?q=')).statusCode).toBe(400);
  });

  it('returns the neighbourhood to the depth asked, with a truncated flag at the cap', async () => {
    const one1 = (await get(`/v1/entities/person/P2-${t}/network?depth=1`)).json();
    expect(one1.nodes.map((n: { key: string; depth: number }) => [n.key, n.depth]).sort()).toEqual(
      [
        [`crossing:X1-${t}`, 1],
        [`person:P2-${t}`, 0],
        [`person:P3-${t}`, 1],
      ].sort(),
    );
    expect(one1.truncated).toBe(false);
    const two = (await get(`/v1/entities/person/P2-${t}/network?depth=2`)).json();
    expect(two.nodes.map((n: { key: string }) => n.key).sort()).toEqual(
      [`crossing:X1-${t}`, `person:P1-${t}`, `person:P2-${t}`, `person:P3-${t}`, `person:P4-${t}`, `vessel:E1-${t}`].sort(),
    );
    expect(two.edges).toContainEqual({ id: `LK2-${t}`, type: 'CONTACT', from: `person:P3-${t}`, to: `person:P4-${t}` });
    expect(two.edges).toHaveLength(5);
    const capped = (await get(`/v1/entities/person/P2-${t}/network?depth=3&limit=2`)).json();
    expect(capped.nodes).toHaveLength(2);
    expect(capped.truncated).toBe(true);
    expect((await get(`/v1/entities/person/P2-${t}/network?depth=4`)).statusCode).toBe(400);
  });

  it('erases an entity and its relations and records the erasure', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/v1/entities/person/P4-${t}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ type: 'person', id: `P4-${t}`, erased: true, relationsRemoved: 1, dataVersion: expect.any(Number) });
    expect((await get(`/v1/entities/person/P4-${t}`)).statusCode).toBe(404);
    expect(await one(driver, 'MATCH (e:ErasureRecord {entityId: $id}) RETURN e.entityLabel AS label, e.relationsRemoved AS n', { id: `P4-${t}` })).toEqual({
      label: 'Person',
      n: 1,
    });
    expect((await app.inject({ method: 'DELETE', url: `/v1/entities/person/P4-${t}` })).statusCode).toBe(404);
  });
});
