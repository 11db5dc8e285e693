import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, one, snapshot, uniqueTag } from '../support/graph.js';

/** The ways a later record meets an earlier one: added fields, changed lists, repeats, moves. */
describe('updates and repeats', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({ INGEST_BATCH_SIZE: '2' }, (a, d) => {
    app = a;
    driver = d;
  });

  const header = (t: string) => ({ investigations: [{ id: `OP-${t}` }], defaults: { source: `REP-${t}`, grading: GRADING } });
  const post = async (payload: object) => {
    const response = await app.inject({ method: 'POST', url: '/v1/ingest', payload });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('counts a record that adds a field as updated and stores the field', async () => {
    const t = uniqueTag();
    await post({ ...header(t), people: [{ id: `P-${t}`, name: 'A' }], links: [{ id: `L-${t}`, type: 'contact', from: `P-${t}`, to: `P-${t}` }] });
    const report = await post({
      ...header(t),
      people: [{ id: `P-${t}`, name: 'A', nationality: 'IQ' }],
      links: [{ id: `L-${t}`, type: 'contact', from: `P-${t}`, to: `P-${t}`, firstSeen: '2024-01-01' }],
    });
    expect(report.entities.Person).toMatchObject({ updated: 1, unchanged: 0 });
    expect(report.relations.CONTACT).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await one(driver, 'MATCH (p:Person {id: $id})-[r:CONTACT]->() RETURN p.nationality AS n, r.firstSeen AS f', { id: `P-${t}` })).toEqual({ n: 'IQ', f: '2024-01-01' });
  });

  it('keeps fields a later record leaves out, including outcome and count', async () => {
    const t = uniqueTag();
    await post({ ...header(t), crossings: [{ id: `X-${t}`, date: '2024-01-01', outcome: 'landed' }], links: [{ id: `L-${t}`, type: 'contact', from: 'a', to: 'b', count: 40 }] });
    await post({ ...header(t), crossings: [{ id: `X-${t}`, date: '2024-01-01', passengers: 12 }], links: [{ id: `L-${t}`, type: 'contact', from: 'a', to: 'b' }] });
    expect(await one(driver, 'MATCH (x:Crossing {id: $id}) RETURN x.outcome AS outcome, x.passengers AS p', { id: `X-${t}` })).toEqual({ outcome: 'landed', p: 12 });
    expect(await one(driver, 'MATCH ()-[r:CONTACT {id: $id}]->() RETURN r.count AS count', { id: `L-${t}` })).toEqual({ count: 40 });
  });

  it('replaces a changed list of relations even when the entity itself is unchanged', async () => {
    const t = uniqueTag();
    await post({ ...header(t), crossings: [{ id: `X-${t}`, date: '2024-01-01', organisers: [`A-${t}`] }] });
    const report = await post({ ...header(t), crossings: [{ id: `X-${t}`, date: '2024-01-01', organisers: [`B-${t}`] }] });
    expect(report.entities.Crossing).toMatchObject({ unchanged: 1, relationsRemoved: 1 });
    expect(report.dataVersion).toBeGreaterThan(0);
    expect(await one(driver, 'MATCH (p)-[:ORGANISED]->(:Crossing {id: $id}) RETURN collect(p.id) AS ids', { id: `X-${t}` })).toEqual({ ids: [`B-${t}`] });
  });

  it('applies an id repeated within one load in order, the later record winning', async () => {
    const t = uniqueTag();
    await post({
      ...header(t),
      crossings: [
        { id: `X-${t}`, date: '2024-01-01', organisers: [`A-${t}`] },
        { id: `X-${t}`, date: '2024-01-02', organisers: [`B-${t}`] },
      ],
      relations: [
        { id: `R-${t}`, type: 'bought', from: { type: 'person', id: `P-${t}` }, to: { type: 'vessel', id: `V-${t}` } },
        { id: `R2-${t}`, type: 'bought', from: { type: 'organisation', id: `O2-${t}` }, to: { type: 'vessel', id: `V-${t}` } },
        { id: `R-${t}`, type: 'bought', from: { type: 'organisation', id: `O-${t}` }, to: { type: 'vessel', id: `V-${t}` } },
      ],
    });
    expect(await one(driver, 'MATCH (p)-[:ORGANISED]->(x:Crossing {id: $id}) RETURN collect(p.id) AS ids, toString(x.date) AS date', { id: `X-${t}` })).toEqual({
      ids: [`B-${t}`],
      date: '2024-01-02',
    });
    expect(await one(driver, 'MATCH (a)-[r:BOUGHT {id: $id}]->() RETURN labels(a)[0] AS label, a.id AS from, count(*) AS n', { id: `R-${t}` })).toEqual({
      label: 'Organisation',
      from: `O-${t}`,
      n: 1,
    });
  });

  it('keeps holders of one id but different types apart, and their derived ids cannot collide', async () => {
    const t = uniqueTag();
    const doc = {
      ...header(t),
      accounts: [
        {
          id: `ACC-${t}`,
          kind: 'bank',
          holders: [
            { type: 'person', id: `H-${t}` },
            { type: 'organisation', id: `H-${t}` },
            { type: 'person', id: `H-${t}` },
          ],
        },
      ],
      crossings: [
        { id: `A-${t}`, date: '2024-01-01', organisers: [`x/ORGANISED/y`] },
        { id: `A-${t}/ORGANISED/x`, date: '2024-01-01', organisers: ['y'] },
      ],
    };
    const first = await post(doc);
    expect(first.relations.HOLDS).toMatchObject({ created: 2 });
    expect(first.relations.ORGANISED).toMatchObject({ created: 2 });
    const before = await snapshot(driver, `OP-${t}`);
    const again = await post(doc);
    expect(again.relations.HOLDS).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.dataVersion).toBeUndefined();
    expect(await snapshot(driver, `OP-${t}`)).toEqual(before);
  });

  it('lists the same placeholders when a load is sent again', async () => {
    const t = uniqueTag();
    const doc = { ...header(t), links: [{ id: `L-${t}`, type: 'contact', from: `U1-${t}`, to: `U2-${t}` }] };
    const first = await post(doc);
    const again = await post(doc);
    expect(first.placeholders.count).toBe(2);
    expect(again.placeholders).toEqual(first.placeholders);
  });

  it('answers a streamed route sent the wrong content type with 415', async () => {
    const json = await app.inject({ method: 'POST', url: '/v1/ingest/ndjson', payload: { kind: 'header' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/x-ndjson' });
    const text = await app.inject({ method: 'POST', url: '/v1/ingest/csv/person?investigations=OP', headers: { 'content-type': 'text/plain' }, payload: 'id,name\n' });
    expect(text.statusCode).toBe(415);
  });
});
