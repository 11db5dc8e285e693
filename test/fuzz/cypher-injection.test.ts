import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { useTestApp } from '../support/app.js';
import { GRADING, one, uniqueTag } from '../support/graph.js';

/**
 * Injection through every string the API takes: ids, names, aliases, sources and investigation
 * ids in JSON, NDJSON and CSV loads, search text, path and query parameters, analysis scopes,
 * key names. Each payload is loaded under an investigation of its own (whose id carries the
 * payload too) and must come back byte for byte, through the entity view, search, the
 * neighbourhood, a run's results and every export format; a key limited to one payload's
 * investigation sees that one only; erasing a payload's person removes exactly it. Sentinel
 * entities made first must be untouched at the end, no node may carry what a payload tried to
 * SET, and the database must still answer. (Other test files write to the same database, so
 * nothing here counts the whole of it.)
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PAYLOADS = [
  "' OR 1=1 //",
  '" OR ""="',
  '"}) MATCH (n) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n //",
  "x'}) SET n.pwned = true WITH n MATCH (m) DETACH DELETE m //",
  '`) DETACH DELETE n //',
  '`',
  'it\u0027s',
  '$param',
  '$id',
  '${id}',
  '{id: $id}',
  'MATCH (n) RETURN n',
  'CALL db.labels() YIELD label RETURN label',
  '*/ MATCH (n) DETACH DELETE n /*',
  '/*',
  '*/',
  '\\',
  "\\' OR 1=1 //",
  '%27 OR 1=1 --',
  '; DROP DATABASE neo4j;',
  '<node id="evil"/>&amp;]]>',
  '=HYPERLINK("http://example.invalid","x")',
  'Ω≈ç√ 👨‍👩‍👧 \u202eabc',
  'e\u0301 vs \u00e9',
] as const;

const enc = encodeURIComponent;

/** The check for every case at once: reads do not depend on each other. */
const each = <T>(items: readonly T[], check: (item: T) => Promise<void>) => Promise.all(items.map(check));

