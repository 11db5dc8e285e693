import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, one, snapshot, uniqueTag } from '../support/graph.js';

/** A document with every record kind; ids carry the tag so tests never collide. */
function fullDocument(t: string) {
  return {
    investigations: [{ id: `OP-${t}`, name: 'Operation Test' }],
    defaults: { source: `REP-${t}`, grading: GRADING },
    people: [
      { id: `P1-${t}`, name: 'Karwan Aziz', aliases: ['Kaka', 'K.A.'], nationality: 'IQ', dateOfBirth: '1986-04-02', roles: ['organiser'] },
      { id: `P2-${t}`, name: 'Dler Mahmoud', roles: ['pilot'] },
      { id: `P3-${t}`, name: 'Rebin Hassan', roles: ['money_mover'], grading: { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'C' }, source: `REP-B-${t}` },
    ],
    organisations: [{ id: `O1-${t}`, name: 'Nautic Trade GmbH', kind: 'boat_seller', country: 'DE', registration: 'HRB 1234' }],
    vessels: [
      { id: `B1-${t}`, kind: 'dinghy', make: 'Zodiac' },
      { id: `E1-${t}`, kind: 'engine', make: 'Yamaha', model: '40HP', engineSerial: `6BG-${t}` },
    ],
    locations: [
      { id: `L1-${t}`, name: 'Gravelines beach', kind: 'beach', country: 'FR', latitude: 51.01, longitude: 2.12 },
      { id: `L2-${t}`, name: 'Dungeness', kind: 'beach', country: 'GB' },
      { id: `L3-${t}`, name: 'Warehouse Dunkirk', kind: 'warehouse' },
    ],
    routes: [{ id: `R1-${t}`, name: 'Opal Coast to Kent', kind: 'sea', departsFrom: `L1-${t}`, arrivesAt: `L2-${t}`, via: [`L3-${t}`] }],
    crossings: [
      {
        id: `X1-${t}`,
        date: '2024-03-14',
        outcome: 'intercepted',
        passengers: 61,
        deaths: 1,
        routeId: `R1-${t}`,
        departedFrom: `L1-${t}`,
        vesselIds: [`B1-${t}`, `E1-${t}`],
        organisers: [`P1-${t}`],
        pilots: [`P2-${t}`],
      },
    ],
    accounts: [{ id: `A1-${t}`, kind: 'bank', identifier: 'FR76 3000', holders: [{ type: 'person', id: `P3-${t}` }] }],
    payments: [
      {
        id: `PAY1-${t}`,
        payer: { type: 'person', id: `P2-${t}` },
        payee: { type: 'person', id: `P1-${t}` },
        amount: 250000,
        currency: 'EUR',
        date: '2024-03-10',
        channel: 'hawala',
        crossingId: `X1-${t}`,
      },
      { id: `PAY2-${t}`, payer: { type: 'person', id: `P2-${t}` }, payee: { type: 'person', id: `P1-${t}` }, amount: 100000, currency: 'EUR', date: '2024-03-11', channel: 'cash' },
      {
        id: `PAY3-${t}`,
        payer: { type: 'person', id: `P1-${t}` },
        payee: { type: 'account', id: `A1-${t}` },
        amount: 9007199254740991,
        currency: 'GBP',
        date: '2024-03-12',
        channel: 'bank',
      },
    ],
    links: [
      { id: `LK1-${t}`, type: 'communication', from: `P1-${t}`, to: `P2-${t}`, count: 37, firstSeen: '2024-01-02', lastSeen: '2024-03-13' },
      { id: `LK2-${t}`, type: 'communication', from: `P1-${t}`, to: `P2-${t}`, count: 4 },
      { id: `LK3-${t}`, type: 'meeting', from: `P1-${t}`, to: `P3-${t}` },
    ],
    relations: [
      { id: `REL1-${t}`, type: 'bought', from: { type: 'person', id: `P1-${t}` }, to: { type: 'vessel', id: `E1-${t}` }, date: '2024-02-20' },
      { id: `REL2-${t}`, type: 'sold', from: { type: 'organisation', id: `O1-${t}` }, to: { type: 'vessel', id: `E1-${t}` } },
      { id: `REL3-${t}`, type: 'stored_at', from: { type: 'vessel', id: `B1-${t}` }, to: { type: 'location', id: `L3-${t}` } },
    ],
  };
}

