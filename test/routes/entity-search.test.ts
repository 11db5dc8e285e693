import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, uniqueTag } from '../support/graph.js';
import { waitFor } from '../support/wait.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Search that tells people apart: three people called Hemin Rashid, told apart by nationality,
 * date of birth and identifiers; exact lookup by identifier across spellings and kinds; filters;
 * the latest rank; neighbourhood nodes with kind and identifiers; the aliases a partial update
 * used to drop from search.
 */
describe('entity search and identifiers', () => {
  let app: FastifyInstance;
  useTestApp({}, (a) => (app = a));
  const t = uniqueTag();
  const A = `OP-SA-${t}`;
  const B = `OP-SB-${t}`;
  // Distinct per run: shared database. 7700 9xxxxx plus the tag's digits.
  const digits = String(Math.floor(Math.random() * 900_000) + 100_000);
  const phone1 = `+44 7700 ${digits}`;
  const phone1E164 = `+447700${digits}`;
  const phoneB = `+33 6 12 ${digits}`;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Json;
  };
  const load = async (investigation: string, body: Json) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: { investigations: [{ id: investigation }], defaults: { source: `REP-${t}`, grading: GRADING }, ...body },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Json;
  };

  beforeAll(async () => {
    await load(A, {
      people: [
        {
          id: `H1-${t}`,
          name: `Hemin Rashid ${t}`,
          nationality: 'IQ',
          dateOfBirth: '1986-04-02',
          roles: ['organiser'],
          phones: [phone1],
          documents: [{ kind: 'passport', number: 'a12-345 67', country: 'IQ' }],
        },
        { id: `H2-${t}`, name: `Hemin Rashid ${t}`, nationality: 'IR', dateOfBirth: '1990-01-15', roles: ['pilot'], imeis: ['356938035643809'] },
        { id: `H3-${t}`, name: `Hemin Rashid ${t}`, nationality: 'IQ', dateOfBirth: '1979-11-30', roles: ['migrant'] },
      ],
      vessels: [{ id: `B-${t}`, kind: 'boat', make: 'Zodiac', registration: `dk ${t}` }],
      accounts: [{ id: `ACC-${t}`, kind: 'bank', identifier: 'GB82 WEST 1234 5698 7654 32', holders: [{ type: 'person', id: `H1-${t}` }] }],
      crossings: [{ id: `X-${t}`, date: '2024-03-14', organisers: [`H1-${t}`], pilots: [`H2-${t}`], vesselIds: [`B-${t}`] }],
    });
    await load(B, { people: [{ id: `H1-${t}`, name: `Hemin Rashid ${t}`, phones: [phoneB] }] });
  });

  it('tells three people of one name apart by nationality, date of birth and identifiers', async () => {
    const found = await get(`/v1/entities?q=${encodeURIComponent(`Hemin Rashid ${t}`)}&type=person`);
    expect(found.total).toBe(3);
    const byId = Object.fromEntries(found.items.map((h: Json) => [h.id, h]));
    expect(byId[`H1-${t}`]).toMatchObject({
      label: `Hemin Rashid ${t}`,
      nationality: 'IQ',
      dateOfBirth: '1986-04-02',
      roles: ['organiser'],
      investigations: [A, B].sort(),
    });
    expect(byId[`H1-${t}`].identifiers.sort()).toEqual([`phone:${phone1E164}`, 'passport:A1234567', `phone:${phoneB.replace(/ /g, '')}`].sort());
    expect(byId[`H2-${t}`]).toMatchObject({ nationality: 'IR', dateOfBirth: '1990-01-15', identifiers: ['imei:356938035643809'], latestRank: null });
    expect(byId[`H3-${t}`]).toMatchObject({ nationality: 'IQ', dateOfBirth: '1979-11-30', identifiers: [] });
  });

  it('finds by identifier across spellings and kinds', async () => {
    const ids = async (identifier: string) => (await get(`/v1/entities?identifier=${encodeURIComponent(identifier)}`)).items.map((h: Json) => h.id).sort();
    expect(await ids(`0044 7700 ${digits}`)).toEqual([`H1-${t}`]);
    expect(await ids(`phone:+44 (0)7700-${digits}`)).toEqual([`H1-${t}`]);
    expect(await ids('passport:A1234567')).toContain(`H1-${t}`);
    expect(await ids('imei:356938035643809')).toContain(`H2-${t}`);
    expect(await ids(`registration:DK${t}`)).toEqual([`B-${t}`]);
    expect(await ids('gb82west12345698765432')).toContain(`ACC-${t}`);
    expect(await ids(`imei:${digits}`)).toEqual([]);
    const boat = (await get(`/v1/entities?identifier=${encodeURIComponent(`DK ${t}`)}`)).items[0];
    expect(boat).toMatchObject({ type: 'vessel', name: null, kind: 'boat', label: `boat Zodiac dk ${t}`, identifiers: [`registration:DK${t.toUpperCase()}`] });
  });

  it('filters by type, investigation and role; an investigation not visible answers as an unknown one', async () => {
    const organisers = await get(`/v1/entities?investigation=${A}&role=organiser`);
    expect(organisers.items.map((h: Json) => h.id)).toEqual([`H1-${t}`]);
    const vessels = await get(`/v1/entities?investigation=${A}&type=vessel`);
    expect(vessels.items.map((h: Json) => h.id)).toEqual([`B-${t}`]);
    expect((await get(`/v1/entities?investigation=${B}`)).total).toBe(1);
    const key = (await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: `sa-${t}`, role: 'viewer', investigations: [A] } })).json().key;
    const asA = async (url: string) => (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })).json();
    expect(await asA(`/v1/entities?investigation=${B}`)).toMatchObject({ total: 0, items: [] });
    expect(await asA(`/v1/entities?investigation=OP-NONE-${t}`)).toMatchObject({ total: 0, items: [] });
    // B's phone of the same person finds nothing for A, and A's hit shows none of B's identifiers.
    expect(await asA(`/v1/entities?identifier=${encodeURIComponent(phoneB)}`)).toMatchObject({ total: 0, items: [] });
    const mine = await asA(`/v1/entities?identifier=${encodeURIComponent(phone1)}`);
    expect(mine.items[0].identifiers.sort()).toEqual([`phone:${phone1E164}`, 'passport:A1234567'].sort());
    expect(mine.items[0].investigations).toEqual([A]);
  });

  it('refuses a search for everything and bad identifiers with their field paths', async () => {
    const none = await app.inject({ method: 'GET', url: '/v1/entities' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toMatch(/give q, identifier or a filter/);
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: A }],
        defaults: { source: `REP-${t}`, grading: GRADING },
        people: [{ id: `BAD-${t}`, name: 'x', phones: ['+44 7700 900123', '07700 900123'], imeis: ['356938035643808'] }],
        accounts: [{ id: `BADA-${t}`, kind: 'bank', identifier: 'GB82 WEST 1234 5698 7654 33' }],
      },
    });
    // A load that is not atomic reports its rejected records with their field paths.
    expect(bad.statusCode).toBe(200);
    expect(bad.json().entities.Person?.created ?? 0).toBe(0);
    expect(bad.body).toMatch(/phones\[1\].*international prefix/);
    expect(bad.body).toMatch(/imeis\[0\].*Luhn/);
    expect(bad.body).toMatch(/identifier.*mod 97/);
  });

  it('keeps aliases searchable after a partial update that leaves them out', async () => {
    await load(A, { people: [{ id: `AL-${t}`, name: `Soran ${t}`, aliases: [`Kakaz${t}`] }] });
    await load(A, { people: [{ id: `AL-${t}`, name: `Soran ${t}`, nationality: 'IQ', phones: [`+44 7711 ${digits}`] }] });
    expect((await get(`/v1/entities?q=Kakaz${t}`)).items.map((h: Json) => h.id)).toEqual([`AL-${t}`]);
    expect((await get(`/v1/entities?identifier=${encodeURIComponent(`+44 7711 ${digits}`)}`)).items.map((h: Json) => h.id)).toEqual([`AL-${t}`]);
    // A later record giving other identifiers keeps the phone's key.
    await load(A, { people: [{ id: `AL-${t}`, name: `Soran ${t}`, imeis: ['490154203237518'] }] });
    const hit = (await get(`/v1/entities?q=Kakaz${t}`)).items[0];
    expect(hit.identifiers.sort()).toEqual([`phone:+447711${digits}`, 'imei:490154203237518'].sort());
  });

  it('shows kind and identifiers on neighbourhood nodes', async () => {
    const network = await get(`/v1/entities/person/H1-${t}/network?depth=2`);
    const node = (key: string) => network.nodes.find((n: Json) => n.key === key);
    expect(node(`vessel:B-${t}`)).toMatchObject({ kind: 'boat', label: `boat Zodiac dk ${t}`, registration: `dk ${t}`, identifiers: [`registration:DK${t.toUpperCase()}`] });
    expect(node(`person:H2-${t}`)).toMatchObject({ roles: ['pilot'], identifiers: ['imei:356938035643809'] });
    expect(node(`account:ACC-${t}`)).toMatchObject({ kind: 'bank', identifier: 'GB82WEST12345698765432', identifiers: ['iban:GB82WEST12345698765432'] });
    expect(node(`person:H1-${t}`).identifiers).toHaveLength(3);
  });

  it('gives the latest rank once a run over the investigation is done', async () => {
    const made = await app.inject({ method: 'POST', url: '/v1/analyses', payload: { scope: { investigations: [A] } } });
    expect(made.statusCode, made.body).toBeLessThan(300);
    const id = made.json().id as string;
    await waitFor(async () => (await get(`/v1/analyses/${id}`)).status === 'done', 120_000);
    const ranking = await get(`/v1/rankings/latest?investigation=${A}&limit=200`);
    const ranked = ranking.items.find((n: Json) => n.id === `H1-${t}`);
    const hit = (await get(`/v1/entities?identifier=${encodeURIComponent(phone1)}`)).items[0];
    expect(hit.latestRank).toEqual({ rank: ranked.rank, score: ranked.harmScore, runId: id });
  });
});