describe('Cypher injection through every string field', () => {
  let app: FastifyInstance;
  let driver: Driver;
  const tag = uniqueTag();
  const sentinel = { investigation: `SENTINEL~${tag}`, people: [1, 2, 3].map((n) => `SENTINEL-P${n}~${tag}`) };
  const cases = PAYLOADS.map((payload, i) => ({
    payload,
    investigation: `INV${i}~${tag}~${payload}`,
    person: `P${i}~${tag}~${payload}`,
    partner: `Q${i}~${tag}~${payload}`,
    organisation: `O${i}~${tag}~${payload}`,
    link: `LK${i}~${tag}~${payload}`,
    relation: `REL${i}~${tag}~${payload}`,
    crossing: `X${i}~${tag}~${payload}`,
    vessel: `V${i}~${tag}~${payload}`,
    csvOrganisation: `C${i}~${tag}~${payload}`,
    marker: `inj${tag}x${i}y`,
  }));
  let run: Json;
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  useTestApp({}, (a, d) => ((app = a), (driver = d)));

  beforeAll(async () => {
    const sentinels = await app.inject({
      method: 'POST',
      url: '/v1/ingest',
      payload: {
        investigations: [{ id: sentinel.investigation }],
        defaults: { source: `REP-${tag}`, grading: GRADING },
        people: sentinel.people.map((id) => ({ id, name: `Sentinel ${id}` })),
        links: [{ id: `SENTINEL-LK~${tag}`, type: 'contact', from: sentinel.people[0], to: sentinel.people[1] }],
      },
    });
    expect(sentinels.statusCode, sentinels.body).toBe(200);
    for (const c of cases) {
      const loaded = await app.inject({
        method: 'POST',
        url: '/v1/ingest',
        payload: {
          investigations: [{ id: c.investigation, name: c.payload }],
          defaults: { source: c.payload, grading: GRADING },
          people: [
            { id: c.person, name: c.payload, aliases: [c.payload, c.marker] },
            { id: c.partner, name: `${c.payload}${c.payload}` },
          ],
          organisations: [{ id: c.organisation, name: c.payload, registration: c.payload.slice(0, 100) }],
          links: [{ id: c.link, type: 'communication', from: c.person, to: c.partner, count: 3 }],
          relations: [{ id: c.relation, type: 'employed_by', from: { type: 'person', id: c.person }, to: { type: 'organisation', id: c.organisation } }],
          crossings: [{ id: c.crossing, date: '2024-03-14', organisers: [c.person], pilots: [c.partner] }],
        },
      });
      expect(loaded.statusCode, loaded.body).toBe(200);
      expect(loaded.json(), c.payload).toMatchObject({ status: 'completed', rejected: 0 });
    }
    const submitted = await app.inject({ method: 'POST', url: '/v1/analyses?wait=true', payload: { scope: { investigations: cases.map((c) => c.investigation) } } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    run = submitted.json();
  });

  afterAll(async () => {
    await app.inject({ method: 'DELETE', url: `/v1/analyses/${run?.id}?purge=true` });
  });

  it('gives back every JSON-loaded string byte for byte: ids, names, aliases, sources, investigations, relations', async () => {
    await each(cases, async (c) => {
      const response = await get(`/v1/entities/person/${enc(c.person)}`);
      expect(response.statusCode, c.payload).toBe(200);
      const view = response.json();
      expect(view, c.payload).toMatchObject({ type: 'person', id: c.person, investigations: [c.investigation], provenance: { source: c.payload } });
      expect(view.properties, c.payload).toMatchObject({ name: c.payload, aliases: [c.payload, c.marker] });
      const relations = view.relations.map((r: Json) => [r.type, r.id, r.other.id, r.other.name]).sort();
      expect(relations, c.payload).toEqual(
        [
          ['COMMUNICATION', c.link, c.partner, `${c.payload}${c.payload}`],
          ['EMPLOYED_BY', c.relation, c.organisation, c.payload],
          ['ORGANISED', expect.any(String), c.crossing, null],
        ].sort(),
      );
      const organisation = (await get(`/v1/entities/organisation/${enc(c.organisation)}`)).json();
      expect(organisation.properties, c.payload).toMatchObject({ name: c.payload, registration: c.payload.slice(0, 100) });
    });
  });

  it('loads NDJSON and CSV records holding the payloads and gives them back', async () => {
    const ndjson = cases.flatMap((c) => [
      JSON.stringify({ kind: 'header', investigations: [{ id: c.investigation }], defaults: { source: c.payload, grading: GRADING } }),
      JSON.stringify({ kind: 'vessel', record: { id: c.vessel, kind: 'boat', name: c.payload, make: c.payload.slice(0, 100) } }),
    ]);
    // One header per body: one body per payload.
    for (let i = 0; i < cases.length; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/ingest/ndjson',
        headers: { 'content-type': 'application/x-ndjson' },
        payload: `${ndjson[2 * i]}\n${ndjson[2 * i + 1]}\n`,
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
    // The query names investigations comma-separated, so an id with a comma cannot be named there.
    const csvInvestigation = (c: (typeof cases)[number]) => (c.investigation.includes(',') ? cases[0]!.investigation : c.investigation);
    for (const c of cases) {
      const csv = `id,name,registration\r\n${cell(c.csvOrganisation)},${cell(c.payload)},${cell(c.payload.slice(0, 100))}\r\n`;
      const response = await app.inject({
        method: 'POST',
        url: `/v1/ingest/csv/organisation?investigations=${enc(csvInvestigation(c))}&source=${enc(c.payload)}&grading=2BP`,
        headers: { 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json(), c.payload).toMatchObject({ status: 'completed', accepted: 1 });
    }
    await each(cases, async (c) => {
      const vessel = (await get(`/v1/entities/vessel/${enc(c.vessel)}`)).json();
      expect(vessel, c.payload).toMatchObject({ id: c.vessel, properties: { name: c.payload, make: c.payload.slice(0, 100) }, provenance: { source: c.payload } });
      const organisation = (await get(`/v1/entities/organisation/${enc(c.csvOrganisation)}`)).json();
      expect(organisation, c.payload).toMatchObject({
        id: c.csvOrganisation,
        investigations: [csvInvestigation(c)],
        properties: { name: c.payload },
        provenance: { source: c.payload },
      });
    });
  });

  it('searches with the payloads as text, and finds each person by its marker with its name intact', async () => {
    await each(cases, async (c) => {
      const text = await get(`/v1/entities?q=${enc(c.payload)}&type=person`);
      expect(text.statusCode, `${c.payload}: ${text.body}`).toBe(200);
      const found = (await get(`/v1/entities?q=${enc(c.marker)}`)).json();
      expect(
        found.items.map((item: Json) => [item.type, item.id, item.name]),
        c.payload,
      ).toEqual([['person', c.person, c.payload]]);
      const wrongType = await get(`/v1/entities?q=${enc(c.marker)}&type=${enc(c.payload)}`);
      expect(wrongType.statusCode, c.payload).toBe(400);
    });
  });

  it('walks the neighbourhood of each person to exactly its own partner, organisation and crossing', async () => {
    await each(cases, async (c) => {
      const response = await get(`/v1/entities/person/${enc(c.person)}/network?depth=1`);
      expect(response.statusCode, c.payload).toBe(200);
      const keys = response
        .json()
        .nodes.map((n: Json) => `${n.type}:${n.id}`)
        .sort();
      expect(keys, c.payload).toEqual([`crossing:${c.crossing}`, `organisation:${c.organisation}`, `person:${c.partner}`, `person:${c.person}`].sort());
    });
  });

  it('analyses the payload investigations: previews, runs, results and exports keep every id and name', async () => {
    const scope = { investigations: cases.map((c) => c.investigation) };
    const preview = await app.inject({ method: 'POST', url: '/v1/analyses/preview', payload: { scope } });
    expect(preview.statusCode, preview.body).toBe(200);
    const named = new Map(preview.json().ranking.map((node: Json) => [node.key, node.name]));
    for (const c of cases) expect(named.get(`person:${c.person}`), c.payload).toBe(c.payload);
    expect(run.status).toBe('done');
    await each(cases, async (c) => {
      const result = await get(`/v1/analyses/${run.id}/entities/person/${enc(c.person)}`);
      expect(result.statusCode, c.payload).toBe(200);
      expect(result.json().result, c.payload).toMatchObject({ key: `person:${c.person}`, id: c.person, name: c.payload });
      const history = (await get(`/v1/analyses?investigation=${enc(c.investigation)}`)).json();
      expect(
        history.items.map((r: Json) => r.id),
        c.payload,
      ).toContain(run.id);
      expect((await get(`/v1/rankings/latest?investigation=${enc(c.investigation)}`)).statusCode, c.payload).toBeLessThan(500);
      expect((await get(`/v1/analyses/${run.id}/rankings?community=${enc(c.payload)}`)).statusCode, c.payload).toBe(200);
      expect((await get(`/v1/analyses/${run.id}/communities/${enc(c.payload)}`)).statusCode, c.payload).toBe(404);
    });
    const whatIf = await app.inject({ method: 'POST', url: '/v1/disruption/what-if', payload: { scope, remove: cases.map((c) => ({ type: 'person', id: c.person })) } });
    expect(whatIf.statusCode, whatIf.body).toBe(200);

    const gexf = parseGexf(UndirectedGraph, (await get(`/v1/analyses/${run.id}/export?format=gexf`)).body);
    const graphml = parseGraphml(UndirectedGraph, (await get(`/v1/analyses/${run.id}/export?format=graphml`)).body);
    const json = UndirectedGraph.from((await get(`/v1/analyses/${run.id}/export?format=json`)).json().graph);
    const zip = unzipSync(new Uint8Array((await get(`/v1/analyses/${run.id}/export?format=csv`)).rawPayload));
    const csvNodes = new Map((parseCsv(strFromU8(zip['nodes.csv']!), { columns: true }) as Json[]).map((row) => [row.key, row]));
    for (const c of cases) {
      const key = `person:${c.person}`;
      for (const [format, graph] of [
        ['gexf', gexf],
        ['graphml', graphml],
        ['json', json],
      ] as const) {
        expect(graph.hasNode(key), `${format}: ${c.payload}`).toBe(true);
        expect(graph.getNodeAttribute(key, 'label'), `${format}: ${c.payload}`).toBe(c.payload);
      }
      // Cells starting with = + - @ are left out: neutralising spreadsheet formulas would prefix them.
      if (!/^[=+\-@]/.test(c.payload)) expect(csvNodes.get(key), `csv: ${c.payload}`).toMatchObject({ id: c.person, label: c.payload });
    }
  });

  it('limits a key made with a payload name and investigation to exactly that investigation', async () => {
    const [mine, other] = [cases[2]!, cases[4]!];
    const made = await app.inject({ method: 'POST', url: '/v1/keys', payload: { name: mine.payload, role: 'viewer', investigations: [mine.investigation] } });
    expect(made.statusCode, made.body).toBe(201);
    const key = made.json();
    expect(key).toMatchObject({ name: mine.payload, investigations: [mine.investigation] });
    const as = (url: string) => get(url, { authorization: `Bearer ${key.key}` });
    expect((await as(`/v1/entities/person/${enc(mine.person)}`)).statusCode).toBe(200);
    expect((await as(`/v1/entities/person/${enc(other.person)}`)).statusCode).toBe(404);
    expect((await as(`/v1/entities?q=${enc(other.marker)}`)).json().total).toBe(0);
    expect((await app.inject({ method: 'DELETE', url: `/v1/keys/${key.id}` })).statusCode).toBe(200);
  });

  it('filters the audit trail by payload investigations, entities and principals', async () => {
    await each(cases, async (c) => {
      const byInvestigation = await get(`/v1/audit?investigation=${enc(c.investigation)}&limit=1000`);
      expect(byInvestigation.statusCode, c.payload).toBe(200);
      expect(
        byInvestigation.json().items.some((record: Json) => record.route === '/v1/ingest' && record.investigations.includes(c.investigation)),
        c.payload,
      ).toBe(true);
      const byEntity = (await get(`/v1/audit?entity=${enc(`person:${c.person}`)}`)).json();
      expect(byEntity.items.length, c.payload).toBeGreaterThan(0);
      expect(
        byEntity.items.every((record: Json) => record.entities.includes(`person:${c.person}`)),
        c.payload,
      ).toBe(true);
      expect((await get(`/v1/audit?principal=${enc(c.payload)}`)).json().total, c.payload).toBe(0);
    });
  });

  it('answers payloads in path and query parameters with 4xx, never 5xx', async () => {
    await each(cases, async (c) => {
      const p = enc(c.payload);
      for (const url of [
        `/v1/entities/${p}/${p}`,
        `/v1/entities/${p}/${p}/network?depth=${p}&limit=${p}`,
        `/v1/entities/person/${p}`,
        `/v1/analyses/${p}`,
        `/v1/analyses/${run.id}/entities/${p}/${p}`,
        `/v1/analyses/${run.id}/rankings?type=${p}&limit=${p}`,
        `/v1/analyses/${run.id}/compare/${p}?top=${p}`,
        `/v1/analyses/${run.id}/export?format=${p}`,
        `/v1/analyses?status=${p}&investigation=${p}`,
        `/v1/rankings/latest?investigation=${p}&investigation=${p}&community=${p}`,
        `/v1/audit?entity=${p}&from=${p}`,
      ]) {
        const response = await get(url);
        expect(response.statusCode, `${url} → ${response.body}`).toBeLessThan(500);
      }
      const csv = await app.inject({
        method: 'POST',
        url: `/v1/ingest/csv/${p}?investigations=${enc(c.investigation)}`,
        headers: { 'content-type': 'text/csv' },
        payload: 'id,name\r\n',
      });
      expect(csv.statusCode, c.payload).toBe(400);
    });
  });

  it('erases a payload person and only it', async () => {
    for (const c of cases.slice(0, 6)) {
      const erased = await app.inject({ method: 'DELETE', url: `/v1/entities/person/${enc(c.person)}` });
      expect(erased.statusCode, erased.body).toBe(200);
      // Its link, employment and crossing (its membership of its investigation is not a relation).
      expect(erased.json(), c.payload).toMatchObject({ type: 'person', id: c.person, erased: true, relationsRemoved: 3 });
      expect((await get(`/v1/entities/person/${enc(c.person)}`)).statusCode, c.payload).toBe(404);
      expect((await get(`/v1/entities/person/${enc(c.partner)}`)).statusCode, c.payload).toBe(200);
      expect((await get(`/v1/entities/organisation/${enc(c.organisation)}`)).statusCode, c.payload).toBe(200);
    }
    for (const c of cases.slice(6)) expect((await get(`/v1/entities/person/${enc(c.person)}`)).statusCode, c.payload).toBe(200);
  });

  it('leaves the sentinels as they were, nothing SET by a payload, and the database answering', async () => {
    for (const id of sentinel.people) {
      const view = await get(`/v1/entities/person/${enc(id)}`);
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({ id, properties: { name: `Sentinel ${id}` }, investigations: [sentinel.investigation] });
    }
    expect(await one(driver, 'MATCH (n) WHERE $inv IN n.investigations RETURN count(n) AS n', { inv: sentinel.investigation })).toEqual({ n: 3 });
    expect(await one(driver, 'MATCH ()-[r]->() WHERE $inv IN r.investigations RETURN count(r) AS n', { inv: sentinel.investigation })).toEqual({ n: 1 });
    expect(await one(driver, 'MATCH (n) WHERE n.pwned IS NOT NULL RETURN count(n) AS n')).toEqual({ n: 0 });
    expect((await get('/readyz')).statusCode).toBe(200);
    expect((await get('/v1/system')).statusCode).toBe(200);
  });
});
