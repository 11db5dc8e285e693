import { readFile } from 'node:fs/promises';

import type { FastifyInstance } from 'fastify';
import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { csvColumns } from '../../src/ingest/csv.js';
import { RECORD_KIND_NAMES } from '../../src/schemas/ingest.js';
import { useTestApp } from '../support/app.js';
import { one, uniqueTag } from '../support/graph.js';

const query = (t: string, extra = '') => `investigations=OP-${t}&source=REP-${t}&grading=2BP${extra}`;
const postTo = (app: FastifyInstance, kind: string, csv: string, q: string, contentType = 'text/csv') =>
  app.inject({ method: 'POST', url: `/v1/ingest/csv/${kind}?${q}`, headers: { 'content-type': contentType }, payload: csv });
type Rejection = { line: number; path: string; message: string; id?: string };
const where = (report: { rejections: Rejection[] }) => report.rejections.map((r) => [r.line, r.path]);

describe('POST /v1/ingest/csv/{kind}', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({}, (a, d) => {
    app = a;
    driver = d;
  });
  const post = (kind: string, csv: string, q: string, contentType?: string) => postTo(app, kind, csv, q, contentType);
  const count = async (t: string) => (await one<{ n: number }>(driver, 'MATCH (n) WHERE $inv IN n.investigations RETURN count(n) AS n', { inv: `OP-${t}` })).n;

  it('loads people with list cells and grading columns, the query giving the defaults', async () => {
    const t = uniqueTag();
    const csv = [
      'id,name,aliases,roles,nationality,sourceEvaluation,intelligenceAssessment,handlingCode,source',
      `P1-${t},Karwan Aziz,Kaka; K.A.;,organiser;recruiter,IQ,1,A,C,REP-OWN-${t}`,
      `P2-${t},Dler M.,,pilot,,,,,`,
    ].join('\n');
    const response = await post('person', csv, query(t), 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'completed', received: 2, accepted: 2, entities: { Person: { created: 2 } } });
    const stored = `MATCH (p:Person {id: $id}) RETURN p.name AS name, p.aliases AS aliases, p.roles AS roles, p.nationality AS nationality,
      p.source AS source, p.sourceEvaluation AS se, p.intelligenceAssessment AS ia, p.handlingCode AS hc, p.investigations AS investigations`;
    expect(await one(driver, stored, { id: `P1-${t}` })).toEqual({
      name: 'Karwan Aziz',
      aliases: ['Kaka', 'K.A.'],
      roles: ['organiser', 'recruiter'],
      nationality: 'IQ',
      source: `REP-OWN-${t}`,
      se: 1,
      ia: 'A',
      hc: 'C',
      investigations: [`OP-${t}`],
    });
    expect(await one(driver, stored, { id: `P2-${t}` })).toEqual({
      name: 'Dler M.',
      aliases: null,
      roles: ['pilot'],
      nationality: null,
      source: `REP-${t}`,
      se: 2,
      ia: 'B',
      hc: 'P',
      investigations: [`OP-${t}`],
    });
  });

  it('loads payments from payer and payee columns as Payment nodes with PAID and PAID_TO', async () => {
    const t = uniqueTag();
    const csv = `id,payerType,payerId,payeeType,payeeId,amount,currency,date,channel\nPAY1-${t},person,P1-${t},organisation,O1-${t},250000,EUR,2024-03-10,hawala\n`;
    const response = await post('payment', csv, query(t), 'application/csv');
    expect(response.json()).toMatchObject({ status: 'completed', accepted: 1, relations: { PAID: { created: 1 }, PAID_TO: { created: 1 } } });
    const paid = await one(
      driver,
      'MATCH (a:Person {id: $a})-[:PAID]->(p:Payment)-[:PAID_TO]->(b:Organisation {id: $b}) RETURN p.id AS id, p.amount AS amount, p.channel AS channel',
      { a: `P1-${t}`, b: `O1-${t}` },
    );
    expect(paid).toEqual({ id: `PAY1-${t}`, amount: 250000, channel: 'hawala' });
  });

  it('reads quoted cells holding commas, quotes and line breaks, and keeps later line numbers right', async () => {
    const t = uniqueTag();
    const csv = `id,name\nP1-${t},"Aziz, Karwan\n""Kaka"""\nP2-${t},\nP3-${t},Fine\n`;
    const report = (await post('person', csv, query(t))).json();
    expect(where(report)).toEqual([[4, 'name']]);
    expect(await one(driver, 'MATCH (p:Person {id: $id}) RETURN p.name AS name', { id: `P1-${t}` })).toEqual({ name: 'Aziz, Karwan\n"Kaka"' });
    expect(report.accepted).toBe(2);
  });

  it('accepts a byte-order mark and CRLF line endings, also inside quoted cells', async () => {
    const t = uniqueTag();
    const csv = `\ufeffid,name\r\nP1-${t},"two\r\nlines"\r\n\r\nP2-${t},\r\n`;
    const report = (await post('person', csv, query(t))).json();
    expect(where(report)).toEqual([[5, 'name']]);
    expect(await one(driver, 'MATCH (p:Person {id: $id}) RETURN p.name AS name', { id: `P1-${t}` })).toEqual({ name: 'two\nlines' });
  });

  it('rejects bad rows with their line and field path and loads the good ones', async () => {
    const t = uniqueTag();
    const csv = [
      'id,name,kind,country,latitude,longitude,sourceEvaluation,intelligenceAssessment,handlingCode',
      `L1-${t},Gravelines,beach,FR,51.01,2.12,,,`,
      `L2-${t},Nowhere,submarine,fr,north,2.1,4,B,`,
      `L3-${t},Calais,port,,,,,,`,
    ].join('\n');
    const report = (await post('location', csv, query(t))).json();
    expect(report).toMatchObject({ status: 'partial', received: 3, accepted: 2, rejected: 1 });
    expect(where(report)).toEqual([
      [3, 'kind'],
      [3, 'country'],
      [3, 'latitude'],
      [3, 'grading.sourceEvaluation'],
      [3, 'grading.handlingCode'],
    ]);
    expect(report.rejections[0].id).toBe(`L2-${t}`);
    expect(await one(driver, 'MATCH (l:Location {id: $id}) RETURN l.latitude AS lat', { id: `L1-${t}` })).toEqual({ lat: 51.01 });
  });

  it('rejects a non-numeric amount with the path amount, never reading it as 0', async () => {
    const t = uniqueTag();
    const csv = `id,payerType,payerId,payeeType,payeeId,amount,currency,date,channel\nPAY1-${t},person,P1,person,P2,"12,50",EUR,2024-03-10,cash\nPAY2-${t},person,P1,person,P2,12.5,EUR,2024-03-10,cash\n`;
    const report = (await post('payment', csv, query(t))).json();
    expect(where(report)).toEqual([
      [2, 'amount'],
      [3, 'amount'],
    ]);
    expect(report.rejections[0].message).toMatch(/expected number/);
    expect(report.rejections[1].message).toMatch(/whole number/);
  });

  it('maps account holders and relation ends from their composite columns', async () => {
    const t = uniqueTag();
    const accounts = await post('account', `id,kind,holders\nACC-${t},bank,person:P1-${t}; organisation:O1-${t}\nACC2-${t},bank,P1-${t}\n`, query(t));
    expect(where(accounts.json())).toEqual([[3, 'holders[0]']]);
    const relations = await post('relation', `id,type,fromType,fromId,toType,toId,date\nREL-${t},bought,person,P1-${t},vessel,E1-${t},2024-02-20\n`, query(t));
    expect(relations.json()).toMatchObject({ status: 'completed', relations: { BOUGHT: { created: 1 } } });
    const holds = await one(driver, 'MATCH (h)-[:HOLDS]->(:Account {id: $id}) RETURN collect(h.id) AS holders', { id: `ACC-${t}` });
    expect(new Set((holds as { holders: string[] }).holders)).toEqual(new Set([`P1-${t}`, `O1-${t}`]));
  });

  it('refuses an unknown, unnamed or repeated column, or part of the grading, with 400 naming it', async () => {
    const t = uniqueTag();
    const messages = async (csv: string) => {
      const response = await post('vessel', csv, query(t));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('MALFORMED_BODY');
      return response.json().error.message as string;
    };
    expect(await messages(`id,kind,colour\nV-${t},boat,red\n`)).toMatch(/^line 1: unknown column colour for vessel: expected id, kind, name/);
    expect(await messages(`id,kind,make,kind\nV-${t},boat,X,boat\n`)).toBe('line 1: column kind appears twice in the header row');
    expect(await messages(`id,kind,\nV-${t},boat,\n`)).toBe('line 1: column 3 of the header row has no name');
    expect(await messages(`id,kind,sourceEvaluation,handlingCode\nV-${t},boat,1,P\n`)).toMatch(/grading columns .* go together: intelligenceAssessment missing/);
    expect(await count(t)).toBe(0);
  });

  it('refuses a CSV syntax error with 400 naming its line, before writing anything', async () => {
    const t = uniqueTag();
    const unclosed = await post('person', `id,name\nP1-${t},Fine\n\nP2-${t},"never closed\nP3-${t},X\n`, query(t));
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().error).toMatchObject({ code: 'MALFORMED_BODY', message: 'line 4: a quoted cell opened in this row is never closed' });
    const short = await post('person', `id,name\nP1-${t},"two\nlines"\nP2-${t}\n`, query(t));
    expect(short.json().error.message).toBe('line 4: the row has 1 cells where the header row has 2 columns');
    expect((await post('person', '', query(t))).json().error.message).toMatch(/^the body is empty/);
    expect(await count(t)).toBe(0);
  });

  it('refuses an unknown kind, a bad grading code or no investigation with 400 naming the parameter', async () => {
    const kind = await post('boat', 'id\nB-1\n', query('x'));
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details).toEqual([{ path: 'params.kind', message: expect.stringMatching(/^unknown kind boat: expected one of person, /) }]);
    const grading = await post('person', 'id,name\nP,X\n', 'investigations=OP&grading=4BP');
    expect(grading.json().error.details).toEqual([{ path: 'querystring.grading', message: expect.stringMatching(/2BP/) }]);
    const none = await post('person', 'id,name\nP,X\n', 'investigations=,');
    expect(none.json().error.details[0].path).toBe('querystring.investigations');
  });

  it('writes nothing in atomic mode when a row is invalid', async () => {
    const t = uniqueTag();
    const response = await post('person', `id,name\nP1-${t},Fine\nP2-${t},\n`, query(t, '&atomic=true'));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'line 3: name', message: expect.any(String) }]);
    expect(response.json().report).toMatchObject({ status: 'rejected', received: 2, accepted: 0 });
    expect(await count(t)).toBe(0);
  });

  it('leaves everything unchanged when the same CSV is loaded again', async () => {
    const t = uniqueTag();
    const csv = `id,date,outcome,passengers,organisers,pilots,vesselIds\nX1-${t},2024-03-14,intercepted,61,P1-${t};P2-${t},P3-${t},E1-${t}\nX2-${t},2024-04-02,,,P1-${t},,\n`;
    expect((await post('crossing', csv, query(t))).json().entities.Crossing.created).toBe(2);
    const again = (await post('crossing', csv, query(t))).json();
    expect(again.entities.Crossing).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    for (const counts of Object.values(again.relations) as { created: number; updated: number }[]) expect(counts.created + counts.updated).toBe(0);
    expect(Object.keys(again.relations).sort()).toEqual(['ORGANISED', 'PILOTED', 'USED_VESSEL']);
  });

  it('documents exactly the columns of every kind in docs/csv-columns.md', async () => {
    const doc = await readFile(new URL('../../docs/csv-columns.md', import.meta.url), 'utf8');
    const tables = Object.fromEntries(
      doc
        .split(/^## /m)
        .slice(1)
        .map((section) => [section.split('\n')[0]!.trim(), [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]!)]),
    );
    for (const kind of RECORD_KIND_NAMES) expect([...tables[kind]!, ...tables['Common columns']!].sort(), kind).toEqual(csvColumns(kind).sort());
  });
});

describe('POST /v1/ingest/csv/{kind} over the byte limit', () => {
  let app: FastifyInstance;
  let driver: Driver;
  useTestApp({ INGEST_MAX_STREAM_BYTES: '20000' }, (a, d) => {
    app = a;
    driver = d;
  });

  it('refuses the body with 413 and writes nothing', async () => {
    const t = uniqueTag();
    const rows = Array.from({ length: 600 }, (_, i) => `P${i}-${t},Somebody with a long enough name`);
    const response = await postTo(app, 'person', ['id,name', ...rows].join('\n'), query(t));
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'the body is larger than the limit of 20000 bytes' });
    expect(await one(driver, 'MATCH (p:Person) WHERE p.id ENDS WITH $t RETURN count(p) AS n', { t: `-${t}` })).toEqual({ n: 0 });
  });
});