describe('POST /v1/ingest', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({}, (a, d) => {
    app = a;
    driver = d;
  });

  const post = (payload: unknown, query = '') => app.inject({ method: 'POST', url: `/v1/ingest${query}`, payload: payload as object });

  it('stores every entity and relation kind with typed values and provenance', async () => {
    const t = uniqueTag();
    const response = await post(fullDocument(t));
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ status: 'completed', received: 21, accepted: 21, rejected: 0, placeholders: { count: 0 } });
    expect(report.entities).toEqual({
      Person: { created: 3, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
      Organisation: { created: 1, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
      Vessel: { created: 2, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
      Location: { created: 3, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
      Route: { created: 1, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
      Crossing: { created: 1, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
      Account: { created: 1, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
      Payment: { created: 3, updated: 0, unchanged: 0, resolved: 0, relationsRemoved: 0 },
    });
    const created = Object.fromEntries(Object.entries(report.relations).map(([type, c]) => [type, (c as { created: number }).created]));
    expect(created).toEqual({
      DEPARTS_FROM: 1,
      ARRIVES_AT: 1,
      VIA: 1,
      ORGANISED: 1,
      PILOTED: 1,
      USED_VESSEL: 2,
      ON_ROUTE: 1,
      DEPARTED_FROM: 1,
      HOLDS: 1,
      PAID: 3,
      PAID_TO: 3,
      FOR_CROSSING: 1,
      COMMUNICATION: 2,
      MEETING: 1,
      BOUGHT: 1,
      SOLD: 1,
      STORED_AT: 1,
    });

    const person = await one(driver, 'MATCH (p:Person {id: $id}) RETURN p, p.dateOfBirth AS dob, p.recordedAt AS at', { id: `P1-${t}` });
    expect(person).toMatchObject({
      p: {
        name: 'Karwan Aziz',
        aliases: ['Kaka', 'K.A.'],
        source: `REP-${t}`,
        sourceEvaluation: 2,
        intelligenceAssessment: 'B',
        handlingCode: 'P',
        investigations: [`OP-${t}`],
        unresolved: false,
      },
      dob: '1986-04-02',
    });
    const types = await one(driver, `MATCH (p:Payment {id: $id}) RETURN valueType(p.amount) AS amount, valueType(p.date) AS date, p.amount AS value`, { id: `PAY3-${t}` });
    expect(types).toEqual({ amount: 'INTEGER NOT NULL', date: 'DATE NOT NULL', value: 9007199254740991 });
    const own = await one(driver, 'MATCH (p:Person {id: $id}) RETURN p.source AS source, p.handlingCode AS code', { id: `P3-${t}` });
    expect(own).toEqual({ source: `REP-B-${t}`, code: 'C' });
    const where = await one(driver, 'MATCH (l:Location {id: $id}) RETURN l.position.latitude AS lat, l.position.srid AS srid', { id: `L1-${t}` });
    expect(where).toEqual({ lat: 51.01, srid: 4326 });
    const belongs = await one(driver, 'MATCH (:Crossing {id: $id})-[:BELONGS_TO]->(i:Investigation) RETURN i.id AS id, i.name AS name', { id: `X1-${t}` });
    expect(belongs).toEqual({ id: `OP-${t}`, name: 'Operation Test' });
    const link = await one(driver, 'MATCH (:Person)-[r:COMMUNICATION {id: $id}]->(:Person) RETURN r.count AS count, r.firstSeen AS first, r.source AS source', { id: `LK1-${t}` });
    expect(link).toEqual({ count: 37, first: '2024-01-02', source: `REP-${t}` });
  });

  it('keeps parallel relations as separate facts', async () => {
    const t = uniqueTag();
    await post(fullDocument(t));
    const links = await one(driver, 'MATCH (:Person {id: $a})-[r:COMMUNICATION]->(:Person {id: $b}) RETURN count(r) AS n, sum(r.count) AS total', { a: `P1-${t}`, b: `P2-${t}` });
    expect(links).toEqual({ n: 2, total: 41 });
    const payments = await one(driver, 'MATCH (:Person {id: $a})-[:PAID]->(p:Payment)-[:PAID_TO]->(:Person {id: $b}) RETURN count(p) AS n, sum(p.amount) AS total', {
      a: `P2-${t}`,
      b: `P1-${t}`,
    });
    expect(payments).toEqual({ n: 2, total: 350000 });
  });

  it('leaves the database exactly as it was when the same load is sent again', async () => {
    const t = uniqueTag();
    const first = (await post(fullDocument(t))).json();
    const before = await snapshot(driver, `OP-${t}`);
    const again = (await post(fullDocument(t))).json();
    expect(await snapshot(driver, `OP-${t}`)).toEqual(before);
    for (const counts of Object.values(again.entities) as { created: number; updated: number; unchanged: number }[]) {
      expect(counts.created + counts.updated).toBe(0);
    }
    const unchanged = Object.values(again.entities).reduce((n: number, c) => n + (c as { unchanged: number }).unchanged, 0);
    expect(unchanged).toBe(15);
    const relationCounts = Object.values(again.relations) as { created: number; updated: number; unchanged: number }[];
    expect(relationCounts.every((c) => c.created + c.updated === 0)).toBe(true);
    expect(relationCounts.reduce((n, c) => n + c.unchanged, 0)).toBe(23);
    expect(again.dataVersion).toBeUndefined();
    expect(first.dataVersion).toBeGreaterThan(0);
  });

  it('updates an entity sent again with new facts and keeps the provenance of each version', async () => {
    const t = uniqueTag();
    await post(fullDocument(t));
    const update = {
      investigations: [{ id: `OP-${t}` }],
      people: [
        {
          id: `P1-${t}`,
          name: 'Karwan Aziz',
          aliases: ['Kaka', 'K.A.', 'Abu Aram'],
          source: `REP-2-${t}`,
          grading: { sourceEvaluation: 1, intelligenceAssessment: 'A', handlingCode: 'P' },
        },
      ],
      crossings: [{ id: `X1-${t}`, date: '2024-03-14', outcome: 'intercepted', passengers: 61, deaths: 1, organisers: [`P3-${t}`], source: `REP-2-${t}`, grading: GRADING }],
    };
    const report = (await post(update)).json();
    expect(report.entities.Person).toMatchObject({ updated: 1, created: 0 });
    // organisers given: its set is replaced; vessels, route and pilots not given: kept.
    expect(report.entities.Crossing).toMatchObject({ updated: 1, relationsRemoved: 1 });
    const person = await one(driver, 'MATCH (p:Person {id: $id}) RETURN p.aliases AS aliases, p.nationality AS nationality, p.sourceEvaluation AS se, p.history AS history', {
      id: `P1-${t}`,
    });
    expect(person).toMatchObject({ aliases: ['Kaka', 'K.A.', 'Abu Aram'], nationality: 'IQ', se: 1 });
    const history = (person as { history: string[] }).history.map((h) => JSON.parse(h));
    expect(history.map((h) => [h.source, h.grading])).toEqual([
      [`REP-${t}`, '2BP'],
      [`REP-2-${t}`, '1AP'],
    ]);
    const organisers = await one(driver, 'MATCH (p:Person)-[:ORGANISED]->(:Crossing {id: $id}) RETURN collect(p.id) AS ids', { id: `X1-${t}` });
    expect(organisers).toEqual({ ids: [`P3-${t}`] });
    const kept = await one(driver, 'MATCH (c:Crossing {id: $id}) RETURN COUNT { (c)-[:USED_VESSEL]->() } AS vessels, COUNT { (c)<-[:PILOTED]-() } AS pilots', { id: `X1-${t}` });
    expect(kept).toEqual({ vessels: 2, pilots: 1 });
  });

  it('creates a placeholder for an id not loaded yet, and a later load resolves it', async () => {
    const t = uniqueTag();
    const header = { investigations: [{ id: `OP-${t}` }], defaults: { source: `REP-${t}`, grading: GRADING } };
    const first = (await post({ ...header, links: [{ id: `LK-${t}`, type: 'contact', from: `P1-${t}`, to: `P9-${t}` }] })).json();
    expect(first.placeholders).toEqual({
      count: 2,
      items: expect.arrayContaining([
        { label: 'Person', id: `P1-${t}` },
        { label: 'Person', id: `P9-${t}` },
      ]),
    });
    expect(await one(driver, 'MATCH (p:Person {id: $id}) RETURN p.unresolved AS u, p.name AS name', { id: `P9-${t}` })).toEqual({ u: true, name: null });

    const second = (await post({ ...header, people: [{ id: `P9-${t}`, name: 'Late Arrival' }] })).json();
    expect(second.entities.Person).toMatchObject({ created: 0, resolved: 1 });
    expect(second.placeholders.count).toBe(0);
    expect(await one(driver, 'MATCH (p:Person {id: $id})-[r:CONTACT]-() RETURN p.unresolved AS u, p.name AS name, count(r) AS links', { id: `P9-${t}` })).toEqual({
      u: false,
      name: 'Late Arrival',
      links: 1,
    });
  });

  it('puts a record naming investigations in those only, and one naming none in all of the document’s (a copy in each)', async () => {
    const t = uniqueTag();
    await post({
      investigations: [{ id: `OP-A-${t}` }, { id: `OP-B-${t}` }],
      defaults: { source: 'R', grading: GRADING },
      people: [
        { id: `P1-${t}`, name: 'Only A', investigations: [`OP-A-${t}`] },
        { id: `P2-${t}`, name: 'Both' },
      ],
    });
    const rows = await one(driver, 'MATCH (p:Person) WHERE p.id IN $ids RETURN collect([p.id, p.investigation, [(p)-[:BELONGS_TO]->(i) | i.id]]) AS rows', {
      ids: [`P1-${t}`, `P2-${t}`],
    });
    expect((rows as { rows: string[][] }).rows.sort((a, b) => (a.join() < b.join() ? -1 : 1))).toEqual([
      [`P1-${t}`, `OP-A-${t}`, [`OP-A-${t}`]],
      [`P2-${t}`, `OP-A-${t}`, [`OP-A-${t}`]],
      [`P2-${t}`, `OP-B-${t}`, [`OP-B-${t}`]],
    ]);
  });

  it('reports nothing as a placeholder when the entity comes later in the same document', async () => {
    const t = uniqueTag();
    const report = (
      await post({
        investigations: [{ id: `OP-${t}` }],
        defaults: { source: 'R', grading: GRADING },
        links: [{ id: `LK-${t}`, type: 'family', from: `P1-${t}`, to: `P2-${t}` }],
        people: [
          { id: `P1-${t}`, name: 'A' },
          { id: `P2-${t}`, name: 'B' },
        ],
      })
    ).json();
    expect(report.placeholders.count).toBe(0);
    expect(report.entities.Person.created).toBe(2);
  });
});
